/**
 * A zip package's folder links the masters instead of copying them (issue 11's speed): the
 * seal check is then the first read of those bytes, so a master whose bytes no longer match the
 * vault's digest must still stop the package, and nothing of the links may outlive the export.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { RecordRow } from '../../../native/catalog/types.js';
import { CheckCollector } from '../../../native/check/four-property.js';
import { createUnitSigningKey } from '../../../native/crypto/unit-key.js';
import { isVaultError } from '../../../native/errors.js';
import { digestFile } from '../../../native/hash/digests.js';
import { planPackage, verifyPackagePath, writePackage, type PackageItem } from '../../../native/package/index.js';
import { tempDir } from '../../harness/temp.js';

const key = createUnitSigningKey({ unitName: '测试单位' });

async function items(dir: string, n: number): Promise<{ items: PackageItem[]; sources: string[] }> {
  fs.mkdirSync(dir, { recursive: true });
  const out: PackageItem[] = [];
  const sources: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `scan-${i}.jpg`);
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(300_000)]));
    fs.chmodSync(f, 0o444);
    const d = await digestFile(f);
    const record: RecordRow = {
      id: i + 1, fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS', itemNumber: i + 1, archivalCode: `Z109-WS·2016-Y-BGS-${String(i + 1).padStart(4, '0')}`, title: `测试 ${i}`,
      creator: '', docNumber: '', docDate: null, pageCount: 1, classification: 'public', classificationPeriod: '', classifiedHold: false, remarks: '',
      sourceName: '', createdAt: '', updatedAt: '',
      codeStatus: 'fixed', scanStatus: 'scanned', disposal: '', appraisedRetention: null, accessStatus: 'unreviewed',
    };
    out.push({ record, masters: [{ seq: 1, source: f, ext: 'jpg', sha256: d.sha256, sm3: d.sm3, size: d.size, pageCount: 1, pageTexts: [] }] });
    sources.push(f);
  }
  return { items: out, sources };
}

const plan = (id: string, list: PackageItem[]) => planPackage({
  transferId: id, sourceOrganization: '测试单位', toUnit: '市档案馆', transferName: 't', items: list, report: new CheckCollector().report('selection'),
  transferredBy: 't', approvedBy: 't', outputKind: 'zip',
});

test('a zip package from linked masters verifies, and leaves every master with its one name', async () => {
  const root = tempDir();
  const { items: list, sources } = await items(path.join(root, 'objects'), 3);
  const out = path.join(root, 'p.zip');
  const written = await writePackage(plan('YJLINK1', list), { output: out, kind: 'zip', transferId: 'YJLINK1', sourceOrganization: '测试单位', signer: { key } });
  assert.ok(written.verification.valid);
  const v = await verifyPackagePath(out, { pin: key.certificate.fingerprint256 });
  assert.ok(v.valid, JSON.stringify(v.problems.slice(0, 3)));
  for (const s of sources) assert.equal(fs.statSync(s).nlink, 1, `${s} is linked from nowhere once the export is done`);
  assert.deepEqual(fs.readdirSync(root).sort(), ['objects', 'p.zip']);
});

test('a master whose bytes no longer match the vault\'s digest stops a zip package built from links', async () => {
  const root = tempDir();
  const { items: list, sources } = await items(path.join(root, 'objects'), 3);
  // Same size, one byte changed: only reading the bytes finds it.
  fs.chmodSync(sources[1]!, 0o644);
  const fd = fs.openSync(sources[1]!, 'r+');
  fs.writeSync(fd, Buffer.from([0x00]), 0, 1, 1000);
  fs.closeSync(fd);
  const out = path.join(root, 'bad.zip');
  await assert.rejects(
    writePackage(plan('YJLINK2', list), { output: out, kind: 'zip', transferId: 'YJLINK2', sourceOrganization: '测试单位', signer: { key } }),
    (e: unknown) => isVaultError(e) && e.code === 'PACKAGE_SEAL_CHECK_FAILED' && JSON.stringify(e.details).includes('0002'),
  );
  assert.deepEqual(fs.readdirSync(root), ['objects'], 'nothing left beside the masters');
  for (const s of sources) assert.equal(fs.statSync(s).nlink, 1);
});

test('a dead export\'s work folder is cleared by the next export to that name, even one refused because a package is there', async () => {
  const root = tempDir();
  const { items: list } = await items(path.join(root, 'objects'), 1);
  const out = path.join(root, 'q.zip');
  // A pid no process has (beyond pid_max) stands for a writer that was killed; ours is alive.
  const dead = path.join(root, '.q.zip.transfer-partial-99999999-aaaaaa');
  const alive = path.join(root, `.q.zip.transfer-partial-${process.pid}-bbbbbb`);
  fs.mkdirSync(dead);
  fs.mkdirSync(alive);
  await writePackage(plan('YJSTALE1', list), { output: out, kind: 'zip', transferId: 'YJSTALE1', sourceOrganization: '测试单位', signer: { key } });
  assert.ok(!fs.existsSync(dead), 'the dead writer\'s folder is gone');
  assert.ok(fs.existsSync(alive), 'a live writer\'s folder is left alone');
  // Killed after the rename: a finished package and its writer's folder beside it.
  fs.mkdirSync(dead);
  await assert.rejects(
    writePackage(plan('YJSTALE2', list), { output: out, kind: 'zip', transferId: 'YJSTALE2', sourceOrganization: '测试单位', signer: { key } }),
    (e: unknown) => isVaultError(e) && e.code === 'PACKAGE_TARGET_EXISTS',
  );
  assert.ok(!fs.existsSync(dead), 'cleared although the export was refused');
  assert.ok(fs.existsSync(alive));
});
