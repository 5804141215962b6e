// npm run bench -- backup [--gb N] [--keep]
// Backup with encryption (AES-256-GCM, every file fsynced and read back before it counts, a
// catalog snapshot) against `cp -r` of the same object files plus `sync`; restore onto a fresh
// folder (decrypt, SHA-256 + SM3 of every object, fsync) against `cp -r` of the medium's files
// plus `sha256sum` of them. Cold cache (page cache dropped before each timed run, where
// /proc/sys/vm/drop_caches is writable: root) and warm cache; the BENCH line gives the cold
// figures when there are any, else the warm ones (and says which).
// Goal (issue 12): ratio ≥ 0.8 and restore_ratio ≥ 0.7 at ≥ 2 GB. Never fails on noise.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VaultApi } from '../../native/api/vault-api.js';
import { benchMedium, benchVault, dropCaches, mediumDataFiles, optionNumber, overFiles, PASSPHRASE, seconds, secondsAsync } from './media-setup.js';

const args = process.argv.slice(2);
const gb = optionNumber(args, 'gb', 2);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-backup-bench-'));
try {
  const v = await benchVault(root, gb);
  const objectsDir = path.join(v.dir, 'objects');
  const mb = v.bytes / 1e6;
  const cold = dropCaches();
  const runs: { cache: string; ratio: number; restoreRatio: number }[] = [];
  for (const cache of cold ? ['cold', 'warm'] : ['warm']) {
    const drop = () => (cache === 'cold' ? dropCaches() : true);
    if (cache === 'warm') overFiles('cat', [], [...fs.readdirSync(objectsDir, { recursive: true, withFileTypes: true })].filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)));
    drop();
    const cpTarget = path.join(root, `cp-${cache}`);
    const cp = seconds(() => {
      execFileSync('cp', ['-r', objectsDir, cpTarget]);
      execFileSync('sync');
    });
    fs.rmSync(cpTarget, { recursive: true, force: true });
    const id = `HDD-${cache.toUpperCase()}`;
    await benchMedium(v, root, id);
    drop();
    const ours = await secondsAsync(() => v.api.media.backup(v.backup, { mediumId: id }));
    const mount = path.join(root, 'media', id);

    const files = mediumDataFiles(mount);
    drop();
    const restoreCp = path.join(root, `restore-cp-${cache}`);
    const baseRestore = seconds(() => {
      execFileSync('cp', ['-r', path.join(mount, 'lantai'), restoreCp]);
      overFiles('sha256sum', [], files.map((f) => path.join(restoreCp, path.relative(path.join(mount, 'lantai'), f))));
    });
    fs.rmSync(restoreCp, { recursive: true, force: true });
    drop();
    const to = path.join(root, `restored-${cache}`);
    let complete = false;
    const restore = await secondsAsync(async () => {
      complete = (await VaultApi.restoreFromMedia({ from: [mount], to, passphrase: PASSPHRASE })).complete;
    });
    if (!complete) throw new Error('the bench restore is incomplete');
    fs.rmSync(to, { recursive: true, force: true });
    runs.push({ cache, ratio: cp / ours, restoreRatio: baseRestore / restore });
    console.log(`${cache} cache: ${v.objects} objects, ${mb.toFixed(0)} MB: cp+sync ${cp.toFixed(2)} s (${(mb / cp).toFixed(0)} MB/s), lantai backup ${ours.toFixed(2)} s (${(mb / ours).toFixed(0)} MB/s); cp+sha256sum ${baseRestore.toFixed(2)} s, lantai restore ${restore.toFixed(2)} s (${(mb / restore).toFixed(0)} MB/s)`);
  }
  if (!cold) console.log('warm cache only: /proc/sys/vm/drop_caches is not writable here (needs root)');
  v.api.close();
  const r = runs[0]!;
  console.log(`BENCH backup ratio=${r.ratio.toFixed(2)} restore_ratio=${r.restoreRatio.toFixed(2)}`);
} finally {
  if (!args.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
}
