import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerAccess, listAccessRegister } from '../../../native/registers/access.js';
import { checkOut, listCheckouts, returnCheckout } from '../../../native/registers/checkout.js';
import { createHandover, getHandover } from '../../../native/registers/handover.js';
import { renderHandoverList } from '../../../native/registers/handover-html.js';
import { sealStacks, stackStatus, unsealStacks } from '../../../native/registers/stacks.js';
import { addRecord, auditRows, codeOf, freshDb, lastAudit, makeUser, setupAdmins, TestClock } from '../auth/helpers.js';

async function room() {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  const arch = await makeUser(db, admins, clock, 'arch01', ['archivist'], '陈档案');
  const arch2 = await makeUser(db, admins, clock, 'arch02', ['archivist'], '林档案');
  const backup = await makeUser(db, admins, clock, 'backup01', ['backup_officer'], '周备份');
  return { db, clock, admins, arch, arch2, backup };
}

test('access register (利用): who, which records, purpose, approval, time; restricted records need an approver', async () => {
  const { db, arch, admins } = await room();
  const open = addRecord(db, { access: 'open' });
  const restricted = addRecord(db, { access: 'restricted' });
  const code = await codeOf(() => registerAccess(arch, { personName: '张三', purpose: '查档', method: 'view', items: [{ recordId: restricted }] }));
  assert.equal(code, 'REGISTER_INVALID');
  const e = registerAccess(arch, { personName: '张三', personUnit: '办公室', purpose: '编写大事记', method: 'copy', approvedBy: '李主任', items: [{ recordId: open }, { recordId: restricted }, { itemRef: '纸质 WS·2016-Y-0099' }] });
  assert.equal(e.items.length, 3);
  assert.equal(e.registeredByName, '陈档案');
  assert.equal(e.approvedBy, '李主任');
  const row = lastAudit(db);
  assert.deepEqual([row.action, row.result, row.username], ['register_access', 'ok', 'arch01']);
  assert.equal(listAccessRegister(admins.so).length, 1, 'the security officer reads the register');
  assert.equal(await codeOf(() => listAccessRegister(admins.sys)), 'ACCESS_DENIED');
  assert.equal(await codeOf(() => registerAccess(admins.aud, { personName: 'x', purpose: 'y', method: 'view', items: [{ itemRef: 'a' }] })), 'ACCESS_DENIED');
});

test('checkout (出库) and return: counted back, a short count or a missing item is flagged, a return happens once', async () => {
  const { db, arch, clock } = await room();
  const due = new Date(clock.ms + 3 * 86_400_000).toISOString();
  const c = checkOut(arch, { items: [{ itemRef: 'WS·2016-Y-0001' }, { itemRef: 'WS·2016-Y-0002' }, { itemRef: 'WS·2016-Y-0003' }], reason: '领导查阅', userName: '王科长', responsibleName: '陈档案', dueAt: due });
  assert.equal(c.itemCount, 3);
  assert.equal(c.status, 'out');
  assert.equal(await codeOf(() => checkOut(arch, { items: [{ itemRef: 'a' }], reason: 'r', userName: 'u', responsibleName: 'p', dueAt: new Date(clock.ms - 1000).toISOString() })), 'REGISTER_INVALID', 'due before out');
  clock.advanceMinutes(5);
  const back = returnCheckout(arch, c.id, { countedBack: 2, returnedItemRefs: ['WS·2016-Y-0001', 'WS·2016-Y-0003'] });
  assert.equal(back.mismatch, true);
  assert.equal(back.status, 'returned_mismatch');
  assert.deepEqual(back.missingRefs, ['WS·2016-Y-0002']);
  const row = lastAudit(db);
  assert.equal(row.action, 'register_return');
  assert.deepEqual([JSON.parse(row.detail).countOut, JSON.parse(row.detail).countedBack, JSON.parse(row.detail).mismatch], [3, 2, true]);
  assert.equal(await codeOf(() => returnCheckout(arch, c.id, { countedBack: 3 })), 'CHECKOUT_RETURNED');
  assert.equal(await codeOf(() => returnCheckout(arch, c.id + 99, { countedBack: 3 })), 'CHECKOUT_NOT_FOUND');
  assert.equal(await codeOf(() => returnCheckout(arch, c.id, { countedBack: 3, returnedItemRefs: ['not-out'] })), 'CHECKOUT_RETURNED');
  assert.deepEqual(listCheckouts(arch, { mismatch: true }).map((x) => x.id), [c.id]);
  // A full, correct count is not flagged; an overdue one is.
  const c2 = checkOut(arch, { items: [{ itemRef: 'K1' }], count: 12, reason: '展览', userName: '赵', responsibleName: '陈档案', dueAt: new Date(clock.ms + 60_000).toISOString() });
  clock.advanceMinutes(2);
  assert.equal(listCheckouts(arch, { overdue: true }).some((x) => x.id === c2.id), true);
  const ok = returnCheckout(arch, c2.id, { countedBack: 12 });
  assert.equal(ok.mismatch, false);
  assert.equal(ok.overdue, true);
  // The table cannot be rewritten afterwards.
  assert.throws(() => db.prepare('UPDATE checkouts SET returned_count = 3 WHERE id = ?').run(c.id));
});

test('handover list (交接清单): printable HTML with both signature lines, no scripts, no outside resources', async () => {
  const { db, backup, arch, admins } = await room();
  const list = createHandover(backup, {
    title: '2016 年度文书档案备份光盘交接',
    fromHandler: { name: '周备份', unit: '办公室' },
    toHandler: { name: '陈档案', unit: '档案室' },
    items: [
      { description: '备份光盘 <A盘>', itemRef: 'BD-2016-01', count: 2, unit: '张', condition: '完好' },
      { description: '文书档案 2016 年 1–50 件', count: 50 },
    ],
  });
  assert.equal(list.totalCount, 52);
  assert.equal(await codeOf(() => createHandover(backup, { title: 't', fromHandler: { name: '同一人' }, toHandler: { name: '同一人' }, items: [{ description: 'x', count: 1 }] })), 'REGISTER_INVALID');
  assert.equal(await codeOf(() => createHandover(admins.sys, { title: 't', fromHandler: { name: 'a' }, toHandler: { name: 'b' }, items: [{ description: 'x', count: 1 }] })), 'ACCESS_DENIED');
  const html = renderHandoverList(getHandover(arch, list.id), { unitName: '某县档案馆' });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /交接清单/);
  assert.match(html, /移交人（签字）/);
  assert.match(html, /接收人（签字）/);
  assert.match(html, /姓名：周备份/);
  assert.match(html, /姓名：陈档案/);
  assert.match(html, /@page \{ size: A4/);
  assert.match(html, /备份光盘 &lt;A盘&gt;/, 'content is escaped');
  assert.match(html, />52</);
  assert.doesNotMatch(html, /<script|https?:\/\/|src=/i);
  assert.equal(auditRows(db).filter((r) => r.action === 'register_handover' && r.result === 'ok').length, 1);
});

test('sealing and unsealing the stacks needs two different logged-in people; refusals are audited', async () => {
  const { db, arch, arch2, backup, admins } = await room();
  assert.equal(await codeOf(() => sealStacks(arch, undefined, { stack: '一号库房' })), 'TWO_PERSON_REQUIRED');
  assert.equal(lastAudit(db).result, 'denied');
  assert.equal(JSON.parse(lastAudit(db).detail).reason, 'TWO_PERSON');
  assert.equal(await codeOf(() => sealStacks(arch, arch, { stack: '一号库房' })), 'TWO_PERSON_REQUIRED', 'the same person twice');
  assert.equal(await codeOf(() => sealStacks(arch, admins.aud, { stack: '一号库房' })), 'ACCESS_DENIED', 'the second person must be allowed too');
  assert.equal(stackStatus(arch, '一号库房').state, 'unsealed');
  const ev = sealStacks(arch, backup, { stack: '一号库房' });
  assert.deepEqual([ev.firstName, ev.secondName], ['陈档案', '周备份']);
  assert.equal(stackStatus(arch, '一号库房').state, 'sealed');
  assert.equal(await codeOf(() => sealStacks(arch2, backup, { stack: '一号库房' })), 'STACK_STATE');
  assert.equal(await codeOf(() => unsealStacks(arch2, undefined, { stack: '一号库房', purpose: '调档' })), 'TWO_PERSON_REQUIRED');
  assert.equal(await codeOf(() => unsealStacks(arch2, admins.so, { stack: '一号库房', purpose: '' })), 'REGISTER_INVALID', 'unsealing states a reason');
  const un = unsealStacks(arch2, admins.so, { stack: '一号库房', purpose: '调档查阅' });
  assert.equal(un.secondName, '李保密');
  assert.equal(stackStatus(arch, '一号库房').state, 'unsealed');
  const rows = auditRows(db).filter((r) => r.action === 'unseal_stacks' && r.result === 'ok');
  assert.deepEqual(rows.map((r) => r.username).sort(), ['arch02', 'secoff'], 'both people are in the log');
});
