// npm run bench -- qc [--pages N] [--rounds N] [--keep] [--measure-at-qc]
// Machine QC cost on top of ingest (issue 13: ≤ 50 ms per page). Realistic 300-dpi A4 scans
// (native/samples: grey and colour, PNG and JPEG, skew, noise) are ingested into fresh vaults
// in the same process, alternately without and with the machine checks of the batch afterwards
// (findings written), so both runs see the same machine load. The run with QC ingests as a
// digitization project's scanning does, measuring each page for QC as it is stored
// (page_measures), and the checks then read those measures; the plain run ingests as plain
// ingest does, without measuring. So on-top is QC's whole cost, the share ingest took included;
// its two parts and the CPU time per page (all threads) are printed too. --measure-at-qc: the
// run with QC ingests without measuring, so the checks decode every page themselves (a vault
// from before migration 0270, re-scanned pages; how every batch was checked before).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nowIso } from '../../native/db/database.js';
import { insertProject, linkRecord, listItems } from '../../native/digitization/projects.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { insertBatch } from '../../native/qc/batches.js';
import { runMachineChecks } from '../../native/qc/machine.js';
import { generateSampleScans } from '../../native/samples/index.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const PAGES = Number(arg('pages') ?? 60);
const ROUNDS = Number(arg('rounds') ?? 2);
const MEASURE_AT_QC = args.includes('--measure-at-qc');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai bench 质检-'));
if (!args.includes('--keep')) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

const scans = path.join(dir, 'scans');
await generateSampleScans(scans, { documents: PAGES, totalPages: PAGES });
fs.rmSync(path.join(scans, 'manifest.json'), { force: true });
const sources = fs.readdirSync(scans).map((d) => path.join(scans, d));

let n = 0;
/** CPU seconds of the whole process (every thread: sharp's, the hashing worker's) since `from`: less moved by other work on the machine than wall time. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};

async function round(withQc: boolean): Promise<{ pages: number; ingestSecs: number; qcSecs: number; ingestCpu: number; qcCpu: number; findings: number }> {
  const vault = await initWorkingVault(path.join(dir, `vault ${n++}`));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await ingest(vault, { paths: sources, metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y', orgUnit: 'BGS' }, measure: withQc && !MEASURE_AT_QC });
    const ingestSecs = (performance.now() - t0) / 1000;
    const ingestCpu = cpuSince(cpu0);
    const pages = summary.items.reduce((s, i) => s + (i.pageCount ?? 0), 0);
    if (summary.status !== 'done') throw new Error(`ingest did not finish: ${summary.status}`);
    if (!withQc) return { pages, ingestSecs, qcSecs: 0, ingestCpu, qcCpu: 0, findings: 0 };
    const db = vault.db;
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    const at = nowIso();
    db.prepare("INSERT INTO accounts (username, password_hash, password_changed_at, created_at, updated_at) VALUES ('bench', 'scrypt$bench', ?, ?, ?)").run(at, at, at);
    const records = summary.items.filter((i) => i.recordId !== undefined);
    const pid = insertProject(db, { name: 'bench', inHouse: true, items: records.map((r) => ({ archivalCode: r.archivalCode! })) }, 1, at);
    const items = listItems(db, pid);
    items.forEach((it, i) => linkRecord(db, it.id, records[i]!.recordId!));
    const batch = insertBatch(db, pid, { minDpi: 300, colourMode: 'any', samplePercent: 5, passMark: 95 }, items.map((it, i) => ({ itemId: it.id, recordId: records[i]!.recordId! })), 1, at);
    const machine = await runMachineChecks(vault, batch);
    return { pages, ingestSecs, qcSecs: (performance.now() - t1) / 1000, ingestCpu, qcCpu: cpuSince(cpu1), findings: machine.findings.length };
  } finally {
    vault.close();
  }
}

const plain: { pages: number; secs: number; cpu: number }[] = [];
const checked: { pages: number; secs: number; qc: number; ingestCpu: number; qcCpu: number; findings: number }[] = [];
await round(true); // warm-up (sharp, the measuring code and the JIT)
for (let r = 0; r < ROUNDS; r++) {
  const a = await round(false);
  plain.push({ pages: a.pages, secs: a.ingestSecs, cpu: a.ingestCpu });
  const b = await round(true);
  checked.push({ pages: b.pages, secs: b.ingestSecs + b.qcSecs, qc: b.qcSecs, ingestCpu: b.ingestCpu, qcCpu: b.qcCpu, findings: b.findings });
}
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
const pagesPlain = sum(plain, (x) => x.pages);
const pagesChecked = sum(checked, (x) => x.pages);
const ingestRate = pagesPlain / sum(plain, (x) => x.secs);
const withQcRate = pagesChecked / sum(checked, (x) => x.secs);
const qcMsPerPage = (sum(checked, (x) => x.qc) * 1000) / pagesChecked;
const onTop = 1000 / withQcRate - 1000 / ingestRate;
console.log(`pages per round ${plain[0]?.pages}; rounds ${ROUNDS}; pages measured ${MEASURE_AT_QC ? 'by the checks' : 'at ingest'}; findings on the samples ${checked.map((c) => c.findings).join(', ')}`);
console.log(
  `BENCH qc pages=${pagesChecked} ingest=${ingestRate.toFixed(1)} pages/s ingest+qc=${withQcRate.toFixed(1)} pages/s ` +
    `qc=${qcMsPerPage.toFixed(1)} ms/page on-top=${onTop.toFixed(1)} ms/page ratio=${(ingestRate / withQcRate).toFixed(2)}x (goal: ≤ 50 ms/page on top of ingest)`,
);
const cpuMs = <T extends { pages: number }>(xs: T[], f: (x: T) => number) => ((sum(xs, f) * 1000) / sum(xs, (x) => x.pages)).toFixed(1);
console.log(
  `BENCH qc-parts measuring-in-ingest=${(1000 / withQcRate - qcMsPerPage - 1000 / ingestRate).toFixed(1)} ms/page qc-step=${qcMsPerPage.toFixed(1)} ms/page; ` +
    `CPU ms/page (all threads): plain ingest ${cpuMs(plain, (x) => x.cpu)}, measuring ingest ${cpuMs(checked, (x) => x.ingestCpu)}, qc step ${cpuMs(checked, (x) => x.qcCpu)}`,
);
