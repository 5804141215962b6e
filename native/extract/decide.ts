import { withAuditSync } from '../auth/authorize.js';
import { recordTarget, type OperationContext } from '../auth/types.js';
import { VaultError } from '../errors.js';
import { indexRecord } from '../search/index.js';
import { extractMessages } from './messages.js';
import { acceptSuggestion, listSuggestions, rejectSuggestion, type StoredSuggestion } from './store.js';

export type SuggestionDecision = 'accept' | 'reject';

/**
 * The archivist's confirmation of an extraction suggestion: an edit of the record (edit_record
 * on that record, so a 涉密 record's suggestions are decided only by those allowed), logged with
 * the field and value. Accepting rewrites the record's catalog fields, so its search entry too.
 */
export function decideSuggestion(ctx: OperationContext, recordId: number, suggestionId: number, decision: SuggestionDecision): StoredSuggestion {
  return withAuditSync(ctx, 'edit_record', recordTarget(recordId), () => {
    if (!listSuggestions(ctx.db, recordId).some((x) => x.id === suggestionId)) {
      throw VaultError.of('SUGGESTION_NOT_FOUND', extractMessages.noSuggestion, { recordId, id: suggestionId });
    }
    if (decision === 'reject') return rejectSuggestion(ctx.db, suggestionId, ctx.session.username);
    const accepted = acceptSuggestion(ctx.db, suggestionId, ctx.session.username);
    indexRecord(ctx.db, recordId);
    return accepted;
  }, (s) => ({ op: `${decision}_suggestion`, suggestionId, field: s.field, ...(decision === 'accept' ? { value: s.value } : {}) }));
}
