/**
 * Suggestions in the catalog: saved per record, listed, accepted (the value goes into the
 * record) or rejected by a named person. A state-secret mark puts the record under 涉密 hold
 * the moment it is detected, before anyone accepts anything, so that it can never be exported
 * by mistake; only clearClassifiedHold (the security officer's action; permission checks live
 * with the accounts code) lifts it. Every hold and release is logged in classified_holds.
 */
import { all, get, immediate, nowIso, run, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { msg } from '../i18n/messages.js';
import { isStateSecret, type Classification } from '../catalog/types.js';
import { effectivePeriod, isSecretMark, markValue, parseMarkValue, type ClassificationMark } from './classification.js';
import { isIsoDate } from '../text/dates.js';
import { normalizeDocNumber } from './doc-number.js';
import { extractMessages } from './messages.js';
import { SUGGESTION_FIELDS, type BBox, type Suggestion, type SuggestionField } from './types.js';

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';

export interface StoredSuggestion {
  id: number;
  recordId: number;
  field: SuggestionField;
  value: string;
  pageNo: number | null;
  evidence: string;
  start: number | null;
  end: number | null;
  bbox: BBox | null;
  confidence: number;
  status: SuggestionStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

interface Row {
  id: number;
  record_id: number;
  field: SuggestionField;
  value: string;
  page_no: number | null;
  evidence: string;
  text_start: number | null;
  text_end: number | null;
  bbox: string | null;
  confidence: number;
  status: SuggestionStatus;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

interface RecordState {
  id: number;
  doc_date: string | null;
  doc_number: string;
  title: string;
  creator: string;
  classification: Classification;
  classification_period: string;
  classified_hold: number;
}

function toDto(r: Row): StoredSuggestion {
  return {
    id: r.id,
    recordId: r.record_id,
    field: r.field,
    value: r.value,
    pageNo: r.page_no,
    evidence: r.evidence,
    start: r.text_start,
    end: r.text_end,
    bbox: r.bbox === null ? null : (JSON.parse(r.bbox) as BBox),
    confidence: r.confidence,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

function loadRecord(db: Db, recordId: number): RecordState {
  const r = get<RecordState>(
    db,
    sql`SELECT id, doc_date, doc_number, title, creator, classification, classification_period, classified_hold FROM records WHERE id = ${recordId}`,
  );
  if (!r) throw VaultError.of('RECORD_NOT_FOUND', extractMessages.recordNotFound, { recordId });
  return r;
}

function loadSuggestion(db: Db, id: number): Row {
  const r = get<Row>(db, sql`SELECT * FROM record_suggestions WHERE id = ${id}`);
  if (!r) throw VaultError.of('SUGGESTION_NOT_FOUND', extractMessages.suggestionNotFound, { id });
  return r;
}

function requireDecider(decidedBy: string): string {
  const who = decidedBy.trim();
  if (who === '') throw VaultError.of('DECIDER_REQUIRED', extractMessages.noDecider);
  return who;
}

function bad(s: { field: string; value: string }, reason: string): VaultError {
  return VaultError.of('BAD_SUGGESTION', extractMessages.badSuggestion, { field: s.field, value: s.value, reason });
}

/** Checks a suggestion's value before anything is written; returns the value to store. */
function validated(s: Suggestion): string {
  if (!SUGGESTION_FIELDS.includes(s.field)) throw bad(s, 'unknown field');
  if (!(s.confidence >= 0 && s.confidence <= 1)) throw bad(s, 'confidence must be between 0 and 1');
  if (s.pageNo !== undefined && !(Number.isInteger(s.pageNo) && s.pageNo >= 1)) throw bad(s, 'page number must be 1 or more');
  const value = s.value.trim();
  if (value === '') throw bad(s, 'empty value');
  switch (s.field) {
    case 'docDate':
      if (!isIsoDate(value)) throw bad(s, 'not a YYYY-MM-DD calendar date');
      return value;
    case 'docNumber':
      return normalizeDocNumber(value) ?? value;
    case 'classification': {
      const mark = parseMarkValue(value);
      if (!mark) throw bad(s, 'not a classification mark');
      return markValue(mark);
    }
    default:
      return value;
  }
}

/** Is the suggested value what the record already holds (nothing to decide)? */
function alreadyInRecord(r: RecordState, field: SuggestionField, value: string): boolean {
  switch (field) {
    case 'docDate':
      return r.doc_date === value;
    case 'docNumber':
      return r.doc_number === value;
    case 'title':
      return r.title === value;
    case 'creator':
      return r.creator === value;
    case 'classification': {
      const mark = parseMarkValue(value);
      if (!mark) return false;
      if (!isSecretMark(mark)) return r.classification === 'internal';
      return r.classification === mark.level && r.classification_period === effectivePeriod(mark);
    }
  }
}

function logHold(db: Db, recordId: number, action: 'held' | 'cleared', source: 'detected' | 'accepted' | 'manual', mark: string, decidedBy: string | null, at: string): void {
  run(db, sql`INSERT INTO classified_holds (record_id, action, source, mark, decided_by, at) VALUES (${recordId}, ${action}, ${source}, ${mark}, ${decidedBy}, ${at})`);
}

function holdNow(db: Db, record: RecordState, mark: string, source: 'detected' | 'accepted', decidedBy: string | null, at: string): void {
  if (record.classified_hold === 1) return;
  run(db, sql`UPDATE records SET classified_hold = 1, updated_at = ${at} WHERE id = ${record.id}`);
  logHold(db, record.id, 'held', source, mark, decidedBy, at);
  if (source === 'detected') {
    const text = msg(extractMessages.markDetected, { mark });
    run(
      db,
      sql`INSERT INTO record_warnings (record_id, page_no, code, message_zh, message_en)
          VALUES (${record.id}, 1, 'CLASSIFICATION_MARK_DETECTED', ${text.zh}, ${text.en})`,
    );
  }
  record.classified_hold = 1;
}

function applyHold(db: Db, record: RecordState, mark: ClassificationMark | null, at: string): boolean {
  if (!isSecretMark(mark)) return false;
  if (record.classified_hold === 1) return true;
  const value = markValue(mark);
  // The security officer already reviewed this very mark and released the item: do not re-hold
  // on every OCR re-run. A different mark holds it again.
  const last = get<{ action: string; mark: string }>(
    db,
    sql`SELECT action, mark FROM classified_holds WHERE record_id = ${record.id} ORDER BY id DESC LIMIT 1`,
  );
  if (last && last.action === 'cleared' && last.mark === value) return false;
  holdNow(db, record, value, 'detected', null, at);
  return true;
}

/**
 * Puts the record under 涉密 hold at once when `mark` is a state-secret mark (秘密/机密/绝密);
 * 内部 and null do nothing. Returns whether the record is (now) held because of the mark.
 * The classification level itself waits for the archivist to accept the suggestion.
 */
export function applyClassificationHold(db: Db, recordId: number, mark: ClassificationMark | null): boolean {
  return immediate(db, () => applyHold(db, loadRecord(db, recordId), mark, nowIso()));
}

/**
 * Replaces the record's pending suggestions with these. Values the record already holds, and
 * values a person already accepted or rejected for that field, are not offered again. A
 * state-secret classification suggestion puts the record under hold in the same transaction.
 * Returns the rows saved.
 */
export function saveSuggestions(db: Db, recordId: number, suggestions: readonly Suggestion[]): StoredSuggestion[] {
  const values = suggestions.map((s) => validated(s));
  return immediate(db, () => {
    const record = loadRecord(db, recordId);
    const at = nowIso();
    run(db, sql`DELETE FROM record_suggestions WHERE record_id = ${recordId} AND status = 'pending'`);
    const decided = new Set(
      all<{ field: string; value: string }>(db, sql`SELECT field, value FROM record_suggestions WHERE record_id = ${recordId} AND status <> 'pending'`).map(
        (r) => `${r.field}\u0000${r.value}`,
      ),
    );
    const ids: number[] = [];
    suggestions.forEach((s, i) => {
      const value = values[i]!;
      if (s.field === 'classification') applyHold(db, record, parseMarkValue(value), at);
      if (decided.has(`${s.field}\u0000${value}`) || alreadyInRecord(record, s.field, value)) return;
      decided.add(`${s.field}\u0000${value}`);
      const r = run(
        db,
        sql`INSERT INTO record_suggestions (record_id, field, value, page_no, evidence, text_start, text_end, bbox, confidence, status, created_at)
            VALUES (${recordId}, ${s.field}, ${value}, ${s.pageNo ?? null}, ${s.evidence}, ${s.start ?? null}, ${s.end ?? null},
                    ${s.bbox ? JSON.stringify(s.bbox) : null}, ${s.confidence}, 'pending', ${at})`,
      );
      ids.push(Number(r.lastInsertRowid));
    });
    return ids.map((id) => toDto(loadSuggestion(db, id)));
  });
}

/** The record's suggestions, pending first, then by field and confidence. */
export function listSuggestions(db: Db, recordId: number, status?: SuggestionStatus): StoredSuggestion[] {
  loadRecord(db, recordId);
  const rows = all<Row>(
    db,
    status
      ? sql`SELECT * FROM record_suggestions WHERE record_id = ${recordId} AND status = ${status} ORDER BY field, confidence DESC, id`
      : sql`SELECT * FROM record_suggestions WHERE record_id = ${recordId}
            ORDER BY status <> 'pending', field, confidence DESC, id`,
  );
  return rows.map(toDto);
}

function pendingRow(db: Db, id: number): Row {
  const row = loadSuggestion(db, id);
  if (row.status !== 'pending') throw VaultError.of('SUGGESTION_DECIDED', extractMessages.alreadyDecided, { id, status: row.status });
  return row;
}

function writeField(db: Db, record: RecordState, row: Row, who: string, at: string): void {
  switch (row.field) {
    case 'docDate':
      run(db, sql`UPDATE records SET doc_date = ${row.value}, updated_at = ${at} WHERE id = ${record.id}`);
      return;
    case 'docNumber':
      run(db, sql`UPDATE records SET doc_number = ${row.value}, updated_at = ${at} WHERE id = ${record.id}`);
      return;
    case 'title':
      run(db, sql`UPDATE records SET title = ${row.value}, updated_at = ${at} WHERE id = ${record.id}`);
      return;
    case 'creator':
      run(db, sql`UPDATE records SET creator = ${row.value}, updated_at = ${at} WHERE id = ${record.id}`);
      return;
    case 'classification': {
      const mark = parseMarkValue(row.value);
      if (!mark) throw bad(row, 'not a classification mark');
      if (!isSecretMark(mark)) {
        if (isStateSecret(record.classification) || record.classified_hold === 1) {
          throw VaultError.of('CLASSIFICATION_DOWNGRADE', extractMessages.downgrade, { recordId: record.id, level: record.classification });
        }
        run(db, sql`UPDATE records SET classification = 'internal', classification_period = '', updated_at = ${at} WHERE id = ${record.id}`);
        return;
      }
      run(
        db,
        sql`UPDATE records SET classification = ${mark.level}, classification_period = ${effectivePeriod(mark)}, updated_at = ${at} WHERE id = ${record.id}`,
      );
      holdNow(db, record, row.value, 'accepted', who, at);
      return;
    }
  }
}

/**
 * Writes the suggested value into the record (doc_date, doc_number, title, creator; a
 * classification sets classification, classification_period — the printed period or the
 * statutory maximum — and, for state-secret levels, the hold) and marks it accepted. Other
 * pending suggestions for the same field are marked rejected by the same person.
 */
export function acceptSuggestion(db: Db, id: number, decidedBy: string): StoredSuggestion {
  const who = requireDecider(decidedBy);
  return immediate(db, () => {
    const row = pendingRow(db, id);
    const record = loadRecord(db, row.record_id);
    const at = nowIso();
    writeField(db, record, row, who, at);
    run(db, sql`UPDATE record_suggestions SET status = 'accepted', decided_at = ${at}, decided_by = ${who} WHERE id = ${id}`);
    run(
      db,
      sql`UPDATE record_suggestions SET status = 'rejected', decided_at = ${at}, decided_by = ${who}
          WHERE record_id = ${row.record_id} AND field = ${row.field} AND status = 'pending' AND id <> ${id}`,
    );
    return toDto(loadSuggestion(db, id));
  });
}

/** Marks the suggestion rejected. Rejecting a classification suggestion does not lift a hold. */
export function rejectSuggestion(db: Db, id: number, decidedBy: string): StoredSuggestion {
  const who = requireDecider(decidedBy);
  return immediate(db, () => {
    pendingRow(db, id);
    run(db, sql`UPDATE record_suggestions SET status = 'rejected', decided_at = ${nowIso()}, decided_by = ${who} WHERE id = ${id}`);
    return toDto(loadSuggestion(db, id));
  });
}

/**
 * Lifts the 涉密 hold (the security officer's decision: a misread mark, or a declassified item
 * whose classification was already lowered). Refused while the record is still classified at a
 * state-secret level. Pending state-secret classification suggestions are rejected with it.
 * Returns false when the record was not held.
 */
export function clearClassifiedHold(db: Db, recordId: number, decidedBy: string): boolean {
  const who = requireDecider(decidedBy);
  return immediate(db, () => {
    const record = loadRecord(db, recordId);
    if (isStateSecret(record.classification)) {
      throw VaultError.of('STILL_CLASSIFIED', extractMessages.stillClassified, { recordId, level: record.classification });
    }
    if (record.classified_hold !== 1) return false;
    const at = nowIso();
    const last = get<{ mark: string }>(db, sql`SELECT mark FROM classified_holds WHERE record_id = ${recordId} AND action = 'held' ORDER BY id DESC LIMIT 1`);
    run(db, sql`UPDATE records SET classified_hold = 0, updated_at = ${at} WHERE id = ${recordId}`);
    logHold(db, recordId, 'cleared', 'manual', last?.mark ?? '', who, at);
    const pending = all<Row>(db, sql`SELECT * FROM record_suggestions WHERE record_id = ${recordId} AND field = 'classification' AND status = 'pending'`);
    for (const p of pending) {
      const mark = parseMarkValue(p.value);
      if (isSecretMark(mark)) {
        run(db, sql`UPDATE record_suggestions SET status = 'rejected', decided_at = ${at}, decided_by = ${who} WHERE id = ${p.id}`);
      }
    }
    return true;
  });
}
