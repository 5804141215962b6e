/**
 * npm run bench -- dates [--mb 8]
 * Date extraction against chrono-node's zh parser (the baseline) in the same run:
 * - accuracy on the full absolute dates of testdata/dates-zh.tsv (same subset and judge as
 *   test/unit/extract/dates.test.ts);
 * - 成文日期 accuracy on the seed documents (test/unit/extract/seed-cases.ts), against the
 *   naive rule "the last full date chrono finds in the document";
 * - throughput in MB/s (UTF-8) over seed text repeated to --mb megabytes (chrono on a slice,
 *   it is much slower).
 */
import * as chrono from 'chrono-node';
import { extractDates } from '../../native/text/dates.js';
import { findDocDate } from '../../native/extract/doc-date.js';
import { judge, loadFullDateRows, type Found } from '../unit/extract/dates-tsv.js';
import { SEED_DOC_DATES, seedText, toPages } from '../unit/extract/seed-cases.js';

const args = process.argv.slice(2);
const mbArg = args.indexOf('--mb');
const targetMb = mbArg >= 0 ? Number(args[mbArg + 1]) : 8;

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function chronoDates(text: string, ref: Date, fullOnly: boolean): Found[] {
  return chrono.zh
    .parse(text, ref)
    .filter((r) => !fullOnly || (r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day')))
    .map((r) => ({ start: r.index, end: r.index + r.text.length, date: iso(r.start.get('year') ?? 0, r.start.get('month') ?? 0, r.start.get('day') ?? 0) }));
}

function refOf(reference: string): Date {
  const d = new Date(reference.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? new Date(2020, 0, 1) : d;
}

// 1. dates-zh.tsv full absolute dates
const rows = loadFullDateRows();
let ours = 0;
let base = 0;
const misses: string[] = [];
for (const row of rows) {
  if (judge(row, extractDates(row.input).filter((d) => d.precision === 'day'))) ours++;
  else misses.push(`${row.line}:${row.input}`);
  if (judge(row, chronoDates(row.input, refOf(row.reference), false))) base++;
}
const accuracy = ours / rows.length;
const baselineAccuracy = base / rows.length;
console.log(`dates-zh.tsv full absolute dates: ${rows.length} rows; ours ${ours}, chrono ${base}`);
if (misses.length > 0) console.log(`  our misses: ${misses.join(' | ')}`);

// 2. 成文日期 of the seed documents
let docOk = 0;
let docBase = 0;
for (const c of SEED_DOC_DATES) {
  const text = c.text();
  const got = findDocDate(toPages(text))?.value ?? null;
  const all = chronoDates(text, new Date(2020, 0, 1), true);
  const naive = all.length > 0 ? all[all.length - 1]!.date : null;
  if (got === c.expected) docOk++;
  if (naive === c.expected) docBase++;
  console.log(`  ${got === c.expected ? 'ok  ' : 'MISS'} ${c.name}: expected ${c.expected ?? '(none)'}, got ${got ?? '(none)'}; baseline ${naive ?? '(none)'}`);
}
const docAccuracy = docOk / SEED_DOC_DATES.length;
const docBaselineAccuracy = docBase / SEED_DOC_DATES.length;

// 3. throughput: realistic document text (the seeds) and a worst case dense with dates and
// numbers (tables, registers). Called per page, as the search indexer calls it.
function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function corpusOf(unit: string, mb: number): string[] {
  const parts: string[] = [];
  let n = 0;
  while (n < mb * 1e6) {
    parts.push(unit);
    n += Buffer.byteLength(unit);
  }
  return chunk(parts.join('\n'), 1500);
}

function timeIt(fn: () => number, repeats: number): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const ref = new Date(2020, 0, 1);
function throughput(pages: string[]): { ours: number; chrono: number } {
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
  const ms = timeIt(() => pages.reduce((n, p) => n + extractDates(p).length, 0), 3);
  const slice = pages.slice(0, Math.max(1, Math.floor(pages.length / 40)));
  const sliceBytes = slice.reduce((n, p) => n + Buffer.byteLength(p), 0);
  const chronoMs = timeIt(() => slice.reduce((n, p) => n + chrono.zh.parse(p, ref).length, 0), 1);
  return { ours: bytes / 1e6 / (ms / 1000), chrono: sliceBytes / 1e6 / (chronoMs / 1000) };
}

const seedsUnit = ['000', '001', '002', '003', '004'].map(seedText).join('\n');
const denseUnit = '2016年4月26日 收文 123.45 万元，档号 Z109-WS·2016-Y-0001 共 12 页；二〇一六年五月三日 6.3.1 2016/5/3 电话 0371-67170003 近年来每年 2—3 元\n';
const real = throughput(corpusOf(seedsUnit, targetMb));
const dense = throughput(corpusOf(denseUnit, Math.max(1, targetMb / 2)));
console.log(`throughput MB/s: seeds ours ${real.ours.toFixed(1)} chrono ${real.chrono.toFixed(2)}; dense ours ${dense.ours.toFixed(1)} chrono ${dense.chrono.toFixed(2)}`);

const f = (x: number, d = 3): string => x.toFixed(d);
console.log(
  `BENCH dates accuracy=${f(accuracy)} baseline_accuracy=${f(baselineAccuracy)} accuracy_ratio=${f(accuracy / Math.max(baselineAccuracy, 1e-9), 2)}` +
    ` docdate_accuracy=${f(docAccuracy)} docdate_baseline_accuracy=${f(docBaselineAccuracy)}` +
    ` mb_per_s=${f(real.ours, 1)} baseline_mb_per_s=${f(real.chrono, 2)} speed_ratio=${f(real.ours / real.chrono, 1)}` +
    ` dense_mb_per_s=${f(dense.ours, 1)} dense_baseline_mb_per_s=${f(dense.chrono, 2)} dense_speed_ratio=${f(dense.ours / dense.chrono, 1)}` +
    ` rows=${rows.length} docdate_cases=${SEED_DOC_DATES.length}`,
);
