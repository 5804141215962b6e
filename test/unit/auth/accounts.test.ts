import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  changeOwnPassword,
  createAccount,
  disableAccount,
  enableAccount,
  firstRunSetup,
  listAccounts,
  needsFirstRunSetup,
  resetPassword,
  setAccountRoles,
  updateAuthSettings,
  getAuthSettings,
} from '../../../native/auth/accounts.js';
import { ADMIN_ROLES, ROLES, type Role } from '../../../native/auth/permissions.js';
import { login } from '../../../native/auth/sessions.js';
import { addRecord, auditRows, codeOf, ctxOf, freshDb, lastAudit, makeUser, PW, setupAdmins, TestClock } from './helpers.js';

test('first-run setup creates exactly the three administrators, each with one role, and only once', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  assert.equal(needsFirstRunSetup(db), true);
  const bad = await codeOf(() =>
    firstRunSetup(db, { sysadmin: { username: 'same', password: PW.sys }, securityOfficer: { username: 'SAME', password: PW.so }, auditor: { username: 'a3', password: PW.aud } }),
  );
  assert.equal(bad, 'SETUP_DUPLICATE');
  assert.equal(await codeOf(() => firstRunSetup(db, { sysadmin: { username: 'a1', password: 'short' }, securityOfficer: { username: 'a2', password: PW.so }, auditor: { username: 'a3', password: PW.aud } })), 'PASSWORD_WEAK');
  assert.equal(needsFirstRunSetup(db), true, 'a refused setup leaves nothing behind');
  const out = await firstRunSetup(db, {
    sysadmin: { username: 'sysadm', password: PW.sys },
    securityOfficer: { username: 'secoff', password: PW.so },
    auditor: { username: 'auditor', password: PW.aud },
  }, { clock: clock.now });
  assert.deepEqual(out.sysadmin.roles, ['sysadmin']);
  assert.deepEqual(out.securityOfficer.roles, ['security_officer']);
  assert.deepEqual(out.auditor.roles, ['auditor']);
  const rows = db.prepare('SELECT a.username, r.role FROM accounts a JOIN account_roles r ON r.account_id = a.id ORDER BY a.id').all();
  assert.deepEqual(rows, [
    { username: 'sysadm', role: 'sysadmin' },
    { username: 'secoff', role: 'security_officer' },
    { username: 'auditor', role: 'auditor' },
  ]);
  assert.equal(await codeOf(() => firstRunSetup(db, { sysadmin: { username: 'x1', password: PW.sys }, securityOfficer: { username: 'x2', password: PW.so }, auditor: { username: 'x3', password: PW.aud } })), 'SETUP_DONE');
  assert.equal((db.prepare('SELECT count(*) n FROM accounts').get() as { n: number }).n, 3);
  const setupRow = auditRows(db).find((r) => r.action === 'first_run_setup')!;
  assert.equal(setupRow.result, 'ok');
  assert.ok(!setupRow.detail.includes(PW.sys) && !setupRow.detail.includes(PW.so));
  // The administrators can log in.
  for (const [u, p] of [['sysadm', PW.sys], ['secoff', PW.so], ['auditor', PW.aud]]) {
    const s = await login(db, u!, p!, 'pc', { clock: clock.now });
    assert.equal(s.username, u);
  }
});

test('no account holds two administrator roles, nor an administrator role and another (API and schema)', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  // Every pair containing an administrator role is refused by the API, before anything is written.
  for (const admin of ADMIN_ROLES) {
    for (const other of ROLES) {
      if (other === admin) continue;
      const code = await codeOf(() => createAccount(admins.sys, { username: `u${admin.slice(0, 3)}${other.slice(0, 3)}`, password: PW.user, roles: [admin, other] }, admins.so));
      assert.equal(code, 'ROLE_SEPARATION', `${admin}+${other}`);
    }
  }
  // …and by the schema when the API is bypassed.
  const arch = await makeUser(db, admins, clock, 'arch01', ['archivist']);
  const id = arch.session.userId;
  for (const admin of ADMIN_ROLES) {
    assert.throws(() => db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)').run(id, admin), /ROLE_SEPARATION/);
  }
  const sysId = admins.sys.session.userId;
  for (const role of ROLES.filter((r) => r !== 'sysadmin')) {
    assert.throws(() => db.prepare('INSERT INTO account_roles (account_id, role) VALUES (?, ?)').run(sysId, role), /ROLE_SEPARATION|UNIQUE/);
  }
  assert.throws(() => db.prepare("UPDATE account_roles SET role = 'auditor' WHERE account_id = ?").run(id), /ROLE_SEPARATION/);
  // Even with the trigger dropped, the partial unique index keeps one administrator role per account.
  db.exec('DROP TRIGGER account_roles_separation');
  assert.throws(() => db.prepare("INSERT INTO account_roles (account_id, role) VALUES (?, 'auditor')").run(sysId), /UNIQUE/);
  // Assigning an administrator role to an operator through setAccountRoles is refused too.
  assert.equal(await codeOf(() => setAccountRoles(admins.sys, 'arch01', ['archivist', 'auditor'], admins.so)), 'ROLE_SEPARATION');
  // Operator roles combine freely.
  const both = setAccountRoles(admins.sys, 'arch01', ['archivist', 'backup_officer']);
  assert.deepEqual(both.roles, ['archivist', 'backup_officer']);
  const pairs = db.prepare("SELECT account_id, count(*) n FROM account_roles WHERE role IN ('sysadmin','security_officer','auditor') GROUP BY account_id HAVING n > 1").all();
  assert.deepEqual(pairs, []);
});

test('changes to administrator accounts need a countersignature by another administrator who is not the target', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  // Creating a second auditor alone is refused and audited.
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'aud2', password: PW.user, roles: ['auditor'] })), 'COUNTERSIGN_REQUIRED');
  assert.equal(lastAudit(db).result, 'denied');
  assert.match(lastAudit(db).detail, /COUNTERSIGN_REQUIRED/);
  // A countersigner without the right (an archivist) is refused.
  const arch = await makeUser(db, admins, clock, 'arch01', ['archivist']);
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'aud2', password: PW.user, roles: ['auditor'] }, arch)), 'ACCESS_DENIED');
  // The sysadmin cannot countersign their own change.
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'aud2', password: PW.user, roles: ['auditor'] }, admins.sys)), 'ACCESS_DENIED');
  // With the security officer present it works, and both are in the log.
  const aud2 = await createAccount(admins.sys, { username: 'aud2', password: PW.user, roles: ['auditor'] }, admins.so);
  assert.deepEqual(aud2.roles, ['auditor']);
  assert.equal(aud2.mustChangePassword, true);
  const rows = auditRows(db).slice(-2);
  assert.deepEqual(rows.map((r) => [r.action, r.username, r.result]), [['manage_accounts', 'sysadm', 'ok'], ['countersign_admin_change', 'secoff', 'ok']]);
  // Resetting the security officer's password: the security officer cannot countersign it; the auditor can.
  assert.equal(await codeOf(() => resetPassword(admins.sys, 'secoff', 'new-口令-secoff-1', admins.so)), 'COUNTERSIGN_INVALID');
  const reset = await resetPassword(admins.sys, 'secoff', 'new-口令-secoff-1', admins.aud);
  assert.equal(reset.mustChangePassword, true);
  // The reset ended the security officer's sessions.
  assert.equal(await codeOf(() => listAccounts(admins.so)), 'SESSION_ENDED');
  // Operator accounts need no countersignature.
  await resetPassword(admins.sys, 'arch01', 'new-口令-arch-01');
  // Nobody resets their own password through the admin path.
  assert.equal(await codeOf(() => resetPassword(admins.sys, 'sysadm', 'new-口令-sys-0001', admins.aud)), 'NOT_ON_SELF');
});

test('the last active holder of an administrator role cannot be disabled or lose the role', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  assert.equal(await codeOf(() => disableAccount(admins.sys, 'auditor', admins.so)), 'LAST_ADMIN');
  assert.equal(await codeOf(() => setAccountRoles(admins.sys, 'auditor', ['archivist'], admins.so)), 'LAST_ADMIN');
  await createAccount(admins.sys, { username: 'aud2', password: PW.user, roles: ['auditor'] }, admins.so);
  const off = disableAccount(admins.sys, 'auditor', admins.so);
  assert.equal(off.status, 'disabled');
  assert.equal(await codeOf(() => login(db, 'auditor', PW.aud, 'pc', { clock: clock.now })), 'ACCOUNT_DISABLED');
  assert.equal(await codeOf(() => listAccounts(admins.aud)), 'SESSION_ENDED');
  assert.equal(enableAccount(admins.sys, 'auditor', admins.so).status, 'active');
});

test('sysadmin manages accounts and settings but cannot read records or the audit log; accounts never expose hashes', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  const list = listAccounts(admins.sys);
  assert.equal(list.length, 3);
  assert.ok(!JSON.stringify(list).includes('scrypt$'));
  const id = addRecord(db);
  for (const action of ['view_record', 'view_catalog', 'search', 'read_audit'] as const) {
    const { authorize } = await import('../../../native/auth/authorize.js');
    assert.equal(await codeOf(() => authorize(admins.sys, action, { type: 'record', id })), 'ACCESS_DENIED');
  }
  const s = updateAuthSettings(admins.sys, { idleLockMinutes: 5, maxFailures: 4 });
  assert.equal(s.idleLockMinutes, 5);
  assert.equal(getAuthSettings(db).maxFailures, 4);
  assert.equal(await codeOf(() => updateAuthSettings(admins.sys, { minPasswordLength: 6 })), 'SETTING_INVALID');
  assert.equal(await codeOf(() => updateAuthSettings(admins.sys, { bogus: 1 } as never)), 'SETTING_UNKNOWN');
  assert.equal(lastAudit(db).result, 'failed');
  assert.equal(await codeOf(() => updateAuthSettings(admins.so, { idleLockMinutes: 30 })), 'ACCESS_DENIED');
});

test('password rules: at least 10 characters, not the user name; a new account must change its password first', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'zhangsan', password: '123456789', roles: ['archivist'] })), 'PASSWORD_WEAK');
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'zhangsan01', password: 'ZhangSan01', roles: ['archivist'] })), 'PASSWORD_WEAK');
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'bad name', password: PW.user, roles: ['archivist'] })), 'USERNAME_INVALID');
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'x1x1', password: PW.user, roles: [] })), 'ROLE_INVALID');
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: 'x1x1', password: PW.user, roles: ['root' as Role] })), 'ROLE_INVALID');
  // Ten Chinese characters are ten characters.
  await createAccount(admins.sys, { username: '张三', password: '档案室的口令很长很长', roles: ['archivist'] });
  assert.equal(await codeOf(() => createAccount(admins.sys, { username: '张三', password: PW.user, roles: ['archivist'] })), 'USERNAME_TAKEN');
  const ctx = ctxOf(db, await login(db, '张三', '档案室的口令很长很长', 'pc', { clock: clock.now }), clock);
  assert.equal(ctx.session.mustChangePassword, true);
  const { authorize } = await import('../../../native/auth/authorize.js');
  assert.equal(await codeOf(() => authorize(ctx, 'view_catalog')), 'PASSWORD_CHANGE_REQUIRED');
  assert.equal(await codeOf(() => changeOwnPassword(ctx, '档案室的口令很长很长', '档案室的口令很长很长')), 'PASSWORD_WEAK');
  assert.equal(await codeOf(() => changeOwnPassword(ctx, 'wrong-old-口令', 'another-口令-1234')), 'AUTH_FAILED');
  clock.advance(2000);
  await changeOwnPassword(ctx, '档案室的口令很长很长', 'another-口令-1234');
  assert.equal(ctx.session.mustChangePassword, false);
  authorize(ctx, 'view_catalog');
});
