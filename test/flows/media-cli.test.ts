/**
 * The media commands as a backup officer runs them: register two folder media, back up,
 * verify (exit 0 only when clean), damage a byte, verify again (exit 1, alert), repair,
 * coverage, custody, labels with a QR code, a migration, then restore the whole vault on a
 * "fresh machine" from the media and the passphrase, and check the restored vault.
 *
 * The commands run through the CLI's main() in this process (parse, call, print, exit code:
 * all of the command), so the file pays for tsx and a login once; one command runs as a real
 * `lantai` child to prove the process's own exit code and --json output. The engine behind
 * each command is tested through VaultApi in media-backup, media-faults and media-migrate.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { main } from '../../native/cli/main.js';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, makeMediaVault } from './media-fixture.js';

const root = tempDir();

/** `lantai …` in this process: what a child prints and its exit code. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: { LANG: 'en_US.UTF-8', ...env } });
  return { code, stdout, stderr };
}

test('lantai media/backup/verify-media/alerts/repair/coverage/rotation/migrate/restore', { timeout: 180_000 }, async () => {
  const v = await makeMediaVault(root, { records: 2 });
  v.api.close();
  const env = { ...v.acc.backup.env, LANTAI_BACKUP_PASSPHRASE_FILE: v.passphraseFile };
  const lantai = (...args: string[]) => cli(args, env);
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
  // This one as a real `lantai` process: its exit code and its --json are what scripts see.
  const child = await runChild([CLI, 'verify-media', '--medium', 'HDD-A', '--json'], { env });
  assert.equal(child.code, 1, child.stderr);
  assert.equal((json(child)['findings'] as unknown[]).length, 1);
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

  // A migration of B to a new medium C: B retired with its disposal record, C verified.
  const mC = blankMedium(root, 'C 盘');
  r = await lantai('media', 'add', '--type', 'usb', '--site', '区档案馆', '--path', mC, '--id', 'USB-C', '--capacity', '64GB');
  assert.equal(r.code, 0, r.stderr);
  r = await lantai('migrate', '--from', 'SSD-B', '--to', 'USB-C', '--reason', '到期迁移', '--json');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal((json(r)['verify'] as { clean: boolean }).clean, true);
  r = await lantai('media', 'show', 'SSD-B');
  assert.match(r.stdout, /retired .*: 到期迁移 → USB-C, keep until/);

  // Restore on a fresh machine: the media and the passphrase; the restorer logs in to the result.
  const to = path.join(root, 'restored 恢复');
  r = await cli(['restore', '--from', mA, '--from', mC, '--to', to, '--json'], { LANTAI_USER: v.acc.backup.username, LANTAI_PASSWORD_FILE: v.acc.backup.passwordFile, LANTAI_BACKUP_PASSPHRASE_FILE: v.passphraseFile });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const report = json(r);
  assert.equal(report['complete'], true);
  assert.equal((report['audit'] as { ok: boolean }).ok, true);
  r = await cli(['check', '--vault', to], { LANTAI_USER: v.acc.archivist.username, LANTAI_PASSWORD_FILE: v.acc.archivist.passwordFile });
  assert.equal(r.code === 0 || /SEARCH_INDEX_STALE/.test(r.stdout), true, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /\[error\]|UNFINISHED_JOB/, 'the jobs the snapshot caught running are closed in the restored vault');
  r = await cli(['audit', 'verify', '--vault', to], { LANTAI_USER: v.acc.auditor.username, LANTAI_PASSWORD_FILE: v.acc.auditor.passwordFile });
  assert.equal(r.code, 0, r.stdout + r.stderr);

  // A restore drill against the live vault.
  r = await lantai('restore', '--drill', '--from', mA, '--from', mC, '--json');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(json(r)['matchesLive'], true);
});
