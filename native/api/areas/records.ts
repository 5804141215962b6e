import fs from 'node:fs';
import { authorize, can, guarded, guardedAsync, recordAudit, withAuditSync } from '../../auth/authorize.js';
import { filterRecords, recordFilterSql } from '../../auth/visibility.js';
import type { Action } from '../../auth/permissions.js';
import { recordTarget, type Session } from '../../auth/types.js';
import { getRecord, getRecordByTypedCode, listRecords, recordsWithCodeLike, type CodeCandidate, pageImageFacts, pagesWithImage, recordMasters, recordPages, recordWarnings } from '../../catalog/records.js';
import type { RecordRow } from '../../catalog/types.js';
import { VaultError } from '../../errors.js';
import { extractMessages } from '../../extract/messages.js';
import { acceptSuggestion, listSuggestions, rejectSuggestion, type StoredSuggestion, type SuggestionStatus } from '../../extract/suggestion-store.js';
import { pageDerivedFor } from '../../search/access.js';
import { indexRecord } from '../../search/index.js';
import { ensureDerived } from '../../images/derived-images.js';
import { queueRows } from '../../ocr/queue-store.js';
import { Area } from '../area.js';
import { apiMessages } from '../messages.js';
import type { ListRecordsRequest, RecordDetailDTO } from '../types.js';

const MAX_PAGE = 1000;
/** Records offered for a 档号 that matched none: enough to spot the one meant, short enough to read. */
const MAX_CANDIDATES = 10;

/** The catalog and what a record holds: list, open, page images, extraction suggestions. */
export class RecordsArea extends Area {
  /** The catalog lines the session may see (restricted in SQL, so totals and paging are right). */
  list(session: Session, filter: ListRecordsRequest = {}): { total: number; records: RecordRow[] } {
    const op = this.op(session);
    const request = { ...filter, limit: Math.min(Math.max(1, filter.limit ?? 200), MAX_PAGE), offset: Math.max(0, filter.offset ?? 0) };
    return withAuditSync(op, 'view_catalog', { type: 'catalog' },
      () => listRecords(op.db, request, recordFilterSql(op, 'view_catalog', 'records')),
      (r) => ({ filter: { ...request }, total: r.total, returned: r.records.length }));
  }

  /**
   * The record a person names (档号 or id) for an action. The role is checked before the
   * lookup, so a person without the right cannot even learn which archival codes exist; then
   * the record's own state (涉密, restricted), a denial audited. Nothing else is logged: the
   * operation that follows writes its own row.
   */
  resolve(session: Session, action: Action, ref: string): RecordRow {
    const op = this.op(session);
    authorize(op, action, { type: 'record_ref', id: ref });
    const record = /^\d+$/.test(ref) ? getRecord(op.db, Number(ref)) : getRecordByTypedCode(op.db, ref);
    if (!record) throw VaultError.of('RECORD_NOT_FOUND', apiMessages.noRecordRef, { ref });
    authorize(op, action, recordTarget(record.id));
    return record;
  }

  /**
   * The records a partial or mistyped 档号 could mean (starts with it, then contains it), up to
   * ten, for a "did you mean" after RECORD_NOT_FOUND. Only catalog lines the session may see
   * (the catalog rule, in SQL); a person who may not see the catalog gets none, without a
   * denial row for what was only a typo. Logged like a catalog view when it returns any.
   */
  codeCandidates(session: Session, text: string): CodeCandidate[] {
    const op = this.op(session);
    const target = { type: 'catalog' } as const;
    if (!can(op, 'view_catalog', target).allowed) return [];
    const found = recordsWithCodeLike(op.db, text, recordFilterSql(op, 'view_catalog', 'records'), MAX_CANDIDATES);
    if (found.length > 0) recordAudit(op, 'view_catalog', target, 'ok', { codeLike: text, returned: found.length });
    return found;
  }

  /** Opening a record shows its content: authorized per record and logged. */
  get(session: Session, id: number): RecordDetailDTO {
    const op = this.op(session);
    const db = op.db;
    return withAuditSync(op, 'view_record', recordTarget(id), () => {
      const record = getRecord(db, id);
      if (!record) throw VaultError.of('RECORD_NOT_FOUND', apiMessages.noRecord, { id });
      const ocr = new Map(queueRows(db, { recordId: id }).map((q) => [q.pageId, q.status]));
      return {
        record,
        pages: recordPages(db, id).map((p) => ({
          id: p.id, pageNo: p.pageNo, imageSha256: p.imageSha256, sm3: p.sm3, format: p.format, compression: p.compression,
          width: p.width, height: p.height, dpiX: p.dpiX, colourMode: p.colourMode, ocr: ocr.get(p.id) ?? null,
        })),
        masters: recordMasters(db, id).map((m) => ({ seq: m.seq, originalName: m.originalName, format: m.format, size: m.size, sha256: m.sha256, sm3: m.sm3, pageCount: m.pageCount })),
        warnings: recordWarnings(db, id),
        texts: pageDerivedFor(op).recordTexts(id),
        suggestions: listSuggestions(db, id),
        canEdit: can(op, 'edit_record', recordTarget(id)).allowed,
      };
    }, (r) => ({ archivalCode: r.record.archivalCode }));
  }

  /**
   * A record's OCR text, page by page (or one page): reading it is viewing the record, so it is
   * authorized and logged as a view, through the one reader of page-derived data.
   */
  texts(session: Session, id: number, pageNo?: number): { record: RecordRow; pages: { pageNo: number; text: string; meanConfidence: number | null }[] } {
    const op = this.op(session);
    return withAuditSync(op, 'view_record', recordTarget(id), () => {
      const record = getRecord(op.db, id);
      if (!record) throw VaultError.of('RECORD_NOT_FOUND', apiMessages.noRecord, { id });
      if (pageNo !== undefined && (pageNo < 1 || pageNo > record.pageCount)) throw VaultError.of('PAGE_NOT_FOUND', apiMessages.noPageNo, { code: record.archivalCode, page: pageNo, pages: record.pageCount });
      const texts = pageDerivedFor(op).recordTexts(id);
      return { record, pages: pageNo === undefined ? texts : texts.filter((t) => t.pageNo === pageNo) };
    }, (r) => ({ archivalCode: r.record.archivalCode, op: 'text', ...(pageNo !== undefined ? { page: pageNo } : {}), pages: r.pages.length }));
  }

  /**
   * A page's derived image as a data: URL (the renderer loads nothing from disk or network).
   * Allowed when the session may see the image of some record that uses it. The normalized
   * image is made here on its first use (ingest makes only the thumbnail), a lost thumbnail again.
   */
  async pageImage(session: Session, imageSha256: string, kind: 'thumb' | 'normalized'): Promise<string> {
    const op = this.op(session);
    const uses = pagesWithImage(op.db, imageSha256);
    const facts = pageImageFacts(op.db, imageSha256);
    if (uses.length === 0 || !facts) throw VaultError.of('PAGE_NOT_FOUND', apiMessages.noPage, { sha: imageSha256 });
    const allowed = filterRecords(op, 'view_page_image', uses.map((u) => u.recordId));
    const recordId = allowed[0] ?? uses[0]!.recordId;
    return guardedAsync(op, 'view_page_image', recordTarget(recordId), async () => {
      const file = await ensureDerived(this.vault, { imageSha256, ...facts }, kind === 'thumb' ? 'thumb.jpg' : 'norm.png');
      const bytes = await fs.promises.readFile(file);
      return `data:${kind === 'thumb' ? 'image/jpeg' : 'image/png'};base64,${bytes.toString('base64')}`;
    });
  }

  /** What extraction found in the record's text (reading them is viewing the record). */
  suggestions(session: Session, recordId: number, status?: SuggestionStatus): StoredSuggestion[] {
    const op = this.op(session);
    return guarded(op, 'view_record', recordTarget(recordId), () => {
      const list = listSuggestions(op.db, recordId, status);
      recordAudit(op, 'view_record', recordTarget(recordId), 'ok', { suggestions: list.length, status: status ?? 'all' });
      return list;
    });
  }

  /** Accepting writes the value into the record: edit_record on that record, logged. */
  acceptSuggestion(session: Session, recordId: number, suggestionId: number): StoredSuggestion {
    return this.decide(session, recordId, suggestionId, 'accept');
  }

  rejectSuggestion(session: Session, recordId: number, suggestionId: number): StoredSuggestion {
    return this.decide(session, recordId, suggestionId, 'reject');
  }

  /**
   * The archivist's confirmation of an extraction suggestion: an edit of the record (edit_record
   * on that record, so a 涉密 record's suggestions are decided only by those allowed), logged with
   * the field and value. Accepting rewrites the record's catalog fields, so its search entry too.
   */
  private decide(session: Session, recordId: number, suggestionId: number, decision: 'accept' | 'reject'): StoredSuggestion {
    const op = this.op(session);
    // A suggestion's value was read from the pages: deciding it shows it, so the person must
    // also be allowed to see what the pages say (an archivist may edit a held record's catalog
    // line, but not learn its 成文日期 or 文号 from here).
    authorize(op, 'view_record', recordTarget(recordId));
    return withAuditSync(op, 'edit_record', recordTarget(recordId), () => {
      if (!listSuggestions(op.db, recordId).some((x) => x.id === suggestionId)) {
        throw VaultError.of('SUGGESTION_NOT_FOUND', extractMessages.noSuggestion, { recordId, id: suggestionId });
      }
      if (decision === 'reject') return rejectSuggestion(op.db, suggestionId, op.session.username);
      const accepted = acceptSuggestion(op.db, suggestionId, op.session.username);
      indexRecord(op.db, recordId);
      return accepted;
    }, (s) => ({ op: `${decision}_suggestion`, suggestionId, field: s.field, ...(decision === 'accept' ? { value: s.value } : {}) }));
  }
}
