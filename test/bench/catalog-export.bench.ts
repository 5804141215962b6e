// npm run bench -- catalog-export [--records N] [--keep]
// The catalog export for the municipal archive's query system (issue 13): N records (default
// 100,000) exported through VaultApi as an archivist, as CSV, XML and xlsx. Goal: ≤ 10 s each at
// 100k records. Printed with the ratio to the goal (time / 10 s: ≤ 1 meets it) and, as a baseline
// measured in the same run, the bare SELECT of the same rows with a CSV join and one file write
// (what no export can beat).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VaultApi } from '../../native/api/vault-api.js';
import { createVaultWithAccounts } from '../harness/accounts.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const records = opt('records', 100_000);
const GOAL_S = (10 * records) / 100_000;

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-catalog-export-bench-'));
try {
  const dir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(dir);
  const api = await VaultApi.open(dir);
  const db = api.vault.db;
  const t0 = performance.now();
  const titles = ['关于加强档案安全工作的意见', '关于进一步做好电子文件归档和电子档案管理工作的通知', '档案室年度工作总结', '关于印发《机关档案管理规定》的通知'];
  db.transaction(() => {
    const ins = db.prepare(`INSERT INTO records (fonds_code, category_code, year, retention, org_unit, item_number, archival_code, title, creator, doc_number, doc_date,
      page_count, classification, classified_hold, remarks, source_key, created_at, updated_at) VALUES ('Z109', 'WS', ?, 'D30', 'BGS', ?, ?, ?, '某某市档案局', ?, ?, ?, ?, ?, '', ?, 'now', 'now')`);
    for (let i = 0; i < records; i++) {
      const year = 2000 + (i % 20);
      const item = Math.floor(i / 20) + 1;
      ins.run(year, item, `Z109-WS·${year}-D30-BGS-${String(item).padStart(5, '0')}`, titles[i % titles.length]!, `档发〔${year}〕${item}号`, `${year}-04-26`, 1 + (i % 9),
        i % 97 === 0 ? 'secret' : 'public', i % 89 === 0 ? 1 : 0, `bench-${i}`);
    }
  })();
  const fillS = (performance.now() - t0) / 1000;
  const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'bench');

  // Baseline: the same rows, one SELECT, joined as CSV text, one write.
  const b0 = performance.now();
  const rows = db.prepare(`SELECT archival_code, doc_number, creator, title, doc_date, classification, page_count, remarks, fonds_code, category_code, year, retention, org_unit, item_number
    FROM records WHERE classified_hold = 0 AND classification NOT IN ('secret', 'confidential', 'top_secret') ORDER BY fonds_code, category_code, year, retention, org_unit, item_number`).raw().all() as unknown[][];
  fs.writeFileSync(path.join(root, 'baseline.csv'), rows.map((r, i) => `${i + 1},${r.join(',')}`).join('\r\n'));
  const baselineS = (performance.now() - b0) / 1000;

  const results: string[] = [];
  for (const format of ['csv', 'xml', 'xlsx'] as const) {
    const out = path.join(root, `catalog.${format}`);
    const s0 = performance.now();
    const r = await api.catalog.export(archivist, { format, out });
    const s = (performance.now() - s0) / 1000;
    results.push(`${format}_s=${s.toFixed(2)} ${format}_goal_ratio=${(s / GOAL_S).toFixed(2)} ${format}_baseline_ratio=${(s / baselineS).toFixed(1)} ${format}_mb=${(r.bytes / 1e6).toFixed(1)}`);
    if (r.records + r.leftOut !== records) throw new Error(`exported ${r.records} + left out ${r.leftOut} ≠ ${records}`);
  }
  api.close();
  console.log(`BENCH catalog-export records=${records} goal_s=${GOAL_S} baseline_s=${baselineS.toFixed(2)} fill_s=${fillS.toFixed(1)} ${results.join(' ')} peak_rss_mb=${vmHwmMb().toFixed(0)}`);
} finally {
  if (!args.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
}
