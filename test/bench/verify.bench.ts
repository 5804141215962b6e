// npm run bench -- verify [--gb N] [--keep]
// Verification of a medium without the key (every ciphertext against its index digest, on the
// hash pool: both cores) against what a person could run over the same files in the same run:
// `openssl dgst -sha256` and `sha256sum`. Cold cache (page cache dropped before each timed
// read, where /proc/sys/vm/drop_caches is writable: root) and warm cache; the BENCH line gives
// the cold figures when there are any, else the warm ones (and says which).
// Goal (issue 12): ratio_openssl ≥ 1.0 and ratio_sha256sum ≥ 2 at ≥ 2 GB. Never fails on noise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchMedium, benchVault, dropCaches, mediumDataFiles, optionNumber, overFiles, seconds, secondsAsync } from './media-setup.js';

const args = process.argv.slice(2);
const gb = optionNumber(args, 'gb', 2);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-verify-bench-'));
try {
  const v = await benchVault(root, gb);
  const mount = await benchMedium(v, root, 'HDD-BENCH');
  await v.api.media.backup(v.backup, { mediumId: 'HDD-BENCH' });
  const files = mediumDataFiles(mount);
  const mb = files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1e6;
  const cold = dropCaches();
  const runs: { cache: string; openssl: number; sha256sum: number; ours: number }[] = [];
  for (const cache of cold ? ['cold', 'warm'] : ['warm']) {
    const drop = () => (cache === 'cold' ? dropCaches() : true);
    if (cache === 'warm') overFiles('cat', [], files); // everything in the page cache first
    drop();
    const openssl = seconds(() => overFiles('openssl', ['dgst', '-sha256'], files));
    drop();
    const sha256sum = seconds(() => overFiles('sha256sum', [], files));
    drop();
    let clean = false;
    const ours = await secondsAsync(async () => {
      clean = (await v.api.media.verify(v.backup, { mediumId: 'HDD-BENCH' })).clean;
    });
    if (!clean) throw new Error('the bench medium did not verify clean');
    runs.push({ cache, openssl, sha256sum, ours });
    console.log(`${cache} cache: ${files.length} files, ${mb.toFixed(0)} MB: openssl dgst ${openssl.toFixed(2)} s (${(mb / openssl).toFixed(0)} MB/s), sha256sum ${sha256sum.toFixed(2)} s (${(mb / sha256sum).toFixed(0)} MB/s), lantai verify-media ${ours.toFixed(2)} s (${(mb / ours).toFixed(0)} MB/s)`);
  }
  if (!cold) console.log('warm cache only: /proc/sys/vm/drop_caches is not writable here (needs root)');
  const r = runs[0]!;
  v.api.close();
  console.log(`BENCH verify ratio_openssl=${(r.openssl / r.ours).toFixed(2)} ratio_sha256sum=${(r.sha256sum / r.ours).toFixed(2)}`);
} finally {
  if (!args.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
}
