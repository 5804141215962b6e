import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isPartialBagName, validateBag, writeBag, type BagProgress } from '../../../native/bag/index.js';
import { VaultError } from '../../../native/errors.js';
import { tempDir } from '../../harness/temp.js';
import { describe } from './helpers.js';

const MiB = 1 << 20;
const REPO = path.resolve(import.meta.dirname, '..', '..', '..');

/** One 8 MiB source file, listed many times: enough bytes that progress arrives midway. */
function bigPayload(dir: string, files: number): Array<{ path: string; source: string }> {
  const source = path.join(dir, 'source.bin');
  fs.writeFileSync(source, crypto.randomBytes(8 * MiB));
  return Array.from({ length: files }, (_, i) => ({ path: `卷/${String(i).padStart(4, '0')}.tif`, source }));
}

test('while a bag is written only the hidden partial folder exists; aborting midway leaves nothing at all', async () => {
  const dir = tempDir();
  const payload = bigPayload(dir, 24);
  const parent = path.join(dir, 'out');
  const target = path.join(parent, '移交包');
  const controller = new AbortController();
  const seenWhileWriting: string[][] = [];
  let abortedAt: BagProgress | undefined;
  const run = writeBag(target, payload, {
    signal: controller.signal,
    onProgress: (p) => {
      seenWhileWriting.push(fs.readdirSync(parent));
      if (!abortedAt && p.bytesDone > 0 && p.done < p.total) {
        abortedAt = { ...p };
        controller.abort();
      }
    },
  });
  await assert.rejects(run, (e: unknown) => e instanceof VaultError && e.code === 'BAG_CANCELLED');
  assert.ok(abortedAt, 'a progress event arrived midway (otherwise the abort was never exercised)');
  assert.ok(abortedAt.bytesDone < abortedAt.bytesTotal);
  for (const names of seenWhileWriting) {
    assert.equal(names.length, 1, `one folder while writing: ${names.join(', ')}`);
    assert.ok(isPartialBagName(names[0]!), `only the partial name exists while writing, not ${names[0]}`);
    assert.notEqual(names[0], path.basename(target));
  }
  assert.deepEqual(fs.readdirSync(parent), [], 'neither the bag nor its partial folder is left after the abort');

  // The same write, not aborted, ends with the bag at its name and no partial folder.
  await writeBag(target, payload.slice(0, 2));
  assert.deepEqual(fs.readdirSync(parent), [path.basename(target)]);
  const r = await validateBag(target);
  assert.ok(r.valid, describe(r));
});

test('a writer killed with SIGKILL mid-write leaves no folder at the final name', async () => {
  const dir = tempDir();
  const payload = bigPayload(dir, 24);
  const parent = path.join(dir, 'out');
  const target = path.join(parent, 'bag');
  const script = path.join(dir, 'writer.mts');
  const bagModule = pathToFileURL(path.join(REPO, 'native', 'bag', 'index.ts')).href;
  fs.writeFileSync(script, [
    `import { writeBag } from ${JSON.stringify(bagModule)};`,
    `const payload = ${JSON.stringify(payload)};`,
    `await writeBag(${JSON.stringify(target)}, payload, { onProgress: (p) => { if (p.bytesDone > 0 && p.done < p.total) process.stdout.write('midway\\n'); } });`,
    `process.stdout.write('finished\\n');`,
  ].join('\n'));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const outcome = await new Promise<string>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('midway')) {
        child.kill('SIGKILL');
        resolve('killed');
      } else if (d.toString().includes('finished')) resolve('finished');
    });
    child.on('exit', () => resolve('exited'));
  });
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)));
  assert.equal(outcome, 'killed', `the child was killed midway (stderr: ${stderr})`);
  assert.equal(child.signalCode, 'SIGKILL');
  const left = fs.readdirSync(parent);
  assert.ok(!left.includes('bag'), `no folder at the final name after a crash: ${left.join(', ')}`);
  // What a crash leaves is recognisable as partial, so a cleanup can remove it safely.
  assert.ok(left.every(isPartialBagName), left.join(', '));
});
