/**
 * Faults at the medium: a medium that fills up mid-write (a real 5 MB tmpfs: the kernel says
 * ENOSPC), read errors (EIO injected at the medium I/O boundary, the one place that may fake
 * them), and a network share refused before anything is written.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setMediumFaults } from '../../native/media/medium-io.js';
import { checkMediumPath } from '../../native/media/layout.js';
import { isNetworkFs, mountOf, parseMounts } from '../../native/media/mounts.js';
import { mountTmpfs } from '../harness/mount.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, makeMediaVault } from './media-fixture.js';

const root = tempDir();

test('a medium filling up mid-backup stops cleanly, keeps what was verified, says what is left, and the next medium takes the rest', { timeout: 120_000 }, async (t) => {
  const mount = path.join(root, 'small medium');
  const disk = mountTmpfs(mount, 5 * 1024 * 1024);
  if (!disk) return t.skip('cannot mount a 5 MB tmpfs here (needs root): the ENOSPC case is not exercised');
  try {
    // ~1.5 MB per record: the 5 MB medium holds two or three of six.
    const v = await makeMediaVault(path.join(root, 'full'), { records: 6, big: true });
    const { api, backup } = v;
    const small = await api.media.add(backup, { type: 'usb', capacityBytes: 5 * 1024 * 1024, site: '区档案馆', mountPath: mount });
    const err = await api.media.backup(backup, { mediumId: small.id }).then(() => undefined, (e: unknown) => e as Error & { code?: string; details?: Record<string, unknown> });
    assert.ok(err, 'the backup must stop');
    assert.equal(err.code, 'MEDIUM_FULL', err.message);
    const written = Number(err.details?.['written']);
    const left = Number(err.details?.['left']);
    assert.ok(written >= 1 && left >= 1, `written ${written}, left ${left}`);
    assert.match(err.message, /MB/);
    // What was verified is kept and indexed: a verification of the full medium is clean.
    const check = await api.media.verify(backup, { mediumId: small.id });
    assert.equal(check.clean, true, JSON.stringify(check.findings));
    assert.equal(check.checked, written);
    assert.equal(fs.readdirSync(path.join(mount, 'lantai')).filter((n) => n.endsWith('.partial') || n === '.reserve').length, 0, 'no half-written file left');
    assert.ok(api.media.alerts(backup).some((a) => a.mediumId === small.id && a.kind === 'full'));
    // The next medium takes everything (it lacks all of it); coverage counts both.
    const next = await api.media.add(backup, { type: 'hdd', capacityBytes: 1e12, site: '市档案馆异地库', mountPath: blankMedium(root, 'next') });
    const r = await api.media.backup(backup, { mediumId: next.id });
    assert.equal(r.failed.length, 0);
    api.close();
  } finally {
    disk.unmount();
  }
});

test('read errors (EIO) on a medium are reported per file, alerted, and repaired from another copy', { timeout: 120_000 }, async () => {
  const v = await makeMediaVault(path.join(root, 'eio'), { records: 3 });
  const { api, backup } = v;
  const a = await api.media.add(backup, { type: 'hdd', capacityBytes: 1e12, site: '市档案馆异地库', mountPath: blankMedium(root, 'eio-a') });
  await api.media.backup(backup, { mediumId: a.id });
  const victim = (api.vault.db.prepare('SELECT file FROM media_objects WHERE medium_id = ? ORDER BY file LIMIT 1').get(a.id) as { file: string }).file;
  setMediumFaults((op, file) => (op === 'read' && file.endsWith(path.basename(victim)) ? 'EIO' : undefined));
  try {
    const r = await api.media.verify(backup, { mediumId: a.id });
    assert.equal(r.clean, false);
    assert.deepEqual(r.findings.map((f) => [f.kind, f.file]), [['unreadable', victim]]);
    assert.match(r.findings[0]!.message.en, /EIO/);
  } finally {
    setMediumFaults(null);
  }
  assert.ok(api.media.alerts(backup).some((x) => x.kind === 'unreadable' && x.subject === victim));
  const fixed = await api.media.repair(backup, { mediumId: a.id });
  assert.deepEqual(fixed.map((f) => [f.file, f.ok, f.from]), [[victim, true, 'vault']]);
  assert.equal((await api.media.verify(backup, { mediumId: a.id })).clean, true);
  api.close();
});

test('a network share is refused as a medium, by its file-system type in /proc/mounts', () => {
  const mounts = parseMounts([
    '/dev/sda1 / ext4 rw 0 0',
    'server:/export /mnt/nfs nfs4 rw 0 0',
    '//fs/share /mnt/smb\\040share cifs rw 0 0',
    'user@host:/x /mnt/ssh fuse.sshfs rw 0 0',
    'tmpfs /mnt/local tmpfs rw 0 0',
  ].join('\n'));
  assert.equal(mountOf('/mnt/smb share/backup', mounts)?.fsType, 'cifs');
  assert.equal(mountOf('/mnt/nfs/a/b', mounts)?.fsType, 'nfs4');
  assert.equal(mountOf('/mnt/nfsother', mounts)?.fsType, 'ext4', 'a prefix that is not a path component is another mount');
  for (const t of ['nfs', 'nfs4', 'cifs', 'smb3', 'fuse.sshfs', '9p']) assert.equal(isNetworkFs(t), true, t);
  for (const t of ['ext4', 'xfs', 'vfat', 'exfat', 'udf', 'iso9660', 'tmpfs', 'ntfs3']) assert.equal(isNetworkFs(t), false, t);
  const dir = blankMedium(root, 'share');
  assert.throws(() => checkMediumPath(dir, [{ device: 'server:/x', mountPoint: path.dirname(dir), fsType: 'nfs' }]), (e: Error & { code?: string }) => e.code === 'MEDIUM_NETWORK_SHARE' && e.message.includes('nfs'));
  // This machine's real mounts: the temp folder is local.
  checkMediumPath(dir);
});
