/**
 * npm run bench -- extract [--layout-only] [--rounds N]
 *
 * 成文日期 and 文号 suggestions against the ground truth of the sample documents
 * (native/samples), on the text our OCR actually reads from their rendered scans: red headers,
 * the seal over the date (压年盖月), Song and Ming faces, skew, speckle, blur, JPEG.
 * - Set A: the embedded GB/T 9704 documents, `--rounds` times (default 4) with other scan
 *   looks; every one prints a 成文日期 and a 文号.
 * - Set B: the first two pages of each seed text (long documents cut short, so no sign-off is
 *   printed: any 成文日期 suggested there is wrong; their bodies are full of dates).
 * OCR runs once: the scans and each page's OCR result are cached under os.tmpdir(), keyed by
 * a hash of the sample generator's sources and seed texts (scans) and of the image bytes, the
 * OCR options and native/ocr's and native/text's sources (OCR results), so a re-run only re-scores. `--layout-only` skips OCR and scores
 * the pages as laid out (exact text, boxes from the layout): the upper bound.
 * The previous scorer (test/bench/extract-baseline/doc-date.ts) runs on the same pages in the
 * same run. Ends with
 * `BENCH extract doc_date_right=… doc_date_wrong=… doc_number_right=… baseline_doc_date_right=…`
 * (fractions of the pages that print one; wrong = a suggestion that is not the printed date,
 * over all documents). Not a timed test: it never fails.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { findDocDate } from '../../native/extract/doc-date.js';
import { pageTextOf } from '../../native/extract/page-text.js';
import { extractDates } from '../../native/text/dates.js';
import { suggestDocNumber } from '../../native/extract/suggest.js';
import type { BBox, PageText } from '../../native/extract/types.js';
import { DEFAULT_PAGE_OCR, ocrPage } from '../../native/ocr/page.js';
import { defaultPoolSize, OcrPool } from '../../native/ocr/pool.js';
import type { OcrLayout } from '../../native/ocr/types.js';
import { isoDate } from '../../native/samples/chinese-date.js';
import { generateSampleScans, sourceDocuments } from '../../native/samples/generate.js';
import { A4_MM, layoutDocument } from '../../native/samples/layout.js';
import type { SampleDocument, SampleManifest } from '../../native/samples/manifest.js';
import { SEEDS } from '../harness/temp.js';
import { SEED_DOC_DATES } from '../unit/extract/seed-cases.js';
import { findDocDate as baselineFindDocDate } from './extract-baseline/doc-date.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join(os.tmpdir(), 'lantai-extract-bench');
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function hashFiles(h: crypto.Hash, dir: string): void {
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
}

interface SetSpec {
  name: string;
  documents: number;
  seedsDir: string | null;
  maxPages: number;
}

/** Renders (or reuses) one sample set; the key covers everything the scans are made from. */
async function sampleSet(spec: SetSpec): Promise<{ spec: SetSpec; dir: string; manifest: SampleManifest }> {
  const h = crypto.createHash('sha256').update(JSON.stringify(spec));
  hashFiles(h, path.join(REPO, 'native', 'samples'));
  if (spec.seedsDir) hashFiles(h, spec.seedsDir);
  const dir = path.join(CACHE, `${spec.name}-${h.digest('hex').slice(0, 12)}`);
  const file = path.join(dir, 'manifest.json');
  if (fs.existsSync(file)) return { spec, dir, manifest: JSON.parse(fs.readFileSync(file, 'utf8')) as SampleManifest };
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`rendering ${spec.name} (${spec.documents} documents) into ${dir}`);
  const manifest = await generateSampleScans(dir, { documents: spec.documents, seedsDir: spec.seedsDir, maxPagesPerDocument: spec.maxPages });
  return { spec, dir, manifest };
}

interface CachedOcr {
  text: string;
  layout: OcrLayout;
}

/**
 * The OCR pipeline's own sources and the text helpers it reads with (whether a date under a
 * seal was read decides a second reading): a change to how a page is read reads the pages again.
 */
const OCR_CODE = (() => {
  const h = crypto.createHash('sha256');
  for (const sub of ['ocr', 'text']) {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'native', sub);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) h.update(`${sub}/${f}`).update(fs.readFileSync(path.join(dir, f)));
  }
  return h.digest('hex');
})();

/** OCR of one scan, cached by the image bytes, the OCR options and the OCR code. */
async function ocrCached(pool: () => OcrPool, image: string): Promise<CachedOcr> {
  const bytes = fs.readFileSync(image);
  const key = crypto.createHash('sha256').update(bytes).update(JSON.stringify(DEFAULT_PAGE_OCR)).update(OCR_CODE).digest('hex').slice(0, 20);
  const file = path.join(CACHE, 'ocr', `${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as CachedOcr;
  // What ingest derives: the page in greyscale, same size; the colour master goes along for red.
  const grey = path.join(CACHE, 'ocr', `${key}.norm.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp(image).flatten({ background: '#ffffff' }).toColourspace('b-w').png().toFile(grey);
  const dpi = (await sharp(image).metadata()).density ?? 300;
  const t0 = performance.now();
  const r = await ocrPage(pool(), { greyFile: grey, colourFile: image, dpi });
  console.log(`  ocr ${path.relative(CACHE, image)}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const out: CachedOcr = { text: r.text, layout: r.layout };
  fs.writeFileSync(file, JSON.stringify(out));
  fs.rmSync(grey, { force: true });
  return out;
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

interface BenchDoc {
  id: string;
  /** 成文日期 printed on the scanned pages (null when none is: a document cut short). */
  docDate: string | null;
  docNumber: string | null;
  pages: PageText[];
}

const PT = 25.4 / 72;

/**
 * What OCR does to a sign-off on real scans once it reads the date at all (issue 14): the body
 * row above is cut by the page or the seal (it ends mid-sentence), the issuing body under the
 * seal is lost or garbled, seal ink leaves junk beside the date, 〇 is read as O.
 * - none: as printed;
 * - cut: the row before the sign-off loses its last three characters;
 * - cut-lost: cut, and the issuing body's row is lost under the seal;
 * - garbled: cut, the issuing body's row garbled, junk after the date, 〇 read as O;
 * - imprint: cut-lost, and a 版记 at the page bottom whose 印发 OCR lost under the rule:
 *   "XX办公室 … 2016年3月16日" on one row (the print date, a day later, must not be taken).
 */
type Damage = 'none' | 'cut' | 'cut-lost' | 'garbled' | 'imprint';
const DAMAGES: readonly Damage[] = ['none', 'cut', 'cut-lost', 'garbled', 'imprint'];

function damaged(text: string, role: string, damage: Damage, beforeSignOff: boolean): string | null {
  if (damage === 'none') return text;
  if (beforeSignOff) return Array.from(text).slice(0, -3).join('');
  if (role === 'signature' && (damage === 'cut-lost' || damage === 'imprint')) return null;
  if (role === 'signature' && damage === 'garbled') return `${text.slice(0, 2)} ${text.slice(2, -1)}」${text.slice(-1)}`;
  if (role === 'date' && damage === 'garbled') return `${text.replace(/〇/g, 'O')} 」`;
  return text;
}

/**
 * The pages as laid out (exact text, one box per printed line, the seal's box): what a perfect
 * OCR would return. Rebuilt with the generator's own layout and the same per-document choices
 * (generateSampleScans: document i is set in Ming when i % 4 === 1); skew is not applied.
 */
function layoutPages(spec: SetSpec, i: number, dpi: number, damage: Damage = 'none'): PageText[] {
  const sources = sourceDocuments(spec.seedsDir);
  const src = sources[i % sources.length]!;
  const { pages } = layoutDocument(src, { bodyFace: i % 4 === 1 ? 'ming' : 'song', maxPages: spec.maxPages });
  const px = dpi / 25.4;
  // The row just before the sign-off (on its page or at the bottom of the page before).
  const signAt = pages.findIndex((pg) => pg.lines.some((l) => l.role === 'signature' || l.role === 'date'));
  let cutPage = -1;
  let cutLine = -1;
  if (signAt >= 0) {
    const first = pages[signAt]!.lines.findIndex((l) => l.role === 'signature' || l.role === 'date');
    if (first > 0) [cutPage, cutLine] = [signAt, first - 1];
    else if (signAt > 0) [cutPage, cutLine] = [signAt - 1, pages[signAt - 1]!.lines.filter((l) => l.role !== 'pageNumber').length - 1];
  }
  return pages.map((pg, k) => {
    let text = '';
    const placed = pg.lines.flatMap((l, n) => {
      const t = damaged(l.text, l.role, damage, k === cutPage && n === cutLine);
      const n2 = t === null ? 0 : Array.from(t).length;
      return t === null ? [] : [{ ...l, text: t, xs: n2 < l.xs.length ? l.xs.slice(0, n2) : l.xs }];
    });
    const dateLine = pg.lines.find((l) => l.role === 'date');
    const signer = pages.flatMap((q) => q.lines).find((l) => l.role === 'signature')?.text ?? '档案局';
    const iso = dateLine ? isoDate(dateLine.text) : null;
    if (damage === 'imprint' && iso) {
      // GB/T 9704 版记: 印发机关 at the left, 印发日期 (Arabic numerals) at the right, the last row of the page.
      const next = new Date(`${iso}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      const printed = `${next.getUTCFullYear()}年${next.getUTCMonth() + 1}月${next.getUTCDate()}日`;
      const cell = 156 / 28;
      const office = `${signer}办公室`;
      placed.push({ ...dateLine!, role: 'body', text: office, y: 255, xs: Array.from(office).map((_, j) => 29 + j * cell) });
      placed.push({ ...dateLine!, role: 'body', text: printed, y: 255, xs: Array.from(printed).map((_, j) => 183 - (printed.length - j) * cell * 0.75) });
    }
    const lines = placed.map((l) => {
      const size = l.sizePt * PT;
      const x0 = l.xs[0]!;
      const x1 = l.xs[l.xs.length - 1]! + size;
      const bbox: BBox = [Math.round(x0 * px), Math.round((l.y - 0.88 * size) * px), Math.round(x1 * px), Math.round((l.y + 0.12 * size) * px)];
      const start = text.length;
      text += `${l.text}\n`;
      return { text: l.text, bbox, start, end: start + l.text.length };
    });
    const page: PageText = { pageNo: k + 1, text, lines, width: Math.round(A4_MM.width * px), height: Math.round(A4_MM.height * px) };
    if (pg.seal) {
      const r = 21;
      page.seals = [[Math.round((pg.seal.cx - r) * px), Math.round((pg.seal.cy - r) * px), Math.round((pg.seal.cx + r) * px), Math.round((pg.seal.cy + r) * px)]];
    }
    return page;
  });
}

/** Whole-seed 成文日期 as read by a person (seed-cases.ts); the generator's guess is the first date line. */
const SEED_EXPECTED = new Map(SEED_DOC_DATES.filter((c) => c.name.includes('(whole seed)')).map((c) => [`seed-${c.name.slice(0, 3)}`, c.expected]));

function expectedDate(d: SampleDocument): string | null {
  const own = d.source === 'embedded' ? d.docDate : (SEED_EXPECTED.get(d.id.slice(0, 8)) ?? null);
  if (own === null) return null;
  // Printed on the scanned pages? (Long seed texts are cut before their sign-off.)
  return d.pages.some((p) => p.lines.some((l) => l.role === 'date' && isoDate(l.text) === own)) ? own : null;
}

async function benchDocs(layoutOnly: boolean, damage: Damage = 'none'): Promise<BenchDoc[]> {
  const rounds = Number(arg('rounds') ?? '4');
  const sets = [
    await sampleSet({ name: 'embedded', documents: 5 * rounds, seedsDir: null, maxPages: 6 }),
    ...(fs.existsSync(SEEDS) ? [await sampleSet({ name: 'seeds', documents: 10, seedsDir: SEEDS, maxPages: 2 })] : []),
  ];
  let pool: OcrPool | undefined;
  const getPool = (): OcrPool => (pool ??= new OcrPool({ size: defaultPoolSize(), model: '4.0.0_best_int', languages: 'chi_sim' }));
  const docs: BenchDoc[] = [];
  try {
    for (const { spec, dir, manifest } of sets) {
      manifest.documents.forEach((d, i) => {
        const printsNumber = d.pages.some((p) => p.lines.some((l) => l.role === 'docNumber'));
        docs.push({
          id: `${spec.name}/${d.id}`, docDate: expectedDate(d), docNumber: printsNumber && d.docNumber ? d.docNumber : null,
          pages: layoutOnly ? layoutPages(spec, i, d.pages[0]?.dpi ?? 300, damage) : [],
        });
      });
      if (layoutOnly) continue;
      const jobs = manifest.documents.flatMap((d, di) => d.pages.map((p, k) => ({ di, k, image: path.join(dir, d.folder, p.file) })));
      const base = docs.length - manifest.documents.length;
      const results = new Map<string, CachedOcr>();
      await mapLimit(jobs, defaultPoolSize(), async (j) => {
        results.set(`${j.di}#${j.k}`, await ocrCached(getPool, j.image));
      });
      manifest.documents.forEach((d, di) => {
        docs[base + di]!.pages = d.pages.map((_, k) => {
          const r = results.get(`${di}#${k}`)!;
          return pageTextOf(k + 1, r.text, r.layout);
        });
      });
    }
  } finally {
    if (pool) await pool.terminate();
  }
  return docs;
}

interface Tally {
  right: number;
  wrong: number;
  missing: number;
  /** Documents that print the field. */
  printed: number;
  /** Suggestions where none is printed. */
  spurious: number;
}

function tally(docs: BenchDoc[], expected: (d: BenchDoc) => string | null, got: (d: BenchDoc) => string | null, label: string, verbose: boolean): Tally {
  const t: Tally = { right: 0, wrong: 0, missing: 0, printed: 0, spurious: 0 };
  for (const d of docs) {
    const e = expected(d);
    const g = got(d);
    if (e !== null) t.printed++;
    if (e !== null && g === e) t.right++;
    else if (e !== null && g === null) t.missing++;
    else if (e !== null) t.wrong++;
    else if (g !== null) t.spurious++;
    if (verbose && g !== e) console.log(`  ${label} ${d.id}: expected ${e ?? '(none)'}, got ${g ?? '(none)'}${context(label, d)}`);
  }
  return t;
}

/** Where a miss can be seen: the first lines for the 文号, the last page's last lines for the 成文日期. */
function context(label: string, d: BenchDoc): string {
  if (label === '文号') return `; page 1 begins: ${d.pages[0]?.text.split('\n').slice(0, 4).join(' | ')}`;
  if (label === '成文日期') return `; the last page ends: ${d.pages.at(-1)?.text.split('\n').slice(-4).join(' | ')}`;
  return '';
}

function line(name: string, t: Tally, total: number): string {
  return `${name.padEnd(22)} right ${t.right}/${t.printed}  wrong ${t.wrong}  missing ${t.missing}  suggested where none printed ${t.spurious}/${total - t.printed}`;
}

interface Figures {
  date: Tally;
  baseline: Tally;
  number: Tally;
  /** Dated documents whose OCR text holds the printed date at all (any numeral form). */
  readable: number;
  /** … and of those, how many the scorer got right. */
  readableRight: number;
  documents: number;
}

function measure(label: string, docs: BenchDoc[], verbose: boolean): Figures {
  const pages = docs.reduce((n, d) => n + d.pages.length, 0);
  console.log(`\n${label}: ${docs.length} documents, ${pages} pages`);
  const ours = new Map(docs.map((d) => [d.id, findDocDate(d.pages)?.value ?? null]));
  const date = tally(docs, (d) => d.docDate, (d) => ours.get(d.id) ?? null, '成文日期', verbose);
  const baseline = tally(docs, (d) => d.docDate, (d) => baselineFindDocDate(d.pages)?.value ?? null, '成文日期 (baseline)', verbose);
  const number = tally(docs, (d) => d.docNumber, (d) => suggestDocNumber(d.pages)?.value ?? null, '文号', verbose);
  const read = docs.filter((d) => d.docDate !== null && d.pages.some((p) => extractDates(p.text).some((x) => x.precision === 'day' && x.date === d.docDate)));
  const f: Figures = { date, baseline, number, readable: read.length, readableRight: read.filter((d) => ours.get(d.id) === d.docDate).length, documents: docs.length };
  console.log(line('成文日期 layout scorer', date, docs.length));
  console.log(line('成文日期 baseline', baseline, docs.length));
  console.log(`${''.padEnd(22)} the text holds the printed date on ${f.readable}/${date.printed}; right on ${f.readableRight} of those`);
  console.log(line('文号', number, docs.length));
  return f;
}

const frac = (n: number, of: number): string => (of === 0 ? 'n/a' : (n / of).toFixed(3));

function keys(prefix: string, f: Figures): string {
  // wrong counts every suggestion that is not the printed 成文日期, over all documents.
  return [
    `${prefix}doc_date_right=${frac(f.date.right, f.date.printed)}`,
    `${prefix}doc_date_wrong=${frac(f.date.wrong + f.date.spurious, f.documents)}`,
    `${prefix}doc_number_right=${frac(f.number.right, f.number.printed)}`,
    `${prefix}baseline_doc_date_right=${frac(f.baseline.right, f.baseline.printed)}`,
    `${prefix}baseline_doc_date_wrong=${frac(f.baseline.wrong + f.baseline.spurious, f.documents)}`,
    `${prefix}doc_date_right_where_read=${frac(f.readableRight, f.readable)}`,
  ].join(' ');
}

async function main(): Promise<void> {
  const verbose = flag('verbose');
  const laid: Figures[] = [];
  for (const damage of DAMAGES) laid.push(measure(`as laid out, damage "${damage}" (line and seal boxes from the layout)`, await benchDocs(true, damage), verbose));
  // The pages that stand for the issue: the sign-off read, its surroundings cut or garbled.
  const pooled = (pick: (f: Figures) => Tally): Tally => laid.reduce((t, f) => {
    const x = pick(f);
    return { right: t.right + x.right, wrong: t.wrong + x.wrong, missing: t.missing + x.missing, printed: t.printed + x.printed, spurious: t.spurious + x.spurious };
  }, { right: 0, wrong: 0, missing: 0, printed: 0, spurious: 0 });
  const layout: Figures = {
    date: pooled((f) => f.date), baseline: pooled((f) => f.baseline), number: pooled((f) => f.number),
    readable: laid.reduce((n, f) => n + f.readable, 0), readableRight: laid.reduce((n, f) => n + f.readableRight, 0), documents: laid.reduce((n, f) => n + f.documents, 0),
  };
  if (flag('layout-only')) {
    console.log(`BENCH extract ${keys('', layout)} documents=${layout.documents} dated=${layout.date.printed} text=layout`);
    return;
  }
  const ocr = measure('as OCR reads the scans (cached)', await benchDocs(false), verbose || !flag('quiet'));
  // The headline figures are the laid-out pages (all four damages pooled): OCR of these scans
  // does not read the sign-off at all yet (see doc_date_readable); the ocr_ keys say so.
  console.log(
    `BENCH extract ${keys('', layout)} documents=${layout.documents} dated=${layout.date.printed} text=layout+damage ` +
      `${keys('ocr_', ocr)} ocr_doc_date_readable=${ocr.readable}/${ocr.date.printed}`,
  );
}

await main();
