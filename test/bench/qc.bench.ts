// npm run bench -- qc [--pages N] [--rounds N] [--keep]
// Machine QC cost on top of ingest (issue 13: ≤ 50 ms per page). Realistic 300-dpi A4 scans
// (native/samples: grey and colour, PNG and JPEG, skew, noise) are ingested into fresh vaults
// in the same process, alternately without and with the machine checks of the batch afterwards
// (every page measured from its stored image, findings written), so both runs see the same
// machine load. Prints pages/s of each, the QC cost per page and the ratio.
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai bench 质检-'));
if (!args.includes('--keep')) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

const scans = path.join(dir, 'scans');
await generateSampleScans(scans, { documents: PAGES, totalPages: PAGES });
fs.rmSync(path.join(scans, 'manifest.json'), { force: true });
const sources = fs.readdirSync(scans).map((d) => path.join(scans, d));

let n = 0;
async function round(withQc: boolean): Promise<{ pages: number; ingestSecs: number; qcSecs: number; findings: number }> {
  const vault = await initWorkingVault(path.join(dir, `vault ${n++}`));
  try {
    const t0 = performance.now();
    const summary = await ingest(vault, { paths: sources, metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y', orgUnit: 'BGS' } });
    const ingestSecs = (performance.now() - t0) / 1000;
    const pages = summary.items.reduce((s, i) => s + (i.pageCount ?? 0), 0);
    if (summary.status !== 'done') throw new Error(`ingest did not finish: ${summary.status}`);
    if (!withQc) return { pages, ingestSecs, qcSecs: 0, findings: 0 };
    const db = vault.db;
    const t1 = performance.now();
    const at = nowIso();
    db.prepare("INSERT INTO accounts (username, password_hash, password_changed_at, created_at, updated_at) VALUES ('bench', 'scrypt$bench', ?, ?, ?)").run(at, at, at);
    const records = summary.items.filter((i) => i.recordId !== undefined);
    const pid = insertProject(db, { name: 'bench', inHouse: true, items: records.map((r) => ({ archivalCode: r.archivalCode! })) }, 1, at);
    const items = listItems(db, pid);
    items.forEach((it, i) => linkRecord(db, it.id, records[i]!.recordId!));
    const batch = insertBatch(db, pid, { minDpi: 300, colourMode: 'any', samplePercent: 5, passMark: 95 }, items.map((it, i) => ({ itemId: it.id, recordId: records[i]!.recordId! })), 1, at);
    const machine = await runMachineChecks(vault, batch);
    return { pages, ingestSecs, qcSecs: (performance.now() - t1) / 1000, findings: machine.findings.length };
  } finally {
    vault.close();
  }
}

const plain: { pages: number; secs: number }[] = [];
const checked: { pages: number; secs: number; qc: number; findings: number }[] = [];
await round(false); // warm-up (sharp and the JIT)
for (let r = 0; r < ROUNDS; r++) {
  const a = await round(false);
  plain.push({ pages: a.pages, secs: a.ingestSecs });
  const b = await round(true);
  checked.push({ pages: b.pages, secs: b.ingestSecs + b.qcSecs, qc: b.qcSecs, findings: b.findings });
}
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
const pagesPlain = sum(plain, (x) => x.pages);
const pagesChecked = sum(checked, (x) => x.pages);
const ingestRate = pagesPlain / sum(plain, (x) => x.secs);
const withQcRate = pagesChecked / sum(checked, (x) => x.secs);
const qcMsPerPage = (sum(checked, (x) => x.qc) * 1000) / pagesChecked;
const onTop = 1000 / withQcRate - 1000 / ingestRate;
console.log(`pages per round ${plain[0]?.pages}; rounds ${ROUNDS}; findings on the samples ${checked.map((c) => c.findings).join(', ')}`);
console.log(
  `BENCH qc pages=${pagesChecked} ingest=${ingestRate.toFixed(1)} pages/s ingest+qc=${withQcRate.toFixed(1)} pages/s ` +
    `qc=${qcMsPerPage.toFixed(1)} ms/page on-top=${onTop.toFixed(1)} ms/page ratio=${(ingestRate / withQcRate).toFixed(2)}x (goal: ≤ 50 ms/page on top of ingest)`,
);
