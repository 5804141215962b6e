// The search bench's synthetic corpus (used by search.bench.ts and cli-start.bench.ts): pages of
// ~1,000 characters made of random sentences from /work/shared/seeds/*.txt, with OCR-like noise
// (2% of characters replaced, some spurious spaces, some full-width digits), lines of ~36
// characters, 0–2 printed dates per page; records of `perRecord` pages, 1% under a 涉密 hold,
// 10% without a document date. Written straight into the catalog tables (no ingest), with a
// bench_norm table of each page's normalized text for brute-force checks.
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

export interface Corpus {
  vault: Vault;
  dir: string;
  /** Normalized catalog fields per record (brute force). */
  fields: Map<number, string[]>;
  docDate: Map<number, string | null>;
  hold: Set<number>;
  /** Intervals of the dates printed in each record's pages (brute force, anyDate). */
  textDates: Map<number, { from: string; to: string }[]>;
}

/** A new vault in a temp folder holding `pages` pages (not indexed: call reindexAll). */
export async function createCorpus(opts: { pages: number; perRecord: number; rand: () => number }): Promise<Corpus> {
  const { pages: PAGES, perRecord: PER_RECORD, rand } = opts;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-search-bench-'));
  const vault = await initWorkingVault(path.join(dir, 'vault'));
  const db = vault.db;
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE bench_norm (page_id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, norm TEXT NOT NULL) STRICT');
  const now = new Date().toISOString();
  const insRecord = db.prepare(`INSERT INTO records (id, fonds_code, category_code, year, retention, org_unit, item_number, archival_code, title, creator, doc_number,
    doc_date, page_count, classification, classified_hold, remarks, source_key, created_at, updated_at)
    VALUES (?, 'Z109', ?, ?, ?, 'BGS', ?, ?, ?, ?, ?, ?, ?, 'public', ?, '', ?, ?, ?)`);
  const insObject = db.prepare('INSERT INTO objects (sha256, sm3, size, created_at) VALUES (?, ?, 1, ?)');
  const insMaster = db.prepare("INSERT INTO masters (id, record_id, seq, sha256, format, original_name, page_count) VALUES (?, ?, 1, ?, 'tiff', 'scan.tif', ?)");
  const insPage = db.prepare(`INSERT INTO pages (id, record_id, page_no, master_id, master_page, image_sha256, format, compression, width, height, colour_mode)
    VALUES (?, ?, ?, ?, ?, ?, 'tiff', 'g4', 2480, 3508, 'bitonal')`);
  const insText = db.prepare("INSERT INTO page_text (page_id, text, layout, engine, engine_version, model, model_version, created_at) VALUES (?, ?, ?, 'bench', '0', 'none', '0', ?)");
  const insNorm = db.prepare('INSERT INTO bench_norm (page_id, record_id, norm) VALUES (?, ?, ?)');
  const corpus: Corpus = { vault, dir, fields: new Map(), docDate: new Map(), hold: new Set(), textDates: new Map() };
  const records = Math.ceil(PAGES / PER_RECORD);
  const categories = ['WS', 'KJ', 'ZP'];
  const write = db.transaction((from: number, to: number) => {
    for (let r = from; r < to; r++) {
      const id = r + 1;
      const date = rand() < 0.1 ? null : (() => { const { y, m, d } = randomDate(rand); return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`; })();
      const year = date ? Number(date.slice(0, 4)) : 2010 + Math.floor(rand() * 11);
      const category = pick(categories);
      const retention = pick(['Y', 'D30', 'D10']);
      const code = `Z109-${category}·${year}-${retention}-BGS-${String(id).padStart(6, '0')}`;
      const title = pick(sentences).slice(0, 30);
      const creator = pick(['国家档案局', '辽宁省档案局', '大连市档案局', '郑州市档案局', '中共中央办公厅']);
      const docNumber = `档发〔${year}〕${1 + Math.floor(rand() * 99)}号`;
      const hold = rand() < 0.01;
      const pages = Math.min(PER_RECORD, PAGES - r * PER_RECORD);
      insRecord.run(id, category, year, retention, id, code, title, creator, docNumber, date, pages, hold ? 1 : 0, `bench-${id}`, now, now);
      corpus.fields.set(id, [title, creator, docNumber, code, ''].map(normalizeText));
      corpus.docDate.set(id, date);
      if (hold) corpus.hold.add(id);
      const sha = id.toString(16).padStart(64, '0');
      insObject.run(sha, sha, now);
      insMaster.run(id, id, sha, pages);
      const dates: { from: string; to: string }[] = [];
      for (let p = 1; p <= pages; p++) {
        const pageId = r * PER_RECORD + p;
        const text = pageText(rand);
        insPage.run(pageId, id, p, id, p, sha);
        insText.run(pageId, text, layoutJson(text), now);
        insNorm.run(pageId, id, normalizeText(text));
        for (const d of extractDates(text)) dates.push(dateInterval(d));
      }
      corpus.textDates.set(id, dates);
    }
  });
  for (let r = 0; r < records; r += 1000) write(r, Math.min(records, r + 1000));
  return corpus;
}

/** A vault a --keep run left: the brute-force side is read back from its catalog and bench_norm. */
export function reopenCorpus(dir: string): Corpus {
  const vault = Vault.open(path.join(dir, 'vault'));
  const db = vault.db;
  const corpus: Corpus = { vault, dir, fields: new Map(), docDate: new Map(), hold: new Set(), textDates: new Map() };
  const records = db.prepare('SELECT id, title, creator, doc_number, archival_code, doc_date, classified_hold FROM records').all() as
    { id: number; title: string; creator: string; doc_number: string; archival_code: string; doc_date: string | null; classified_hold: number }[];
  for (const r of records) {
    corpus.fields.set(r.id, [r.title, r.creator, r.doc_number, r.archival_code, ''].map(normalizeText));
    corpus.docDate.set(r.id, r.doc_date);
    if (r.classified_hold) corpus.hold.add(r.id);
    corpus.textDates.set(r.id, []);
  }
  for (const row of db.prepare('SELECT p.record_id AS recordId, t.text FROM page_text t JOIN pages p ON p.id = t.page_id').iterate() as Iterable<{ recordId: number; text: string }>) {
    const dates = corpus.textDates.get(row.recordId)!;
    for (const d of extractDates(row.text)) dates.push(dateInterval(d));
  }
  return corpus;
}
