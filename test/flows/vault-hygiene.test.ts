/**
 * Vault hygiene (issue 15, part 4): temp files left by a crash are cleared when the vault
 * opens (a live writer's are kept); `lantai check` covers derived/ (a damaged thumbnail or
 * normalized image is named with its 档号 and page); `lantai check --repair` rebuilds what is
 * derived from the masters and never writes a master.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { main } from '../../native/cli/main.js';
import { derivedFault } from '../../native/images/derived-check.js';
import { ensureNormalized } from '../../native/images/derived-images.js';
import { derivedPath } from '../../native/images/derived-paths.js';
import { Vault } from '../../native/vault/vault.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

const work = tempDir();
const vaultDir = path.join(work, 'vault 库');
let acc: TestAccounts;

async function lantai(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ...acc.archivist.env, LANG: 'en_US.UTF-8' } });
  return { code, out, err };
}

/** Every file under objects/ with its digest and mtime: what "never touches masters" means. */
function snapshotObjects(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, `${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${fs.statSync(p).mtimeMs}`);
    }
  };
  walk(path.join(vaultDir, 'objects'));
  return out;
}

function pageImages(): { sha: string; code: string; pageNo: number }[] {
  const v = Vault.open(vaultDir);
  try {
    return v.db.prepare('SELECT p.image_sha256 AS sha, r.archival_code AS code, p.page_no AS pageNo FROM pages p JOIN records r ON r.id = p.record_id ORDER BY r.id, p.page_no').all() as { sha: string; code: string; pageNo: number }[];
  } finally {
    v.close();
  }
}

/** Flips bytes in the middle of a file (a bad sector, a torn write), keeping its size. */
function damage(file: string): void {
  const b = fs.readFileSync(file);
  for (let i = Math.floor(b.length / 2); i < Math.floor(b.length / 2) + 64; i++) b[i] = b[i]! ^ 0x5a;
  fs.writeFileSync(file, b);
}

before(async () => {
  acc = await createVaultWithAccounts(vaultDir);
  const scans = path.join(work, 'scans');
  await writeTestBatch(path.join(scans, 'a'), 2, { format: 'jpeg' });
  await writeTestPage(path.join(scans, 'b.jpg'), 9, { format: 'jpeg' });
  const r = await lantai('ingest', path.join(scans, 'a'), path.join(scans, 'b.jpg'), '--fonds', 'Z109', '--year', '2016', '--retention', 'Y');
  assert.equal(r.code, 0, r.err);
});

test('temp files of a dead writer are cleared when the vault opens; a live writer\'s are kept', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const [first] = pageImages();
  const thumb = derivedPath({ paths: { derived: path.join(vaultDir, 'derived') } } as Vault, first!.sha, 'thumb.jpg');
  const leftovers = [
    path.join(vaultDir, 'objects', '.tmp', `staged.${dead}.0badc0de.tmp`),
    `${thumb}.${dead}.0badc0de.tmp`,
    path.join(vaultDir, `.vault.json.${dead}.0badc0de.tmp`),
  ];
  const live = `${thumb}.${process.pid}.0badc0de.tmp`;
  for (const f of [...leftovers, live]) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, 'half-written');
  }
  const r = await lantai('jobs');
  assert.equal(r.code, 0, r.err);
  for (const f of leftovers) assert.equal(fs.existsSync(f), false, `${f} removed on open`);
  assert.ok(fs.existsSync(live), 'a live process\'s temp file is kept');
  fs.rmSync(live);
});

test('check finds a damaged thumbnail and a damaged normalized image, by 档号 and page; --repair rebuilds them and never writes a master', async () => {
  const pages = pageImages();
  const v = await Vault.openForWork(vaultDir);
  const thumb = derivedPath(v, pages[0]!.sha, 'thumb.jpg');
  const norm = await ensureNormalized(v, { imageSha256: pages[1]!.sha, compression: 'jpeg', orientation: 1 });
  v.close();
  assert.equal(await derivedFault(thumb, 'thumb.jpg', false), null);
  assert.equal(await derivedFault(norm, 'norm.png', false), null);
  damage(thumb);
  damage(norm);
  const leftover = path.join(vaultDir, 'derived', 'ee', `${'e'.repeat(64)}.thumb.jpg`);
  fs.mkdirSync(path.dirname(leftover), { recursive: true });
  fs.copyFileSync(thumb, leftover);

  const found = await lantai('check', '--json');
  assert.equal(found.code, 1, 'a damaged derived file fails the check');
  const report = JSON.parse(found.out) as { problems: { code: string; severity: string; details: Record<string, unknown>; message: { en: string } }[] };
  const damaged = report.problems.filter((p) => p.code === 'DERIVED_DAMAGED');
  assert.deepEqual(damaged.map((p) => [p.details['path'], p.details['archivalCode'], p.details['pageNo']]).sort(), [[thumb, pages[0]!.code, pages[0]!.pageNo], [norm, pages[1]!.code, pages[1]!.pageNo]].sort());
  assert.ok(damaged.every((p) => p.severity === 'warning' && /check --repair/.test(p.message.en)));
  assert.ok(report.problems.some((p) => p.code === 'DERIVED_LEFTOVER' && p.details['path'] === leftover));
  // --quick still finds a damaged file when its end is cut off.
  const cut = fs.readFileSync(thumb);
  fs.writeFileSync(thumb, cut.subarray(0, cut.length - 100));
  assert.ok((await lantai('check', '--quick', '--json')).out.includes('DERIVED_DAMAGED'));

  const before = snapshotObjects();
  const repaired = await lantai('check', '--repair');
  assert.equal(repaired.code, 0, repaired.out + repaired.err);
  assert.match(repaired.out, new RegExp(`DERIVED_REBUILT.*page ${pages[0]!.pageNo} of ${pages[0]!.code}`));
  assert.match(repaired.out, /DERIVED_LEFTOVER_REMOVED/);
  assert.equal(await derivedFault(thumb, 'thumb.jpg', false), null, 'the thumbnail decodes again');
  assert.equal(await derivedFault(norm, 'norm.png', false), null, 'the normalized image decodes again');
  assert.equal(fs.existsSync(leftover), false);
  assert.deepEqual(snapshotObjects(), before, 'objects/ is byte for byte and time for time what it was');
  assert.equal((await lantai('check')).code, 0, 'a clean check after the repair');
});

test('--repair rebuilds nothing from a damaged master and leaves the master as it found it', async () => {
  const pages = pageImages();
  const sha = pages[2]!.sha;
  const master = path.join(vaultDir, 'objects', sha.slice(0, 2), sha);
  const thumb = derivedPath({ paths: { derived: path.join(vaultDir, 'derived') } } as Vault, sha, 'thumb.jpg');
  fs.chmodSync(master, 0o644);
  damage(master);
  damage(thumb);
  const damagedMaster = fs.readFileSync(master);
  const damagedThumb = fs.readFileSync(thumb);
  const r = await lantai('check', '--repair', '--json');
  assert.equal(r.code, 1);
  const codes = (JSON.parse(r.out) as { problems: { code: string }[] }).problems.map((p) => p.code);
  assert.ok(codes.includes('DIGEST_MISMATCH') && codes.includes('DERIVED_DAMAGED') && !codes.includes('DERIVED_REBUILT'), codes.join(','));
  assert.deepEqual(fs.readFileSync(master), damagedMaster, 'the master is not "repaired"');
  assert.deepEqual(fs.readFileSync(thumb), damagedThumb, 'nothing is rebuilt from a master that fails its digests');
});

test('--repair rebuilds a stale search index', async () => {
  const v = Vault.open(vaultDir);
  v.db.exec('DELETE FROM search_record');
  v.close();
  const stale = await lantai('check', '--json');
  assert.ok(stale.out.includes('SEARCH_INDEX_STALE'));
  const r = await lantai('check', '--repair', '--json');
  const codes = (JSON.parse(r.out) as { problems: { code: string }[] }).problems.map((p) => p.code);
  assert.ok(codes.includes('SEARCH_INDEX_REBUILT') && !codes.includes('SEARCH_INDEX_STALE'), codes.join(','));
});
