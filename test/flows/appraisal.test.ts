/**
 * Appraisal and disposal (鉴定销毁) and declassification through VaultApi: what is due, a round
 * voted by the 鉴定小组 and approved by the security officer, a destruction that writes its
 * register before any object goes, removes the objects from disk and keeps the catalog entry
 * marked destroyed; the security officer's declassification review.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Session } from '../../native/auth/types.js';
import { isVaultError } from '../../native/errors.js';
import { tempDir } from '../harness/temp.js';
import { auditOf, makeCatalogVault, type CatalogVault } from './catalog-fixture.js';

const root = tempDir();
let cv: CatalogVault;
let second: Session;

before(async () => {
  cv = await makeCatalogVault(root, { records: 3, metadata: { fondsCode: 'Z109', categoryCode: 'WS', year: 2010, retention: 'D10', orgUnit: 'BGS' } });
  await cv.api.accounts.create(cv.sysadmin, { username: 'jianding2', password: 'initial-口令-2222', displayName: '孙鉴定', roles: ['archivist'] });
  const first = await cv.api.accounts.login('jianding2', 'initial-口令-2222', 'test');
  await cv.api.accounts.changeOwnPassword(first, 'initial-口令-2222', 'jianding2-口令-7777');
  second = await cv.api.accounts.login('jianding2', 'jianding2-口令-7777', 'test');
});
after(() => cv?.api.close());

const rejects = async (fn: () => unknown, errorCode: string) => assert.rejects(async () => fn(), (e: unknown) => isVaultError(e) && e.code === errorCode, `expected ${errorCode}`);

test('due: a 2010 D10 record is due from 2021-01-01, not before; open review after 25 years', () => {
  assert.deepEqual(cv.api.appraisal.due(cv.archivist, '2020-12-31'), []);
  const due = cv.api.appraisal.due(cv.archivist, '2021-01-01');
  assert.equal(due.length, 3);
  assert.ok(due.every((d) => d.reason === 'retention_ended' && d.dueSince === '2021-01-01'));
  const open = cv.api.appraisal.due(cv.archivist, '2035-01-01').filter((d) => d.reason === 'open_review');
  assert.equal(open.length, 3);
});

test('lowering a retention in a proposal without a written reason is refused', async () => {
  const [a] = cv.recordIds;
  await rejects(() => cv.api.appraisal.propose(cv.archivist, { title: '2021年到期档案鉴定', recordId: a!, action: 'keep', newRetention: 'D10', reason: '仍有参考价值' }), 'APPRAISAL_INVALID');
  cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { retention: 'D30' } });
  // In force D30 now: a proposal back to D10 lowers it.
  await rejects(() => cv.api.appraisal.propose(cv.archivist, { title: '降低保管期限', recordId: a!, action: 'keep', newRetention: 'D10', reason: '一般事务' }), 'RETENTION_LOWERED_NO_REASON');
  assert.equal(cv.api.appraisal.rounds(cv.archivist).length, 0, 'the refused proposal left no round behind');
});

test('a record cannot be destroyed with one approval: one vote is short, and nothing happens without the security officer', async () => {
  const [, b, c] = cv.recordIds;
  const { roundId } = cv.api.appraisal.propose(cv.archivist, { title: '2021年到期档案鉴定', recordId: b!, action: 'destroy', reason: '保管期满，无继续保存价值' });
  cv.api.appraisal.propose(cv.archivist, { roundId, recordId: c!, action: 'keep', newRetention: 'D30', reason: '涉及单位历史沿革，延长保管' });
  // The archivist cannot approve, and the destruction cannot run before approval.
  await rejects(() => cv.api.appraisal.approve(cv.archivist, roundId, '同意'), 'ACCESS_DENIED');
  await rejects(() => cv.api.appraisal.destroy(cv.archivist, roundId), 'APPRAISAL_STATE');
  cv.api.appraisal.vote(cv.archivist, roundId, 'agree', '同意');
  await rejects(() => cv.api.appraisal.approve(cv.security, roundId, '经鉴定小组审议'), 'APPRAISAL_VOTES_SHORT');
  // The same person voting twice is still one vote.
  cv.api.appraisal.vote(cv.archivist, roundId, 'agree');
  await rejects(() => cv.api.appraisal.approve(cv.security, roundId, '经鉴定小组审议'), 'APPRAISAL_VOTES_SHORT');
  assert.equal(auditOf(cv.api, 'approve_appraisal').at(-1)!.result, 'denied');
  assert.equal(cv.api.records.get(cv.archivist, b!).record.disposal, '');
});

test('two votes and the security officer\'s approval: keep applies at once; destroy writes the register, removes the objects, keeps the entry', async () => {
  const roundId = cv.api.appraisal.rounds(cv.archivist)[0]!.id;
  const [, b, c] = cv.recordIds;
  const pages = cv.api.vault.db.prepare('SELECT image_sha256 AS sha FROM pages WHERE record_id = ?').all(b) as { sha: string }[];
  const masters = cv.api.vault.db.prepare('SELECT sha256 AS sha FROM masters WHERE record_id = ?').all(b) as { sha: string }[];
  const files = [...pages, ...masters].map((p) => cv.api.vault.store.pathOf(p.sha));
  assert.ok(files.every((f) => fs.existsSync(f)));
  cv.api.appraisal.vote(second, roundId, 'agree', '同意');
  const approved = cv.api.appraisal.approve(cv.security, roundId, '经鉴定小组审议，报分管领导同意');
  assert.equal(approved.state, 'approved');
  const kept = cv.api.records.get(cv.archivist, c!).record;
  assert.equal(kept.appraisedRetention, 'D30');
  assert.equal(kept.retention, 'D10', 'the 档号 keeps the retention it was filed under');
  const register = await cv.api.appraisal.destroy(cv.archivist, roundId);
  assert.equal(register.items.length, 1);
  assert.equal(register.items[0]!.recordId, b);
  assert.deepEqual(register.deciders.sort(), [cv.acc.archivist.username, 'jianding2'].sort());
  assert.equal(register.approver, cv.acc.security.username);
  assert.ok(register.objects.every((o) => o.removedAt !== null));
  assert.ok(files.every((f) => !fs.existsSync(f)), 'the objects are gone from the vault');
  const rec = cv.api.records.list(cv.archivist, {}).records.find((r) => r.id === b)!;
  assert.equal(rec.disposal, 'destroyed', 'the catalog entry stays, marked destroyed');
  assert.equal(cv.api.appraisal.round(cv.archivist, roundId).state, 'executed');
  assert.throws(() => cv.api.vault.db.prepare("UPDATE records SET disposal = '' WHERE id = ?").run(b), /DESTROYED/);
  assert.throws(() => cv.api.vault.db.prepare('DELETE FROM destruction_register').run(), /REGISTER_IMMUTABLE/);
  const audit = auditOf(cv.api, 'destroy_records').filter((r) => r.result === 'ok');
  assert.ok(audit.some((r) => r.detail['archivalCode'] === rec.archivalCode && r.detail['registerId'] === register.id));
  // The vault check accepts a destroyed entry without objects (and finds no orphans).
  const report = await cv.api.maintenance.check(cv.archivist, {});
  assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
  // 销毁清册 as PDF with both signatures' names.
  const pdf = path.join(root, '销毁清册.pdf');
  const printed = await cv.api.appraisal.printRegister(cv.archivist, register.id, pdf);
  assert.ok(printed.pages >= 1 && fs.statSync(pdf).size > 1000);
  // Searching no longer finds it; it is not due any more.
  assert.ok(!cv.api.appraisal.due(cv.archivist, '2030-01-01').some((d) => d.id === b));
});

test('a destruction interrupted between its register and the files is finished by running destroy again', async () => {
  const roundId = cv.api.appraisal.rounds(cv.archivist).find((r) => r.state === 'executed')!.id;
  const row = cv.api.vault.db.prepare('SELECT register_id AS registerId, sha256 FROM destruction_objects LIMIT 1').get() as { registerId: number; sha256: string };
  // As if the process died after the register's transaction, before this file went.
  const file = cv.api.vault.store.pathOf(row.sha256);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'left behind by a crash');
  cv.api.vault.db.prepare('UPDATE destruction_objects SET removed_at = NULL WHERE register_id = ? AND sha256 = ?').run(row.registerId, row.sha256);
  const again = await cv.api.appraisal.destroy(cv.archivist, roundId);
  assert.equal(again.id, row.registerId, 'the same register, not a second one');
  assert.equal(fs.existsSync(file), false);
  assert.equal((cv.api.vault.db.prepare('SELECT count(*) AS n FROM destruction_register').get() as { n: number }).n, 1);
});

test('declassification: a 秘密★10年 record of 2010 is listed from 2020, the security officer declassifies it, recorded and audited', async () => {
  const [a] = cv.recordIds;
  cv.api.catalog.edit(cv.archivist, { refs: [String(a)], patch: { classification: '秘密', classificationPeriod: '10年', docDate: '2010-06-01' } });
  assert.deepEqual(cv.api.appraisal.declassificationDue(cv.security, '2020-05-31'), []);
  const due = cv.api.appraisal.declassificationDue(cv.security, '2020-06-01');
  assert.deepEqual(due.map((d) => [d.id, d.endsOn]), [[a, '2020-06-01']]);
  await rejects(() => cv.api.appraisal.declassificationDue(cv.archivist, '2020-06-01'), 'ACCESS_DENIED');
  await rejects(() => cv.api.appraisal.declassify(cv.security, { recordId: a!, decision: 'declassify', basis: '' }), 'DECLASSIFY_INVALID');
  await rejects(() => cv.api.appraisal.declassify(cv.security, { recordId: a!, decision: 'declassify', level: '秘密', basis: '期满' }), 'DECLASSIFY_INVALID');
  const r = cv.api.appraisal.declassify(cv.security, { recordId: a!, decision: 'declassify', basis: '保密期限已满，经审核解密' });
  assert.equal(r.classification, 'public');
  const row = cv.api.vault.db.prepare('SELECT before_level, after_level, basis FROM declassification_reviews WHERE id = ?').get(r.reviewId);
  assert.deepEqual(row, { before_level: 'secret', after_level: 'public', basis: '保密期限已满，经审核解密' });
  const audit = auditOf(cv.api, 'review_classification').at(-1)!;
  assert.deepEqual([audit.result, audit.detail['op'], (audit.detail['before'] as { classification: string }).classification], ['ok', 'declassify', 'secret']);
});
