import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';
import { listRecords } from '../../native/catalog/records.js';
import { checkVault } from '../../native/check/check-vault.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import { initWorkingVault, openWorkingVault } from '../../native/pipeline/wire.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { mountTmpfs } from '../harness/mount.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

async function bigPages(dir: string, count: number): Promise<void> {
  // ~1.5 MB each: noise-heavy colour PNGs so that a few of them fill a small disk.
  for (let i = 0; i < count; i++) await writeTestPage(path.join(dir, `${i + 1}.png`), i, { width: 1000, height: 1000, colour: true });
  for (let i = 0; i < count; i++) {
    const f = path.join(dir, `${i + 1}.png`);
    const noise = Buffer.alloc(1_500_000);
    for (let j = 0; j < noise.length; j += 4) noise.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, j);
    // A PNG may carry any private ancillary chunk: pad the file with one (decoders skip it).
    const png = fs.readFileSync(f);
    const iend = png.length - 12;
    const chunk = Buffer.alloc(12 + noise.length);
    chunk.writeUInt32BE(noise.length, 0);
    chunk.write('prVt', 4, 'latin1');
    noise.copy(chunk, 8);
    chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + noise.length)), 8 + noise.length);
    fs.writeFileSync(f, Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]));
  }
}

test('a full disk stops the ingest with a clear message; finished items are kept, nothing is half-written, and it resumes', { timeout: 180_000 }, async (t) => {
  const root = tempDir();
  const disk = mountTmpfs(path.join(root, 'small disk'), 12 * 1024 * 1024);
  if (!disk) return t.skip('cannot mount a tmpfs here (needs root)');
  try {
    const vaultDir = path.join(root, 'small disk', 'vault');
    const scans = path.join(root, 'scans');
    await bigPages(scans, 10);
    const vault = await initWorkingVault(vaultDir);
    const summary = await ingest(vault, { paths: [scans], eachFile: true, metadata: { year: 2016, retention: 'Y' } });
    assert.equal(summary.status, 'failed');
    assert.equal(summary.fatal?.code, 'DISK_FULL');
    assert.ok(JSON.stringify(summary.fatal?.message).includes(vaultDir), 'the message names where it could not write');
    const kept = listRecords(vault.db).total;
    assert.ok(kept > 0 && kept < 10, `some items done before the disk filled (${kept})`);
    const report = await checkVault(vault);
    assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
    vault.close();

    disk.remount('size=64m');
    const again = await openWorkingVault(vaultDir);
    const resumed = await ingest(again, { paths: [scans], eachFile: true, metadata: { year: 2016, retention: 'Y' } });
    assert.equal(resumed.status, 'done');
    assert.equal(resumed.resumed, true);
    assert.deepEqual(listRecords(again.db).records.map((r) => r.itemNumber), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual((await checkVault(again)).problems.filter((p) => p.severity === 'error'), []);
    again.close();
  } finally {
    disk.unmount();
  }
});

test('a read-only vault disk is refused with a clear message and left unchanged', { timeout: 60_000 }, async (t) => {
  const root = tempDir();
  const disk = mountTmpfs(path.join(root, 'ro disk'), 8 * 1024 * 1024);
  if (!disk) return t.skip('cannot mount a tmpfs here (needs root)');
  try {
    const vaultDir = path.join(root, 'ro disk', 'vault');
    const { env } = (await createVaultWithAccounts(vaultDir)).archivist;
    await writeTestPage(path.join(root, 'a.png'), 1);
    disk.remount('ro');
    const before = fs.readdirSync(vaultDir).sort();
    const run = await runChild([CLI, 'ingest', path.join(root, 'a.png'), '--vault', vaultDir], { env });
    assert.notEqual(run.code, 0);
    assert.ok(run.stderr.includes(vaultDir), run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace as a user message');
    assert.deepEqual(fs.readdirSync(vaultDir).sort(), before);
    const init = await runChild([CLI, 'init', path.join(root, 'ro disk', 'new vault')]);
    assert.equal(init.code, 3);
    assert.match(init.stderr, /TARGET_NOT_WRITABLE/);
  } finally {
    disk.unmount();
  }
});
