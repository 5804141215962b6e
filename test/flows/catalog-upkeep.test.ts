/**
 * Catalog upkeep through VaultApi (issue 13, part 4): provisional 档号 confirmed in a batch
 * (year from the 成文日期, 全宗号 and 机构 from the settings), edits with the one validation and
 * each change audited with its old and new value, renumbering that never touches a fixed 档号
 * silently, and the catalog never showing 公开 beside a record under 涉密 hold.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isVaultError } from '../../native/errors.js';
import { tempDir } from '../harness/temp.js';
import { auditOf, makeCatalogVault, type CatalogVault } from './catalog-fixture.js';

const root = tempDir();
let cv: CatalogVault;

before(async () => {
  cv = await makeCatalogVault(root, { records: 4 });
});
after(() => cv?.api.close());

// Read as the security officer, who sees every record (one becomes 秘密 on the way).
const code = (id: number) => cv.api.records.get(cv.security, id).record;
const rejects = (fn: () => unknown, errorCode: string) => assert.throws(fn, (e: unknown) => isVaultError(e) && e.code === errorCode, `expected ${errorCode}`);

test('a fresh ingest without catalog options is provisional', () => {
  for (const id of cv.recordIds) assert.equal(code(id).codeStatus, 'provisional');
});

test('an edit is validated once for every face, normalized, and audited with old and new value', () => {
  const [a] = cv.recordIds;
  const before = code(a!);
  const r = cv.api.catalog.edit(cv.archivist, { refs: [before.archivalCode], patch: { title: '关于加强档案安全工作的意见', docNumber: '档发[2016] 6号', docDate: '20160426', creator: '国家档案局' } });
  assert.equal(r.records.length, 1);
  const after = code(a!);
  assert.equal(after.docNumber, '档发〔2016〕6号', 'OCR/keyboard brackets normalized to 〔〕');
  assert.equal(after.docDate, '2016-04-26');
  const row = auditOf(cv.api, 'edit_record').filter((x) => x.result === 'ok').at(-1)!;
  const changes = row.detail['changes'] as { field: string; before: unknown; after: unknown }[];
  assert.deepEqual(changes.find((c) => c.field === 'title'), { field: 'title', before: before.title, after: '关于加强档案安全工作的意见' });
  assert.deepEqual(changes.find((c) => c.field === 'docNumber'), { field: 'docNumber', before: '', after: '档发〔2016〕6号' });
  // Bad values name the field; nothing is written.
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { docDate: '2016-02-30' } }), 'CATALOG_FIELD_INVALID');
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { docNumber: '第六号文件' } }), 'CATALOG_FIELD_INVALID');
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { orgUnit: '办公-室' } }), 'CATALOG_FIELD_INVALID');
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { classification: '特密' } }), 'CATALOG_FIELD_INVALID');
  assert.deepEqual(code(a!), after, 'a refused edit leaves the record as it was');
  assert.equal(auditOf(cv.api, 'edit_record').at(-1)!.result, 'failed');
});

test('a batch edit changes every selected record, one audit row each, or none when one is refused', () => {
  const [a, b] = cv.recordIds;
  const r = cv.api.catalog.edit(cv.archivist, { refs: [String(a), String(b)], patch: { creator: '某某市档案局' } });
  assert.deepEqual(r.records.map((x) => x.changes.map((c) => c.field)), [['creator'], ['creator']]);
  const rows = auditOf(cv.api, 'edit_record').filter((x) => x.result === 'ok').slice(-2);
  assert.deepEqual(rows.map((x) => x.objectId), [String(a), String(b)]);
  // One record of the batch refuses (a state-secret level is never lowered here): none changes.
  cv.api.vault.db.prepare("UPDATE records SET classification = 'secret' WHERE id = ?").run(b);
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(a), String(b)], patch: { classification: '内部', creator: '办公室' } }), 'CLASSIFICATION_DOWNGRADE');
  assert.equal(code(a!).creator, '某某市档案局', 'the other record of the refused batch is untouched');
  cv.api.vault.db.prepare("UPDATE records SET classification = 'public' WHERE id = ?").run(b);
});

test('lowering a retention without a written reason is refused; with one it is done and the reason audited', () => {
  const id = cv.recordIds[1]!;
  cv.api.catalog.edit(cv.archivist, { refs: [String(id)], patch: { retention: 'Y' } });
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(id)], patch: { retention: 'D10' } }), 'RETENTION_LOWERED_NO_REASON');
  assert.equal(code(id).retention, 'Y');
  cv.api.catalog.edit(cv.archivist, { refs: [String(id)], patch: { retention: 'D10' }, reason: '经核实为一般性事务文件' });
  assert.equal(code(id).retention, 'D10');
  assert.match(code(id).archivalCode, /-D10-/, 'a provisional code follows its class');
  assert.equal(auditOf(cv.api, 'edit_record').at(-1)!.detail['reason'], '经核实为一般性事务文件');
});

test('an edit never lowers a state-secret classification (that is the security officer\'s declassification)', () => {
  const id = cv.recordIds[3]!;
  cv.api.catalog.edit(cv.archivist, { refs: [String(id)], patch: { classification: '秘密★10年' } });
  assert.equal(code(id).classification, 'secret');
  assert.equal(code(id).classificationPeriod, '10年');
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(id)], patch: { classification: '公开' } }), 'CLASSIFICATION_DOWNGRADE');
});

test('the catalog never shows 公开 beside a record under 涉密 hold', async () => {
  const id = cv.recordIds[2]!;
  cv.api.vault.db.prepare('UPDATE records SET classified_hold = 1 WHERE id = ?').run(id);
  const { classificationText } = await import('../../native/catalog/columns.js');
  const r = cv.api.records.get(cv.security, id).record;
  assert.equal(r.classification, 'public');
  assert.equal(classificationText(r), '涉密待审');
  assert.equal(classificationText(r, 'en'), 'classified hold');
  cv.api.vault.db.prepare('UPDATE records SET classified_hold = 0 WHERE id = ?').run(id);
});

test('preview shows the 档号 a batch will get; confirm gives exactly those, takes the year from the 成文日期 and the 全宗号 from the settings, and fixes them', () => {
  cv.api.catalog.changeSettings(cv.sysadmin, { defaultFonds: 'Z109', defaultOrg: 'BGS' });
  const a = cv.recordIds[0]!;
  assert.equal(code(a).year, new Date().getFullYear(), 'ingest took the current year');
  const preview = cv.api.catalog.preview(cv.archivist, { ids: [a] });
  assert.deepEqual(preview.batch.map((b) => b.archivalCode), ['Z109-WS·2016-D30-BGS-0001']);
  const confirmed = cv.api.catalog.confirm(cv.archivist, { ids: [a] });
  assert.deepEqual(confirmed.batch, preview.batch);
  assert.equal(confirmed.fixed, 1);
  const r = code(a);
  assert.equal(r.archivalCode, 'Z109-WS·2016-D30-BGS-0001');
  assert.equal(r.codeStatus, 'fixed');
  const history = cv.api.vault.db.prepare('SELECT old_code, new_code, kind FROM code_history WHERE record_id = ? ORDER BY id').all(a) as { old_code: string; new_code: string; kind: string }[];
  assert.deepEqual(history.at(-1), { old_code: preview.changes.find((c) => c.id === a)!.oldCode, new_code: r.archivalCode, kind: 'confirm' });
  // The search finds it under its new 档号.
  assert.equal(cv.api.search.query(cv.archivist, { query: 'Z109-WS·2016-D30-BGS-0001' }).total, 1);
});

test('a fixed 档号 is never renumbered silently: refused without --include-fixed and a reason, recorded with them', () => {
  const a = cv.recordIds[0]!;
  rejects(() => cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { year: 2017 } }), 'CODE_FIXED');
  // A second record joins the class ahead of it by date: renumbering by date would move the fixed one.
  const b = cv.recordIds[2]!;
  cv.api.catalog.edit(cv.archivist, { refs: [String(b)], patch: { fondsCode: 'Z109', orgUnit: 'BGS', year: 2016, docDate: '2016-01-05' } });
  assert.equal(code(b).archivalCode, 'Z109-WS·2016-D30-BGS-0002');
  const cls = { fondsCode: 'Z109', categoryCode: 'WS', year: 2016, retention: 'D30' as const, orgUnit: 'BGS' };
  const dry = cv.api.catalog.renumber(cv.archivist, { cls, byDate: true, includeFixed: true, dryRun: true });
  assert.equal(dry.applied, false);
  assert.ok(dry.changes.some((c) => c.id === a && c.wasFixed));
  rejects(() => cv.api.catalog.renumber(cv.archivist, { cls, byDate: true, includeFixed: true }), 'CODE_FIXED');
  assert.equal(code(a).archivalCode, 'Z109-WS·2016-D30-BGS-0001', 'refused: nothing moved');
  const done = cv.api.catalog.renumber(cv.archivist, { cls, byDate: true, includeFixed: true, reason: '按成文日期重新排序（已通知利用者）' });
  assert.ok(done.applied);
  assert.equal(code(b).archivalCode, 'Z109-WS·2016-D30-BGS-0001');
  assert.equal(code(a).archivalCode, 'Z109-WS·2016-D30-BGS-0002');
  const h = cv.api.vault.db.prepare("SELECT was_fixed, reason FROM code_history WHERE record_id = ? AND kind = 'renumber'").get(a) as { was_fixed: number; reason: string };
  assert.deepEqual(h, { was_fixed: 1, reason: '按成文日期重新排序（已通知利用者）' });
  assert.throws(() => cv.api.vault.db.prepare('DELETE FROM code_history').run(), /REGISTER_IMMUTABLE/);
});

test('the vault check passes after confirm, edits and renumbering (codes agree with their parts, no gaps)', async () => {
  const report = await cv.api.maintenance.check(cv.archivist, { quick: true });
  assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
});
