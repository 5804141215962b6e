// npm run bench -- search [--pages 100000] [--per-record 10] [--queries 5] [--seed 1] [--keep]
//                          [--reuse DIR]  (the queries again on a vault kept by --keep: no rebuild)
//
// Full-text search over a synthetic corpus vs the baseline a vault without an index has: a
// brute-force scan of every page's normalized text (SQLite instr() over a stored column, plus
// the catalog fields), run for the same queries in the same process.
//
// Corpus: test/bench/search-corpus.ts (10 pages of ~1,000 noisy OCR-like characters per record
// by default), with the brute-force side kept.
// Query mix: for each length 1, 2, 3, 6: the most and the least frequent of 60 substrings
// sampled from the corpus (common and rare), each run without a date range, with a docDate
// range and with an anyDate range. Every query's full result set is compared with brute force
// (recall and precision); latency is that of a normal search call (20 hits with snippets).
import fs from 'node:fs';
import { changeOwnPassword, createAccount, firstRunSetup } from '../../native/auth/accounts.js';
import { login } from '../../native/auth/sessions.js';
import type { OperationContext } from '../../native/auth/types.js';
import type { Db } from '../../native/db/database.js';
import { searchAccess, searchAs } from '../../native/search/access.js';
import { reindexAll } from '../../native/search/indexer.js';
import { normalizeText } from '../../native/search/normalize.js';
import { search, searchRecordIds } from '../../native/search/search.js';
import { seededRandom } from '../harness/random.js';
import { createCorpus, reopenCorpus, sentences, type Corpus, type CorpusOptions } from './search-corpus.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const PAGES = arg('pages', 100_000);
const PER_RECORD = arg('per-record', 10);
const PER_CLASS = arg('queries', 5);
const rand = seededRandom(arg('seed', 1));
/** Query sampling has its own stream, so a --reuse run asks exactly what the run that built the vault asked. */
const queryRand = seededRandom(arg('seed', 1) * 7919 + 17);
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse') ? process.argv[process.argv.indexOf('--reuse') + 1]! : null;

const ms = (t: number) => Math.round(t * 10) / 10;
/** Alternating rounds of the rule's own measure per query (their median counts). */
const RULE_ROUNDS = 3;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

// ── queries ─────────────────────────────────────────────────────────────────────────────────

interface Query {
  term: string;
  kind: 'common' | 'rare';
  length: number;
  from?: string;
  to?: string;
  dateField?: 'docDate' | 'anyDate';
}

function sampleTerms(c: Corpus, length: number, n: number): string[] {
  const db = c.vault.db;
  const maxPage = (db.prepare('SELECT max(page_id) AS m FROM bench_norm').get() as { m: number }).m;
  const get = db.prepare('SELECT norm FROM bench_norm WHERE page_id = ?').pluck();
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < n * 20; tries++) {
    const norm = get.get(1 + Math.floor(queryRand() * maxPage)) as string | undefined;
    if (!norm) continue;
    const cps = Array.from(norm);
    const at = Math.floor(queryRand() * Math.max(1, cps.length - length));
    const term = cps.slice(at, at + length).join('');
    if (Array.from(term).length !== length || /[\s"“”＂「『」』()（）|｜]/.test(term) || normalizeText(term) !== term) continue;
    out.add(term);
  }
  return [...out];
}

function queryMix(c: Corpus): Query[] {
  const db = c.vault.db;
  const out: Query[] = [];
  for (const length of [1, 2, 3, 6]) {
    // Rank sampled substrings by how many records contain them (via the index: only the
    // choice of queries; every result is checked against brute force below).
    const ranked = sampleTerms(c, length, 60)
      .map((term) => ({ term, n: searchRecordIds(db, `"${term}"`, { includeClassified: true }).length }))
      .sort((a, b) => b.n - a.n);
    const common = ranked.slice(0, PER_CLASS);
    const rare = ranked.slice(-PER_CLASS).filter((r) => !common.includes(r));
    for (const [kind, list] of [['common', common], ['rare', rare]] as const) {
      for (const { term } of list) {
        out.push({ term, kind, length });
        const y = 2010 + Math.floor(queryRand() * 10);
        out.push({ term, kind, length, from: `${y}-01-01`, to: `${y + 1}-06-30`, dateField: 'docDate' });
        out.push({ term, kind, length, from: `${y}-03`, to: `${y}-08`, dateField: 'anyDate' });
      }
    }
  }
  return out;
}

/**
 * Records whose page text contains the term. The scan runs once per term (the date-range
 * variants and the archivist's check reuse it: at 1M pages each scan takes seconds); its time
 * is kept so that every query's baseline time still includes a full scan.
 */
const scanned = new Map<string, { ids: Set<number>; ms: number }>();
function textScan(c: Corpus, term: string): Set<number> {
  let hit = scanned.get(term);
  if (!hit) {
    const t = performance.now();
    const ids = new Set(c.vault.db.prepare('SELECT DISTINCT record_id FROM bench_norm WHERE instr(norm, ?) > 0').pluck().all(term) as number[]);
    hit = { ids, ms: performance.now() - t };
    scanned.set(term, hit);
  }
  return hit.ids;
}

/**
 * The baseline: scan every page's normalized text and every record's fields. `asArchivist`:
 * what an archivist may find (searchAs): records under a 涉密 hold only through their catalog
 * fields (and 成文日期), never their page text or the dates on it; without it, what search()
 * finds (held records left out).
 */
function bruteForce(c: Corpus, q: Query, asArchivist = false): number[] {
  const inText = textScan(c, q.term);
  const hits = new Set<number>();
  for (const [id, fields] of c.fields) {
    const text = inText.has(id) && !(asArchivist && c.hold.has(id));
    if (text || fields.some((f) => f.includes(q.term))) hits.add(id);
  }
  const from = q.from ? (q.from.length === 7 ? `${q.from}-01` : q.from) : null;
  const to = q.to ? (q.to.length === 7 ? `${q.to}-31` : q.to) : null;
  const out: number[] = [];
  for (const id of hits) {
    if (c.hold.has(id) && !asArchivist) continue;
    if (from && to) {
      const d = c.docDate.get(id) ?? null;
      const byDoc = d !== null && d >= from && d <= to;
      // A held record's pages are not the archivist's to read: neither are the dates on them (issue 17).
      const textVisible = !(asArchivist && c.hold.has(id));
      const byText = q.dateField === 'anyDate' && textVisible && c.textDates.get(id)!.some((i) => i.from <= to && i.to >= from);
      if (!byDoc && !byText) continue;
    }
    out.push(id);
  }
  return out.sort((a, b) => a - b);
}

/** A real archivist account, logged in (first-run setup, created by the sysadmin, own password set). */
async function archivist(db: Db): Promise<OperationContext> {
  const device = 'bench';
  await firstRunSetup(db, {
    sysadmin: { username: 'sysadm', password: 'sys-口令-0001', displayName: '' },
    securityOfficer: { username: 'secoff', password: 'so-口令-0002', displayName: '' },
    auditor: { username: 'auditor', password: 'aud-口令-0003', displayName: '' },
  });
  const sys = { db, device, session: await login(db, 'sysadm', 'sys-口令-0001', device) };
  await createAccount(sys, { username: 'zhangsan', password: 'initial-口令-9999', roles: ['archivist'], displayName: '' });
  const op = { db, device, session: await login(db, 'zhangsan', 'initial-口令-9999', device) };
  await changeOwnPassword(op, 'initial-口令-9999', 'zs-口令-2024');
  return op;
}

async function archivistAgain(db: Db): Promise<OperationContext> {
  return { db, device: 'bench', session: await login(db, 'zhangsan', 'zs-口令-2024', 'bench') };
}

// ── main ────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  console.log(`search bench: ${PAGES} pages, ${PER_RECORD} per record, ${sentences.length} seed sentences`);
  let t = performance.now();
  const options: CorpusOptions = { perRecord: PER_RECORD, rand, bruteForce: true };
  const c = REUSE ? reopenCorpus(REUSE, options) : await createCorpus(PAGES, options);
  const db = c.vault.db;
  console.log(`corpus ${REUSE ? 'read back' : 'written'} in ${ms((performance.now() - t) / 1000)} s`);

  t = performance.now();
  if (!REUSE) reindexAll(db);
  const buildS = (performance.now() - t) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const size = (like: string) => (db.prepare('SELECT coalesce(sum(pgsize), 0) AS s FROM dbstat WHERE name LIKE ?').get(like) as { s: number }).s;
  const indexBytes = size('search_%') + size('sqlite_autoindex_search_%');
  const textBytes = (db.prepare('SELECT sum(length(CAST(text AS BLOB))) AS s FROM page_text').get() as { s: number }).s;
  const ratio = indexBytes / textBytes;
  console.log(`index built in ${ms(buildS)} s (${ms(PAGES / buildS)} pages/s); index ${ms(indexBytes / 1e6)} MB for ${ms(textBytes / 1e6)} MB of text (ratio ${ratio.toFixed(2)})`);
  for (const name of ['search_text_trigram', 'search_record_text', 'search_field_bigram', 'search_field_unigram', 'search_page', 'search_date']) {
    console.log(`  ${name.padEnd(22)} ${ms(size(`${name}%`) / 1e6)} MB`);
  }

  const queries = queryMix(c);
  const op = REUSE ? await archivistAgain(db) : await archivist(db);
  // Warm the page cache the same way for both sides.
  db.prepare('SELECT count(*) FROM bench_norm WHERE instr(norm, ?) > 0').get('warm');
  search(db, '"档案"');
  const lat: number[] = [];
  const latAs: number[] = [];
  const latOpen: number[] = [];
  const latRule: number[] = [];
  const brute: number[] = [];
  let expected = 0;
  let found = 0;
  let returned = 0;
  const rows: string[] = [];
  for (const q of queries) {
    const opts = q.from ? { from: q.from, to: q.to, dateField: q.dateField } : {};
    const t1 = performance.now();
    const res = search(db, `"${q.term}"`, { ...opts, limit: 20 });
    const took = performance.now() - t1;
    const ids = searchRecordIds(db, `"${q.term}"`, opts);
    const cached = scanned.get(q.term);
    const t2 = performance.now();
    const truth = bruteForce(c, q);
    const bruteMs = performance.now() - t2 + (cached ? cached.ms : 0);
    const truthSet = new Set(truth);
    const got = ids.filter((id) => truthSet.has(id)).length;
    expected += truth.length;
    found += got;
    returned += ids.length;
    if (got !== truth.length || ids.length !== truth.length || res.total !== truth.length) {
      console.log(`  MISMATCH ${q.term}: index ${ids.length} (total ${res.total}), brute force ${truth.length}, common ${got}`);
    }
    lat.push(took);
    brute.push(bruteMs);
    // The rule alone (issue 17: "the rule must not cost more than 10% of search p95"): the same
    // query as the engine runs it for the archivist (their access rule) and for someone the rule
    // leaves everything to (no rule), both with the held records included as searchAs does, in
    // alternating order so neither side always reads after the other has warmed the pages.
    const timed = (run: () => unknown): number => {
      const t = performance.now();
      run();
      return performance.now() - t;
    };
    const open = () => timed(() => search(db, `"${q.term}"`, { ...opts, limit: 20, includeClassified: true }));
    const ruled = () => timed(() => search(db, `"${q.term}"`, { ...opts, limit: 20, includeClassified: true }, searchAccess(op)));
    // Both warm: the first search of a term reads its pages from disk, whichever side runs it.
    open();
    ruled();
    // Each side's time is the median of RULE_ROUNDS alternating rounds: one run of a 200 ms
    // search at 1M pages now and then takes 100 ms more (a collection, a page fault), and the
    // p95 of single runs then measured that noise more than the rule.
    const o: number[] = [];
    const r: number[] = [];
    for (let k = 0; k < RULE_ROUNDS; k++) {
      if ((latOpen.length + k) % 2 === 0) {
        o.push(open());
        r.push(ruled());
      } else {
        r.push(ruled());
        o.push(open());
      }
    }
    latOpen.push(percentile(o, 50));
    latRule.push(percentile(r, 50));
    // The same query as a logged-in archivist (authorization, access rule, audit row).
    const t3 = performance.now();
    const asArch = searchAs(op, `"${q.term}"`, { ...opts, limit: 20 });
    latAs.push(performance.now() - t3);
    const truthAs = bruteForce(c, q, true);
    const truthAsSet = new Set(truthAs);
    expected += truthAs.length;
    found += Math.min(asArch.total, truthAs.length);
    returned += asArch.total;
    if (asArch.total !== truthAs.length || !asArch.hits.every((h) => truthAsSet.has(h.recordId))) {
      console.log(`  MISMATCH as archivist ${q.term}: total ${asArch.total}, brute force ${truthAs.length}`);
    }
    rows.push(`  ${q.kind.padEnd(6)} len=${q.length} ${(q.dateField ?? 'none').padEnd(7)} ${q.term.padEnd(8 - q.length)} records=${String(truth.length).padStart(6)}  search ${ms(took).toFixed(1).padStart(6)} ms  brute ${ms(bruteMs).toFixed(1).padStart(7)} ms  rule ${ms(latRule.at(-1)!).toFixed(1).padStart(6)} / open ${ms(latOpen.at(-1)!).toFixed(1).padStart(6)} ms`);
  }
  console.log(rows.join('\n'));
  const p95 = percentile(lat, 95);
  const p95As = percentile(latAs, 95);
  const p50 = percentile(lat, 50);
  const bp95 = percentile(brute, 95);
  const recall = expected === 0 ? 1 : found / expected;
  const precision = returned === 0 ? 1 : found / returned;
  const p95Open = percentile(latOpen, 95);
  const p95Rule = percentile(latRule, 95);
  const ruleCost = p95Rule / p95Open;
  console.log(`the visibility rule: p95 ${ms(p95Rule)} ms with the archivist's rule, ${ms(p95Open)} ms without (held records included on both sides): ${ruleCost.toFixed(3)}x (goal <= 1.10)`);
  console.log(`as an archivist (searchAs: permissions + rule + audit row): p50 ${ms(percentile(latAs, 50))} ms, p95 ${ms(p95As)} ms (${(p95As / p95).toFixed(3)}x the engine search without held records)`);
  console.log(`${queries.length} queries: search p50 ${ms(p50)} ms, p95 ${ms(p95)} ms, max ${ms(Math.max(...lat))} ms; brute force p50 ${ms(percentile(brute, 50))} ms, p95 ${ms(bp95)} ms`);
  c.vault.close();
  if (KEEP || REUSE) console.log(`kept ${c.dir}`);
  else fs.rmSync(c.dir, { recursive: true, force: true });
  console.log(`BENCH search pages=${PAGES} p95_ms=${ms(p95)} p50_ms=${ms(p50)} recall=${recall.toFixed(4)} precision=${precision.toFixed(4)} p95_archivist_ms=${ms(p95As)} index_ratio=${ratio.toFixed(2)} index_mb=${ms(indexBytes / 1e6)} build_s=${ms(buildS)} bruteforce_p95_ms=${ms(bp95)} speedup=${(bp95 / p95).toFixed(1)} rule_cost_ratio=${ruleCost.toFixed(3)} p95_rule_ms=${ms(p95Rule)} p95_norule_ms=${ms(p95Open)} searchas_ratio=${(p95As / p95).toFixed(3)}`);
}

await main();
