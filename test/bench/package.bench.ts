// npm run bench -- package [--mb N] [--files N] [--keep]
// Transfer package speed against the cheapest thing a person could do with the same files in
// the same run: `zip -0 -r` plus `openssl dgst -sha256` over them. Ours writes the bag (SHA-256
// and SM3 in one read), signs, checks the written package (every digest again, as sealing
// requires) and zips (store). Then verify-package on the folder against `openssl dgst -sha256`.
// Goal (issue 11): ratio ≤ 1.3, verify_ratio_openssl ≥ 0.8, peak RSS < 400 MB, at ≥ 2 GB.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUnitSigningKey } from '../../native/crypto/unit-key.js';
import type { RecordRow } from '../../native/catalog/types.js';
import { CheckCollector } from '../../native/check/four-property.js';
import { digestFile } from '../../native/hash/digests.js';
import { planPackage, verifyPackage, writePackage, type PackageItem } from '../../native/package/index.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const totalMb = opt('mb', 512);
const files = opt('files', Math.max(1, Math.round(totalMb / 4)));

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-package-bench-'));
try {
  const src = path.join(root, 'scans');
  fs.mkdirSync(src);
  const per = Math.floor((totalMb * 1e6) / files);
  const chunk = crypto.randomBytes(1 << 20);
  const items: PackageItem[] = [];
  for (let i = 0; i < files; i++) {
    const f = path.join(src, `scan-${String(i).padStart(5, '0')}.jpg`);
    const fd = fs.openSync(f, 'w');
    fs.writeSync(fd, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    for (let left = per - 4; left > 0; left -= chunk.length) fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
    fs.closeSync(fd);
    const d = await digestFile(f);
    const code = `Z109-WS·2016-Y-BGS-${String(i + 1).padStart(5, '0')}`;
    const record: RecordRow = {
      id: i + 1, fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'Y', orgUnit: 'BGS', itemNumber: i + 1, archivalCode: code, title: `基准 ${i}`,
      creator: '', docNumber: '', docDate: null, pageCount: 1, classification: 'public', classificationPeriod: '', classifiedHold: false, remarks: '',
      sourceName: '', createdAt: '', updatedAt: '',
      codeStatus: 'fixed', scanStatus: 'scanned', disposal: '', appraisedRetention: null, accessStatus: 'unreviewed',
    };
    items.push({ record, masters: [{ seq: 1, source: f, ext: 'jpg', sha256: d.sha256, sm3: d.sm3, size: d.size, pageCount: 1, pageTexts: [] }] });
  }
  const plan = (id: string) => planPackage({
    transferId: id, sourceOrganization: '基准测试单位', toUnit: '市档案馆', transferName: 'bench', items, report: new CheckCollector().report('selection'),
    transferredBy: 'bench', approvedBy: 'bench', outputKind: 'zip',
  });
  execFileSync('sync');

  let t = performance.now();
  execFileSync('zip', ['-0', '-r', '-q', path.join(root, 'baseline.zip'), 'scans'], { cwd: root });
  execFileSync('sh', ['-c', `openssl dgst -sha256 scans/* > /dev/null`], { cwd: root });
  const baseline = (performance.now() - t) / 1000;

  const key = createUnitSigningKey({ unitName: '基准测试单位' });
  t = performance.now();
  // Time per phase (write: the bag folder, its masters linked from the sources when on the same
  // disk as here, else copied; check: the seal check, reading every payload byte; zip).
  const phases: Record<string, number> = {};
  let last = '';
  let lastT = performance.now();
  const onProgress = (p: { phase: string }) => {
    if (p.phase === last) return;
    const now = performance.now();
    if (last) phases[last] = (phases[last] ?? 0) + (now - lastT);
    last = p.phase;
    lastT = now;
  };
  await writePackage(plan('YJBENCH'), { output: path.join(root, 'ours.zip'), kind: 'zip', transferId: 'YJBENCH', sourceOrganization: '基准测试单位', signer: { key }, onProgress });
  phases[last] = (phases[last] ?? 0) + (performance.now() - lastT);
  console.log(`phases: ${Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(', ')}`);
  const ours = (performance.now() - t) / 1000;

  t = performance.now();
  execFileSync('sh', ['-c', `openssl dgst -sha256 scans/* > /dev/null`], { cwd: root });
  const opensslOnly = (performance.now() - t) / 1000;
  // The same work as ours: a package verifies both manifests, and SM3 runs at about a quarter
  // of SHA-256's speed here (SHA-NI): this is the baseline that checks what we check.
  t = performance.now();
  execFileSync('sh', ['-c', `openssl dgst -sm3 scans/* > /dev/null`], { cwd: root });
  const opensslBoth = opensslOnly + (performance.now() - t) / 1000;
  const folder = path.join(root, 'folder');
  await writePackage(plan('YJBENCH2'), { output: folder, kind: 'folder', transferId: 'YJBENCH2', sourceOrganization: '基准测试单位', signer: { key } });
  t = performance.now();
  const v = await verifyPackage(folder);
  const verifySeconds = (performance.now() - t) / 1000;
  const verifyRatio = opensslOnly / verifySeconds;
  const verifyRatioBoth = opensslBoth / verifySeconds;
  if (!v.valid) throw new Error(`bench package not valid: ${v.problems[0]?.code}`);
  console.log(`baseline ${baseline.toFixed(2)} s (zip -0 + openssl dgst), ours ${ours.toFixed(2)} s, ${files} files, ${totalMb} MB`);
  console.log(`BENCH package ratio=${(ours / baseline).toFixed(2)} verify_ratio_openssl=${verifyRatio.toFixed(2)} verify_ratio_openssl_sha256_sm3=${verifyRatioBoth.toFixed(2)} peak_rss_mb=${vmHwmMb().toFixed(0)}`);
} finally {
  if (!args.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
}
