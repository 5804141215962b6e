/**
 * Optical media with the real tools: a backup to a BD-R stages the disc folder and makes its
 * ISO image with xorriso (genisoimage or mkisofs where that is what the system has); the
 * image is read back with xorriso and compared with the staged folder byte for byte, its
 * volume id names the medium, and "burning" (extracting the image into the disc's mount
 * folder) gives a disc that verifies clean. A backup too big for the disc stops before
 * staging more than the disc holds, and says what is left. Skipped where no ISO tool is
 * installed (CI installs xorriso: .ci/run).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../native/cli/main.js';
import { ISO_FIXED, isoFileBytes, makeIso } from '../../native/media/iso.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, makeMediaVault } from './media-fixture.js';

const root = tempDir();

function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const XORRISO = hasTool('xorriso');

/** Every regular file under dir, relative, '/'-separated, sorted. */
function walk(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? walk(dir, r) : [r];
  }).sort();
}

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: { LANG: 'en_US.UTF-8', ...env } });
  return { code, stdout, stderr };
}

test('a BD-R backup stages the disc folder and a real ISO; the burned disc verifies clean', { timeout: 180_000, skip: XORRISO ? false : 'xorriso is not installed' }, async () => {
  const v = await makeMediaVault(path.join(root, 'a'), { records: 3 });
  const stage = blankMedium(root, 'BD-2026-0001');
  const disc = await v.api.media.add(v.backup, { type: 'bd_r', id: 'BD-2026-0001', label: '异地光盘甲', site: '市档案馆异地库', mountPath: stage });
  assert.equal(disc.capacityBytes, 25_025_314_816, 'a BD-R is a BD-25 unless registered otherwise');
  const objects = (v.api.vault.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
  v.api.close();
  const env = { ...v.acc.backup.env, LANTAI_BACKUP_PASSPHRASE_FILE: v.passphraseFile };
  const iso = `${stage}.iso`;

  // What the backup officer reads: where the image is, and which folder it was made from.
  let r = await cli(['backup', '--medium', disc.id], env);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.ok(r.stdout.includes(`Disc image: ${iso} (made from the folder ${stage};`), r.stdout);
  // Again with --json (a new catalog snapshot: the image is made again and replaces the first).
  const first = fs.statSync(iso);
  r = await cli(['backup', '--medium', disc.id, '--json'], env);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const result = JSON.parse(r.stdout) as { ok: boolean; iso: string; staged: string; written: number; alreadyThere: number; freeBytes: number };
  assert.deepEqual([result.ok, result.iso, result.staged, result.written, result.alreadyThere], [true, iso, stage, 0, objects]);
  assert.ok(fs.statSync(iso).size > first.size, 'the second image holds the second snapshot too');
  assert.ok(result.freeBytes > 0 && result.freeBytes <= disc.capacityBytes - fs.statSync(iso).size, `a disc's free room is its capacity less the image, not the staging disk's: ${result.freeBytes}`);
  assert.deepEqual(fs.readdirSync(path.dirname(stage)).filter((n) => n.endsWith('.tmp')), [], 'no temporary image left beside it');

  // The image is real: its volume id names the medium, and it holds the staged folder exactly.
  const pvd = execFileSync('xorriso', ['-indev', iso, '-pvd_info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.match(pvd, /^Volume Id\s*: BD-2026-0001$/m);
  const extracted = path.join(root, 'extracted');
  execFileSync('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', extracted], { stdio: 'ignore' });
  const staged = walk(stage);
  assert.deepEqual(walk(extracted), staged, 'the same files, by name');
  assert.ok(staged.includes('LANTAI-MEDIUM.json') && staged.includes('lantai/index.json') && staged.filter((f) => f.startsWith('lantai/objects/')).length === objects);
  assert.equal(staged.filter((f) => f.startsWith('lantai/catalog/')).length, 2);
  for (const f of staged) assert.ok(fs.readFileSync(path.join(extracted, f)).equals(fs.readFileSync(path.join(stage, f))), `${f} differs in the image`);
  // Names longer than Joliet's 64 characters are kept whole (Windows reads the Joliet tree).
  const listing = execFileSync('xorriso', ['-read_fs', 'norock', '-indev', iso, '-find', '/lantai/objects', '-type', 'f'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.ok(staged.filter((f) => f.startsWith('lantai/objects/')).every((f) => listing.includes(`/${f}'`)), listing);
  // The staging accounts for the image as it really is: never less than the image takes.
  const accounted = staged.reduce((n, f) => n + isoFileBytes(fs.statSync(path.join(stage, f)).size), ISO_FIXED);
  assert.ok(fs.statSync(iso).size <= accounted, `image ${fs.statSync(iso).size} bytes, staging counted ${accounted}`);

  // "Burning": the image extracted into the disc's mount folder; verify-media on it is clean.
  const burned = blankMedium(root, 'burned BD');
  execFileSync('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', burned], { stdio: 'ignore' });
  r = await cli(['verify-media', '--medium', disc.id, '--path', burned, '--json'], env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const verified = JSON.parse(r.stdout) as { clean: boolean; checked: number; smart: string };
  assert.deepEqual([verified.clean, verified.checked, verified.smart], [true, objects + 2, 'not-a-disk']);
  // A flipped byte on the burned disc is found: the check reads the disc, not the staging.
  const one = path.join(burned, staged.find((f) => f.startsWith('lantai/objects/'))!);
  const bytes = fs.readFileSync(one);
  bytes[100] = bytes[100]! ^ 1;
  fs.chmodSync(one, 0o644);
  fs.writeFileSync(one, bytes);
  r = await cli(['verify-media', '--medium', disc.id, '--path', burned, '--json'], env);
  assert.equal(r.code, 1, r.stdout);
});

test('a backup bigger than the disc stages only what fits, keeps it verified, names what is left and makes no image', { timeout: 180_000, skip: XORRISO ? false : 'xorriso is not installed' }, async () => {
  // ~1.5 MB per record; a "disc" of 4.5 MB holds the image overhead and one of them.
  const v = await makeMediaVault(path.join(root, 'b'), { records: 3, big: true });
  const { api, backup } = v;
  const stage = blankMedium(root, 'small disc');
  const capacity = 4_500_000;
  const disc = await api.media.add(backup, { type: 'dvd_r', id: 'DVD-SMALL', capacityBytes: capacity, site: '市档案馆异地库', mountPath: stage });
  const objects = (api.vault.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
  const err = await api.media.backup(backup, { mediumId: disc.id }).then(() => undefined, (e: unknown) => e as Error & { code?: string; details?: Record<string, unknown> });
  assert.ok(err, 'the backup must stop');
  assert.equal(err.code, 'MEDIUM_CAPACITY', err.message);
  const written = Number(err.details?.['written']);
  const left = Number(err.details?.['left']);
  assert.ok(written >= 1 && left >= 2, `written ${written}, left ${left}`);
  assert.equal(written + left, objects + 1, 'every object and the catalog snapshot: written or left');
  assert.match(err.message, new RegExp(`Medium DVD-SMALL holds 4\\.5 MB and cannot take the whole backup: ${written} files \\([0-9.]+ MB\\) written and verified, ${left} files \\([0-9.]+ MB\\) still to back up`));
  assert.equal(fs.existsSync(`${stage}.iso`), false, 'no image of an incomplete disc');
  // The staged folder stays within the disc, image overhead included.
  const staged = walk(stage);
  const accounted = staged.reduce((n, f) => n + isoFileBytes(fs.statSync(path.join(stage, f)).size), ISO_FIXED);
  assert.ok(accounted <= capacity, `staged ${accounted} bytes as an image, the disc holds ${capacity}`);
  assert.ok(!staged.includes('lantai/.reserve'));
  // What was written is verified and indexed; the alert says the disc is full.
  const check = await api.media.verify(backup, { mediumId: disc.id });
  assert.equal(check.clean, true, JSON.stringify(check.findings));
  assert.equal(check.checked, written);
  assert.ok(api.media.alerts(backup).some((a) => a.mediumId === disc.id && a.kind === 'full'));
  api.close();
});

test('an image the tool cannot make, or one larger than the disc, is an error naming it, and nothing is left that looks burnable', { skip: XORRISO ? false : 'xorriso is not installed' }, async () => {
  const folder = blankMedium(root, 'CD-TINY');
  fs.writeFileSync(path.join(folder, 'data.bin'), Buffer.alloc(300_000, 7));
  await assert.rejects(makeIso(folder, 'CD-TINY', 200_000), (e: Error & { code?: string }) => e.code === 'MEDIUM_ISO_FAILED' && /CD-TINY/.test(e.message) && /more than the disc holds \(0\.2 MB\)/.test(e.message));
  await assert.rejects(makeIso(path.join(root, 'mnt', 'no such folder'), 'CD-GONE', 1e9), (e: Error & { code?: string }) => e.code === 'MEDIUM_ISO_FAILED' && e.message.includes('xorriso could not make the disc image'));
  assert.deepEqual(fs.readdirSync(path.dirname(folder)).filter((n) => n.includes('CD-') && (n.endsWith('.iso') || n.endsWith('.tmp'))), []);
  const made = await makeIso(folder, 'cd-tiny 1', 1e9);
  assert.deepEqual([made?.path, made?.tool, made?.volumeId], [`${folder}.iso`, 'xorriso', 'CD-TINY_1']);
});

test('the image reports its growth against the size to expect, and a disc backup words it as iso:<percent>', { timeout: 180_000, skip: XORRISO ? false : 'xorriso is not installed' }, async () => {
  const folder = path.join(root, 'progress', 'BD-2026-0009');
  fs.mkdirSync(path.join(folder, 'lantai', 'objects'), { recursive: true });
  for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(folder, 'lantai', 'objects', `part-${i}.bin`), Buffer.alloc(6_000_000 + i * 1000, i + 1));
  const seen: [number, number][] = [];
  const image = await makeIso(folder, 'BD-2026-0009', 25e9, undefined, (bytes, expected) => seen.push([bytes, expected]));
  assert.ok(image, 'xorriso made the image');
  const expected = seen[0]![1];
  assert.ok(Math.abs(expected - image.bytes) / image.bytes < 0.1, `the size to expect (${expected}) is within 10% of the image (${image.bytes})`);
  assert.deepEqual(seen[seen.length - 1], [image.bytes, image.bytes], 'the last report is the whole image');
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]![0] >= seen[i - 1]![0], 'the image only grows');

  const v = await makeMediaVault(path.join(root, 'p'), { records: 2 });
  const stage = blankMedium(root, 'BD-2026-0010');
  const disc = await v.api.media.add(v.backup, { type: 'bd_r', id: 'BD-2026-0010', label: '异地光盘丙', site: '市档案馆异地库', mountPath: stage });
  const messages: string[] = [];
  const r = await v.api.media.backup(v.backup, { mediumId: disc.id }, { onProgress: (p) => messages.push(p.message) });
  assert.ok(r.iso, 'the backup made an image');
  assert.equal(messages[messages.length - 1], 'iso:100', 'the backup ends with the image whole');
  assert.ok(messages.every((m) => m === disc.id || /^iso:\d+$/.test(m)), messages.join(', '));
  await v.api.close();
});
