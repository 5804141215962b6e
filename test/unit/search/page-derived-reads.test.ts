import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

// Every read of page-derived data on a person's behalf goes through native/search/page-derived.ts,
// which applies the session's content rule (DESIGN.md "One face, floors inside the engine"). This
// test fails when SQL naming a page-derived table appears in any other source file of native/,
// unless the file is one of the writers (or schema) listed below with the reason it may.

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const NATIVE = path.join(ROOT, 'native');

/**
 * Tables whose rows are page content or derived from it (the whole name, or a prefix ending in
 * `_` for families such as the trigram shards). search_record (which records' catalog fields
 * are indexed) is listed too: it sits in the same index and has no reader but the indexer.
 */
export const PAGE_DERIVED_TABLES = [
  'page_text',
  'search_page',
  'search_date',
  'search_record_text',
  'search_record_text_state',
  'search_text_',
  'search_record',
  'record_suggestions',
  'classified_holds',
  'record_warnings',
  'page_measures',
  'qc_findings',
  'qc_page_metrics',
] as const;

/** Names exported by the indexer that stand for page-derived tables in SQL built at run time. */
const TABLE_NAME_CONSTANTS = ['TRIGRAM_SHARDS', 'FTS_TABLES', 'trigramShard'] as const;

/** Files (relative to native/) that may name these tables, and why. */
const ALLOWED: Record<string, string> = {
  'search/page-derived.ts': 'the reader: every person-facing read, with the content rule applied in its SQL',
  'search/indexer.ts': 'writer: builds the index from page_text (indexPage, reindexAll) and counts it (indexStatus)',
  'search/record-text.ts': 'writer: rebuilds the record text documents from page_text',
  'ocr/queue.ts': 'writer: commitPageText stores the OCR result',
  'ocr/queue-store.ts': 'OCR queue: which pages have no text yet (existence only, never read for a person)',
  'pipeline/page-text-saved.ts': 'extraction input right after the text is stored, inside the OCR commit (no person involved)',
  'extract/suggestion-store.ts': 'writer: suggestions, 涉密 holds and the mark warning found by extraction',
  'catalog/records.ts': 'writer: ingest warnings (record_warnings); shown with the record after view_record',
  'images/measures-store.ts': 'machine QC measures of page images (a 32×32 print among them): written at ingest and by the machine checks, read only by the machine checks to compute findings, never shown to a person',
  'qc/batches.ts': 'writer: the machine checks store their findings (qc_findings) and the measures they compared (qc_page_metrics, read back only by the checks themselves); findings are read for a person through the reader (PageDerived.qcFindings)',
  'appraisal/destroy.ts': 'writer: destruction deletes a destroyed record\'s page text, suggestions and QC findings, after its 销毁清册 row',
};

/**
 * Person-facing reads still outside the reader, each to move to it. Listed so this test stays
 * green while they are moved, and fails once one no longer names a table (then drop it here).
 */
const PENDING: Record<string, string> = {};

const isMigration = (rel: string) => rel.startsWith('db/migrations/');

/** String and template literal texts of a source file, and its identifiers (comments left out). */
function parts(source: string): { literals: string[]; identifiers: Set<string> } {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const literals: string[] = [];
  const identifiers = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      literals.push(node.text);
    } else if (ts.isIdentifier(node)) identifiers.add(node.text);
    node.forEachChild(visit);
  };
  visit(file);
  return { literals, identifiers };
}

const TABLE_RE = new RegExp(`\\b(${PAGE_DERIVED_TABLES.map((t) => (t.endsWith('_') ? `${t}\\w+` : t)).join('|')})\\b`, 'g');

/** The page-derived tables (or table-name constants) a source file names in its code. */
export function pageDerivedReferences(source: string): string[] {
  const { literals, identifiers } = parts(source);
  const found = new Set<string>();
  for (const text of literals) for (const m of text.matchAll(TABLE_RE)) found.add(m[1]!);
  for (const c of TABLE_NAME_CONSTANTS) if (identifiers.has(c)) found.add(c);
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

let scanned: Map<string, string[]> | null = null;

/** native/ file (relative, with /) → what it names; scanned once per run. */
function referencesByFile(): Map<string, string[]> {
  if (scanned) return scanned;
  const out = (scanned = new Map<string, string[]>());
  for (const file of sourceFiles(NATIVE)) {
    const rel = path.relative(NATIVE, file).split(path.sep).join('/');
    const refs = pageDerivedReferences(fs.readFileSync(file, 'utf8'));
    if (refs.length > 0) out.set(rel, refs);
  }
  return out;
}

test('the detector finds a planted read, in SQL strings and templates, and not in comments', () => {
  assert.deepEqual(pageDerivedReferences("const r = db.prepare('SELECT text FROM page_text WHERE page_id = ?').get(id);"), ['page_text']);
  assert.deepEqual(pageDerivedReferences('const q = `SELECT record_id FROM search_date WHERE date_from >= ${from}`;'), ['search_date']);
  assert.deepEqual(pageDerivedReferences('run(db, sql`SELECT * FROM record_suggestions WHERE record_id = ${id}`);'), ['record_suggestions']);
  assert.deepEqual(pageDerivedReferences("db.exec('DELETE FROM search_text_trigram_1');"), ['search_text_trigram_1']);
  assert.deepEqual(pageDerivedReferences("import { TRIGRAM_SHARDS } from './indexer.js';\nfor (const t of TRIGRAM_SHARDS) db.prepare(`SELECT rowid FROM ${t}`);"), ['TRIGRAM_SHARDS']);
  assert.deepEqual(pageDerivedReferences('// reads page_text.layout defensively\n/** search_page slots */\nconst pageText = 1;'), []);
  // A catalog-derived table is not page-derived: the records rule covers it.
  assert.deepEqual(pageDerivedReferences("db.prepare('SELECT rowid FROM search_field_bigram WHERE search_field_bigram MATCH ?')"), []);
});

test('no file outside the reader and the listed writers names a page-derived table', () => {
  const offenders: string[] = [];
  for (const [rel, refs] of referencesByFile()) {
    if (ALLOWED[rel] || PENDING[rel] || isMigration(rel)) continue;
    offenders.push(`native/${rel}: ${refs.join(', ')}`);
  }
  assert.deepEqual(offenders, [], 'read page-derived data through native/search/page-derived.ts (it applies the content rule), or, for a writer, list the file in ALLOWED with the reason');
});

test('the lists stay honest: every listed file exists and still names a page-derived table', () => {
  const refs = referencesByFile();
  for (const rel of [...Object.keys(ALLOWED), ...Object.keys(PENDING)]) {
    assert.ok(refs.has(rel), `native/${rel} no longer names a page-derived table: drop it from the list`);
  }
  assert.ok(refs.get('search/page-derived.ts')!.includes('search_date'), 'the reader reads the dates found in page text');
});
