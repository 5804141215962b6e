/**
 * The media commands as a backup officer runs them: register two folder media, back up,
 * verify (exit 0 only when clean), damage a byte, verify again (exit 1, alert), repair,
 * coverage, custody, labels with a QR code, then restore the whole vault on a "fresh machine"
 * from the two media and the passphrase, and check the restored vault.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, makeMediaVault } from './media-fixture.js';

const root = tempDir();

test('lantai media/backup/verify-media/alerts/repair/coverage/rotation/restore', { timeout: 180_000 }, async () => {
  const v = await makeMediaVault(root, { records: 2 });
  v.api.close();
  const env = { ...v.acc.backup.env, LANTAI_BACKUP_PASSPHRASE_FILE: v.passphraseFile };
  const lantai = (...args: string[]) => runChild([CLI, ...args], { env });
  const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, unknown>;
  const mA = blankMedium(root, 'A 盘');
  const mB = blankMedium(root, 'B 盘');

  let r = await lantai('media', 'add', '--type', 'hdd', '--site', '市档案馆异地库', '--path', mA, '--id', 'HDD-A', '--capacity', '2TB', '--brand', 'WD', '--batch', 'B1');
  assert.equal(r.code, 0, r.stderr);
  r = await lantai('media', 'add', '--type', 'ssd', '--site', '区档案馆', '--path', mB, '--id', 'SSD-B', '--capacity', '512GB');
  assert.equal(r.code, 0, r.stderr);
  r = await lantai('media', 'add', '--type', 'hdd', '--site', '市档案馆异地库', '--path', mA, '--capacity', '1TB');
  assert.equal(r.code, 1, 'a medium already labelled is refused');
  assert.match(r.stderr, /HDD-A/);

  for (const id of ['HDD-A', 'SSD-B']) {
    r = await lantai('backup', '--medium', id);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  }
  r = await lantai('verify-media', '--medium', 'HDD-A', '--json');
  assert.equal(r.code, 0, r.stdout);
  assert.equal(json(r)['clean'], true);
  r = await lantai('verify-media', '--medium', 'HDD-A', '--path', mB);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /MEDIUM_WRONG/);

  // One flipped byte: found, alerted, repaired.
  const objects = path.join(mA, 'lantai', 'objects');
  const sub = fs.readdirSync(objects)[0]!;
  const file = path.join(objects, sub, fs.readdirSync(path.join(objects, sub))[0]!);
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 1;
  fs.writeFileSync(file, bytes);
  r = await lantai('verify-media', '--medium', 'HDD-A', '--json');
  assert.equal(r.code, 1);
  assert.equal((json(r)['findings'] as unknown[]).length, 1);
  r = await lantai('alerts');
  assert.equal(r.code, 1, 'open alerts: exit 1');
  assert.match(r.stdout, /HDD-A\tmismatch/);
  r = await lantai('coverage', '--json');
  assert.equal(r.code, 1);
  assert.ok((json(r)['atRisk'] as unknown[]).length >= 1);
  r = await lantai('repair', '--medium', 'HDD-A', '--source', `SSD-B=${mB}`);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  r = await lantai('verify-media', '--medium', 'HDD-A', '--sample');
  assert.equal(r.code, 0, r.stdout);
  r = await lantai('alerts');
  assert.equal(r.code, 0, r.stdout);
  r = await lantai('coverage');
  assert.equal(r.code, 0, r.stdout);

  // Custody and rotation.
  r = await lantai('media', 'checkout', 'SSD-B', '--to', '区档案馆', '--courier', '机要通信员', '--count', '1');
  assert.equal(r.code, 0, r.stderr);
  r = await lantai('media', 'checkin', 'SSD-B', '--count', '1');
  assert.equal(r.code, 0, r.stderr);
  r = await lantai('rotation', '--json');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(Array.isArray(json(r)['takeOut']));

  // The printable label: text, SVG and a PNG QR code.
  r = await lantai('media', 'label', 'HDD-A', '--out', path.join(root, 'labels'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(root, 'labels', 'HDD-A-label.txt'), 'utf8'), /市档案馆异地库/);
  const png = await sharp(path.join(root, 'labels', 'HDD-A-label.png')).metadata();
  assert.ok(png.width! > 200 && png.width === png.height);
  assert.match(fs.readFileSync(path.join(root, 'labels', 'HDD-A-label.svg'), 'utf8'), /^<svg /);

  // Restore on a fresh machine: the two media and the passphrase; the restorer logs in to the result.
  const to = path.join(root, 'restored 恢复');
  r = await runChild([CLI, 'restore', '--from', mA, '--from', mB, '--to', to, '--json'], { env: { LANTAI_USER: v.acc.backup.username, LANTAI_PASSWORD_FILE: v.acc.backup.passwordFile, LANTAI_BACKUP_PASSPHRASE_FILE: v.passphraseFile } });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const report = json(r);
  assert.equal(report['complete'], true);
  assert.equal((report['audit'] as { ok: boolean }).ok, true);
  r = await runChild([CLI, 'check', '--vault', to], { env: { LANTAI_USER: v.acc.archivist.username, LANTAI_PASSWORD_FILE: v.acc.archivist.passwordFile } });
  assert.equal(r.code === 0 || /SEARCH_INDEX_STALE|UNFINISHED_JOB/.test(r.stdout), true, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /\[error\]/);
  r = await runChild([CLI, 'audit', 'verify', '--vault', to], { env: { LANTAI_USER: v.acc.auditor.username, LANTAI_PASSWORD_FILE: v.acc.auditor.passwordFile } });
  assert.equal(r.code, 0, r.stdout + r.stderr);

  // A restore drill against the live vault.
  r = await lantai('restore', '--drill', '--from', mA, '--from', mB, '--json');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(json(r)['matchesLive'], true);
});
