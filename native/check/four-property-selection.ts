import { parseArchivalCode } from '../catalog/archival-code.js';
import { recordMasters, recordPages } from '../catalog/records.js';
import { CLASSIFICATION_LABELS, isStateSecret, type RecordRow } from '../catalog/types.js';
import type { Db } from '../db/database.js';
import { isVaultError } from '../errors.js';
import { digestFile } from '../hash/digests.js';
import type { ObjectStore } from '../store/object-store.js';
import { CheckCollector, type FourPropertyReport } from './four-property.js';
import { fourPropertyMessages as m } from './four-property-messages.js';
import { isHostileKind, MASTER_KINDS, readFileHead, sniff, type SniffedKind } from './four-property-sniff.js';

/**
 * The four-property check of records in the vault, before they leave it (transfer) or after
 * they came in (accession). Every record gets every check; a record with any failed check is
 * in report.refused with each reason. Reading OCR text and the export decision are the
 * caller's (they depend on who asks), passed in as functions.
 */
export interface SelectionInput {
  db: Db;
  store: ObjectStore;
  records: readonly RecordRow[];
  /** Why a record may not leave for this person (not classified: restricted without a grant), or undefined. */
  exportDenied: (recordId: number) => 'restricted' | undefined;
  /** Pages of the record that have OCR text. */
  pagesWithText: (recordId: number) => number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** A file's first bytes, or null when it cannot be read (reported as unusable). */
function headOf(file: string): Promise<Uint8Array | null> {
  return readFileHead(file).catch(() => null);
}

function securityChecks(c: CheckCollector, r: RecordRow, denied: 'restricted' | undefined): void {
  const s = r.archivalCode;
  if (isStateSecret(r.classification)) {
    const level = CLASSIFICATION_LABELS[r.classification];
    c.add('SEC-01', 'security', 'fail', s, { zh: fill(m.classified, { level: level.zh }).zh, en: fill(m.classified, { level: level.en }).en }, r.id);
  } else if (r.classifiedHold) c.add('SEC-01', 'security', 'fail', s, m.classifiedHold, r.id);
  else c.add('SEC-01', 'security', 'pass', s, m.notClassified, r.id);
  if (denied === 'restricted') c.add('SEC-02', 'security', 'fail', s, m.restricted, r.id);
  else if (r.classification === 'internal') c.add('SEC-02', 'security', 'warn', s, m.internalMark, r.id);
  else c.add('SEC-02', 'security', 'pass', s, m.exportAllowed, r.id);
}

function fill(entry: { zh: string; en: string }, params: Record<string, string | number>): { zh: string; en: string } {
  const f = (t: string): string => t.replace(/\{(\w+)\}/g, (w, k: string) => (params[k] === undefined ? w : String(params[k])));
  return { zh: f(entry.zh), en: f(entry.en) };
}

function codeCheck(c: CheckCollector, r: RecordRow): void {
  const s = r.archivalCode;
  try {
    const parts = parseArchivalCode(r.archivalCode);
    const fields: [string, string | number, string | number][] = [
      ['fondsCode', parts.fondsCode, r.fondsCode],
      ['categoryCode', parts.categoryCode, r.categoryCode],
      ['year', parts.year, r.year],
      ['retention', parts.retention, r.retention],
      ['orgUnit', parts.orgUnit, r.orgUnit],
      ['itemNumber', parts.itemNumber, r.itemNumber],
    ];
    const bad = fields.find(([, a, b]) => String(a) !== String(b));
    if (bad) c.add('AUT-01', 'authenticity', 'fail', s, fill(m.codeMismatch, { field: bad[0], inCode: bad[1], inCatalog: bad[2] }), r.id);
    else c.add('AUT-01', 'authenticity', 'pass', s, m.codeOk, r.id);
  } catch (e) {
    c.add('AUT-01', 'authenticity', 'fail', s, fill(m.codeBad, { reason: isVaultError(e) ? e.text.en : String(e) }), r.id);
  }
}

async function contentChecks(c: CheckCollector, input: SelectionInput, r: RecordRow): Promise<void> {
  const s = r.archivalCode;
  const masters = recordMasters(input.db, r.id);
  const pages = recordPages(input.db, r.id);
  // Integrity: masters present, page counts agree three ways.
  const masterPages = masters.reduce((n, x) => n + x.pageCount, 0);
  if (masters.length === 0) c.add('INT-01', 'integrity', 'fail', s, m.noMasters, r.id);
  else if (pages.length !== r.pageCount || masterPages !== r.pageCount) {
    c.add('INT-01', 'integrity', 'fail', s, fill(m.pageCountMismatch, { catalog: r.pageCount, pages: pages.length, masters: masterPages }), r.id);
  } else c.add('INT-01', 'integrity', 'pass', s, fill(m.mastersOk, { masters: masters.length, pages: pages.length }), r.id);

  // Authenticity (digests), usability (format) and security (executables) read each master once.
  let digestProblem: { zh: string; en: string } | null = null;
  let formatProblem: { zh: string; en: string } | null = null;
  let hostile: { zh: string; en: string } | null = null;
  const kinds = new Set<SniffedKind>();
  for (const master of masters) {
    input.signal?.throwIfAborted();
    const file = input.store.pathOf(master.sha256);
    const head = await headOf(file);
    if (head === null) {
      digestProblem ??= fill(m.digestMissing, { seq: master.seq, sha256: master.sha256 });
      continue;
    }
    const kind = sniff(head);
    kinds.add(kind);
    if (isHostileKind(kind)) hostile ??= fill(m.hostile, { what: `${s} #${master.seq}`, kind });
    else if (!MASTER_KINDS.has(kind)) formatProblem ??= fill(m.formatBad, { seq: master.seq, kind });
    const d = await digestFile(file);
    if (d.sha256 !== master.sha256) digestProblem ??= fill(m.digestMismatch, { seq: master.seq, algorithm: 'SHA-256', expected: master.sha256, found: d.sha256 });
    else if (d.sm3 !== master.sm3) digestProblem ??= fill(m.digestMismatch, { seq: master.seq, algorithm: 'SM3', expected: master.sm3, found: d.sm3 });
  }
  c.add('AUT-02', 'authenticity', digestProblem ? 'fail' : 'pass', s, digestProblem ?? fill(m.digestOk, { count: masters.length }), r.id);
  c.add('USE-01', 'usability', formatProblem ? 'fail' : 'pass', s, formatProblem ?? fill(m.formatOk, { formats: [...kinds].join(', ') || '-' }), r.id);
  c.add('SEC-03', 'security', hostile ? 'fail' : 'pass', s, hostile ?? m.hostileOk, r.id);

  const withText = input.pagesWithText(r.id);
  if (withText < pages.length) c.add('USE-02', 'usability', 'warn', s, fill(m.textMissing, { missing: pages.length - withText, pages: pages.length }), r.id);
  else c.add('USE-02', 'usability', 'pass', s, fill(m.textOk, { withText, pages: pages.length }), r.id);
}

/** 件号 continuity (1..n, no gaps) of each class the selection touches, over the whole catalog. */
function continuityChecks(c: CheckCollector, input: SelectionInput): void {
  const classes = new Map<string, RecordRow>();
  for (const r of input.records) classes.set(JSON.stringify([r.fondsCode, r.categoryCode, r.year, r.retention, r.orgUnit]), r);
  for (const r of classes.values()) {
    const numbers = (input.db.prepare('SELECT item_number AS n FROM records WHERE fonds_code = ? AND category_code = ? AND year = ? AND retention = ? AND org_unit = ? ORDER BY item_number')
      .all(r.fondsCode, r.categoryCode, r.year, r.retention, r.orgUnit) as { n: number }[]).map((x) => x.n);
    const max = numbers[numbers.length - 1] ?? 0;
    const have = new Set(numbers);
    const missing: number[] = [];
    for (let i = 1; i <= max && missing.length < 20; i++) if (!have.has(i)) missing.push(i);
    const subject = `${r.fondsCode}-${r.categoryCode}·${r.year}-${r.retention}-${r.orgUnit}`;
    if (missing.length > 0) c.add('INT-02', 'integrity', 'fail', subject, fill(m.continuityGap, { missing: missing.join(', ') }));
    else c.add('INT-02', 'integrity', 'pass', subject, fill(m.continuityOk, { max }));
  }
}

/** Likely duplicates (same 文号 and 题名) inside the selection: a warning, a person decides. */
function duplicateChecks(c: CheckCollector, records: readonly RecordRow[]): void {
  // 档号 name folders and files in a package: two that differ only in case or Unicode form
  // would collide on Windows and macOS (RFC 8493 §6.2), so the second may not go with the first.
  const codes = new Map<string, string>();
  for (const r of records) {
    const key = r.archivalCode.normalize('NFC').toLowerCase();
    const other = codes.get(key);
    if (other !== undefined) c.add('INT-04', 'integrity', 'fail', r.archivalCode, fill(m.codeCollision, { other }), r.id);
    else codes.set(key, r.archivalCode);
  }
  const seen = new Map<string, string>();
  for (const r of records) {
    if (r.docNumber === '') continue;
    const key = `${r.docNumber}\u0000${r.title}`;
    const other = seen.get(key);
    if (other !== undefined) c.add('INT-03', 'integrity', 'warn', r.archivalCode, fill(m.duplicateDocNumber, { other }), r.id);
    else seen.set(key, r.archivalCode);
  }
}

export async function checkSelection(input: SelectionInput): Promise<FourPropertyReport> {
  const c = new CheckCollector();
  if (input.records.length === 0) c.add('INT-00', 'integrity', 'fail', '*', m.emptySelection);
  let done = 0;
  for (const r of input.records) {
    input.signal?.throwIfAborted();
    securityChecks(c, r, input.exportDenied(r.id));
    // A 涉密 record's content is not read at all (processing stops at screening).
    if (!(isStateSecret(r.classification) || r.classifiedHold)) {
      codeCheck(c, r);
      await contentChecks(c, input, r);
    }
    input.onProgress?.(++done, input.records.length);
  }
  continuityChecks(c, input);
  duplicateChecks(c, input.records);
  return c.report('selection');
}
