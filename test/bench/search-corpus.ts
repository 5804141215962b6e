/**
 * The synthetic search corpus (the search bench and the UI speed test share it): catalog rows,
 * masters, pages and OCR text written straight into a working vault's catalog, no scans, so a
 * 100k-page vault takes seconds to write; the search index is then built by the real indexer
 * (reindexAll), which is where the time goes.
 *
 * Pages of ~1,000 characters made of random sentences from /work/shared/seeds/*.txt, with
 * OCR-like noise (2% of characters replaced, some spurious spaces, some full-width digits),
 * lines of ~36 characters, 0–2 printed dates per page; `perRecord` pages per record, 1% of
 * records under a 涉密 hold, 10% without a document date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractDates } from '../../native/text/dates.js';
import { dateInterval } from '../../native/search/indexer.js';
import { normalizeText } from '../../native/search/normalize.js';
import { Vault } from '../../native/vault/vault.js';
import { initWorkingVault } from '../../native/pipeline/wire.js';
import { SEEDS } from '../harness/temp.js';

function seedSentences(): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
    const t = fs.readFileSync(path.join(SEEDS, f), 'utf8').replace(/\s+/g, '');
    for (const s of t.split(/(?<=[。！？；])/)) if (s.length >= 4) out.push(s);
  }
  return out;
}

export const sentences = seedSentences();
const hanChars = [...new Set(sentences.join('').match(/\p{Script=Han}/gu) ?? [])];

export interface CorpusOptions {
  perRecord: number;
  /** The corpus's random stream (a seeded one: the same seed writes the same vault). */
  rand: () => number;
  /**
   * Keep what a brute-force check needs: a bench_norm table of each page's normalized text and
   * the fields, dates and holds in memory (the search bench compares every result with it).
   */
  bruteForce?: boolean;
}

export interface Corpus {
  vault: Vault;
  /** The temp folder holding the vault (at <dir>/vault). */
  dir: string;
  options: CorpusOptions;
  /** Records and pages written so far (ids run 1..records and 1..pages). */
  records: number;
  pages: number;
  /** Normalized catalog fields per record (brute force). */
  fields: Map<number, string[]>;
  docDate: Map<number, string | null>;
  hold: Set<number>;
  /** Intervals of the dates printed in each record's pages (brute force, anyDate). */
  textDates: Map<number, { from: string; to: string }[]>;
}

function randomDate(rand: () => number): { y: number; m: number; d: number } {
  return { y: 2010 + Math.floor(rand() * 11), m: 1 + Math.floor(rand() * 12), d: 1 + Math.floor(rand() * 28) };
}

function pageText(rand: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  let s = '';
  const dates = Math.floor(rand() * 3);
  for (let k = 0; k < dates; k++) {
    const { y, m, d } = randomDate(rand);
    s += `${y}年${m}月${d}日`;
  }
  while (s.length < 1000) s += pick(sentences);
  const chars = Array.from(s.slice(0, 1000));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!;
    const r = rand();
    if (r < 0.01) ch = pick(hanChars); // misread as another common character
    else if (r < 0.02) ch = String.fromCodePoint(0x4e00 + Math.floor(rand() * 20000)); // garbage
    else if (r < 0.025 && /[0-9]/.test(ch)) ch = String.fromCodePoint(ch.charCodeAt(0) + 0xfee0); // full-width digit
    out += ch;
    if (rand() < 0.01) out += ' '; // a space tesseract left between characters
    if ((i + 1) % 36 === 0) out += '\n';
  }
  return out;
}

function layoutJson(text: string): string {
  const lines = text.split('\n');
  let offset = 0;
  return JSON.stringify({
    width: 2480, height: 3508,
    lines: lines.map((l, i) => {
      const line = { text: l, start: offset, end: offset + l.length, bbox: [100, 100 + i * 60, 100 + l.length * 60, 150 + i * 60], confidence: 90, words: [] };
      offset += l.length + 1;
      return line;
    }),
  });
}

/** A new working vault in a temp folder, with `pages` pages written (not yet indexed). */
export async function createCorpus(pages: number, options: CorpusOptions): Promise<Corpus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-search-corpus-'));
  const vault = await initWorkingVault(path.join(dir, 'vault'));
  vault.db.pragma('synchronous = OFF');
  if (options.bruteForce) vault.db.exec('CREATE TABLE bench_norm (page_id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, norm TEXT NOT NULL) STRICT');
  const corpus: Corpus = { vault, dir, options, records: 0, pages: 0, fields: new Map(), docDate: new Map(), hold: new Set(), textDates: new Map() };
  addPages(corpus, pages);
  return corpus;
}

/** Appends `pages` more pages (whole records of perRecord pages, the last one maybe shorter). */
export function addPages(corpus: Corpus, pages: number): void {
  const { perRecord, rand, bruteForce } = corpus.options;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const db = corpus.vault.db;
  const now = new Date().toISOString();
  const insRecord = db.prepare(`INSERT INTO records (id, fonds_code, category_code, year, retention, org_unit, item_number, archival_code, title, creator, doc_number,
    doc_date, page_count, classification, classified_hold, remarks, source_key, created_at, updated_at)
    VALUES (?, 'Z109', ?, ?, ?, 'BGS', ?, ?, ?, ?, ?, ?, ?, 'public', ?, '', ?, ?, ?)`);
  const insObject = db.prepare('INSERT INTO objects (sha256, sm3, size, created_at) VALUES (?, ?, 1, ?)');
  const insMaster = db.prepare("INSERT INTO masters (id, record_id, seq, sha256, format, original_name, page_count) VALUES (?, ?, 1, ?, 'tiff', 'scan.tif', ?)");
  const insPage = db.prepare(`INSERT INTO pages (id, record_id, page_no, master_id, master_page, image_sha256, format, compression, width, height, colour_mode)
    VALUES (?, ?, ?, ?, ?, ?, 'tiff', 'g4', 2480, 3508, 'bitonal')`);
  const insText = db.prepare("INSERT INTO page_text (page_id, text, layout, engine, engine_version, model, model_version, created_at) VALUES (?, ?, ?, 'bench', '0', 'none', '0', ?)");
  const insNorm = bruteForce ? db.prepare('INSERT INTO bench_norm (page_id, record_id, norm) VALUES (?, ?, ?)') : null;
  const categories = ['WS', 'KJ', 'ZP'];
  const target = corpus.pages + pages;
  const writeRecord = () => {
    const id = ++corpus.records;
    const date = rand() < 0.1 ? null : (() => { const { y, m, d } = randomDate(rand); return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`; })();
    const year = date ? Number(date.slice(0, 4)) : 2010 + Math.floor(rand() * 11);
    const category = pick(categories);
    const retention = pick(['Y', 'D30', 'D10']);
    const code = `Z109-${category}·${year}-${retention}-BGS-${String(id).padStart(6, '0')}`;
    const title = pick(sentences).slice(0, 30);
    const creator = pick(['国家档案局', '辽宁省档案局', '大连市档案局', '郑州市档案局', '中共中央办公厅']);
    const docNumber = `档发〔${year}〕${1 + Math.floor(rand() * 99)}号`;
    const hold = rand() < 0.01;
    const count = Math.min(perRecord, target - corpus.pages);
    insRecord.run(id, category, year, retention, id, code, title, creator, docNumber, date, count, hold ? 1 : 0, `bench-${id}`, now, now);
    if (bruteForce) {
      corpus.fields.set(id, [title, creator, docNumber, code, ''].map(normalizeText));
      corpus.docDate.set(id, date);
      if (hold) corpus.hold.add(id);
    }
    const sha = id.toString(16).padStart(64, '0');
    insObject.run(sha, sha, now);
    insMaster.run(id, id, sha, count);
    const dates: { from: string; to: string }[] = [];
    for (let p = 1; p <= count; p++) {
      const pageId = ++corpus.pages;
      const text = pageText(rand);
      insPage.run(pageId, id, p, id, p, sha);
      insText.run(pageId, text, layoutJson(text), now);
      if (insNorm) {
        insNorm.run(pageId, id, normalizeText(text));
        for (const d of extractDates(text)) dates.push(dateInterval(d));
      }
    }
    if (bruteForce) corpus.textDates.set(id, dates);
  };
  // 1,000 records per transaction: one commit per batch, not per row.
  const batch = db.transaction(() => {
    for (let k = 0; k < 1000 && corpus.pages < target; k++) writeRecord();
  });
  while (corpus.pages < target) batch();
}

/** A vault a --keep run of the search bench left: the brute-force side is read back from its catalog and bench_norm. */
export function reopenCorpus(dir: string, options: CorpusOptions): Corpus {
  const vault = Vault.open(path.join(dir, 'vault'));
  const db = vault.db;
  const corpus: Corpus = { vault, dir, options, records: 0, pages: 0, fields: new Map(), docDate: new Map(), hold: new Set(), textDates: new Map() };
  const records = db.prepare('SELECT id, title, creator, doc_number, archival_code, doc_date, classified_hold FROM records').all() as
    { id: number; title: string; creator: string; doc_number: string; archival_code: string; doc_date: string | null; classified_hold: number }[];
  for (const r of records) {
    corpus.fields.set(r.id, [r.title, r.creator, r.doc_number, r.archival_code, ''].map(normalizeText));
    corpus.docDate.set(r.id, r.doc_date);
    if (r.classified_hold) corpus.hold.add(r.id);
    corpus.textDates.set(r.id, []);
  }
  corpus.records = records.length;
  for (const row of db.prepare('SELECT p.record_id AS recordId, t.text FROM page_text t JOIN pages p ON p.id = t.page_id').iterate() as Iterable<{ recordId: number; text: string }>) {
    corpus.pages++;
    const dates = corpus.textDates.get(row.recordId)!;
    for (const d of extractDates(row.text)) dates.push(dateInterval(d));
  }
  return corpus;
}
