import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clearClassifiedHold } from '../../../native/review/classification.js';
import { applyClassificationHold, listSuggestions, saveSuggestions } from '../../../native/extract/suggestion-store.js';
import { addRecord, codeOf, freshDb, lastAudit, setupAdmins, TestClock } from './helpers.js';

test('the security officer releases a 涉密 hold: hold history kept, pending 密级 suggestion rejected, basis audited', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  const id = addRecord(db);
  assert.equal(applyClassificationHold(db, id, { level: 'secret', period: '10年', text: '秘密★10年' }), true);
  saveSuggestions(db, id, [{ field: 'classification', value: '秘密★10年', pageNo: 1, evidence: '秘密★10年', confidence: 0.9 }]);

  assert.equal(await codeOf(() => clearClassifiedHold(admins.sys, id, '误识别')), 'ACCESS_DENIED', 'the sysadmin may not');
  assert.equal(await codeOf(() => clearClassifiedHold(admins.so, id, '')), 'REVIEW_INVALID', 'a basis is required');
  clearClassifiedHold(admins.so, id, '复核原件：页眉为印刷装饰，非密级标志');

  assert.equal((db.prepare('SELECT classified_hold AS h FROM records WHERE id = ?').get(id) as { h: number }).h, 0);
  const history = db.prepare('SELECT action, decided_by AS who FROM classified_holds WHERE record_id = ? ORDER BY id').all(id) as { action: string; who: string | null }[];
  assert.deepEqual(history.map((h) => h.action), ['held', 'cleared']);
  assert.equal(history[1]!.who, 'secoff');
  assert.deepEqual(listSuggestions(db, id).map((s) => [s.field, s.status]), [['classification', 'rejected']]);
  const audit = lastAudit(db);
  assert.equal(audit.action, 'clear_classified_hold');
  assert.match(audit.detail, /复核原件/);
  assert.equal(await codeOf(() => clearClassifiedHold(admins.so, id, '再次')), 'NOT_HELD');
});
