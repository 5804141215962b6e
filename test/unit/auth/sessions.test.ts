import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unlockAccount, updateAuthSettings } from '../../../native/auth/accounts.js';
import { authorize } from '../../../native/auth/authorize.js';
import { isIdleLocked, lockSession, login, logout, touchSession, unlockSession } from '../../../native/auth/sessions.js';
import { auditRows, codeOf, ctxOf, freshDb, lastAudit, makeUser, PW, setupAdmins, TestClock } from './helpers.js';

test('wrong passwords are slowed down (1, 2, 4, 8 s) and the fifth locks the account for 15 minutes', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  await makeUser(db, admins, clock, 'arch01', ['archivist']);
  const before = auditRows(db).length;
  const waits = [1, 2, 4, 8];
  for (let i = 0; i < 4; i++) {
    assert.equal(await codeOf(() => login(db, 'arch01', 'wrong-口令-xxxx', 'pc', { clock: clock.now })), 'AUTH_FAILED', `failure ${i + 1}`);
    // Inside the wait, even the right password is not checked.
    clock.advance(waits[i]! * 1000 - 1);
    assert.equal(await codeOf(() => login(db, 'arch01', PW.user, 'pc', { clock: clock.now })), 'AUTH_THROTTLED', `wait after failure ${i + 1}`);
    clock.advance(1);
  }
  assert.equal(await codeOf(() => login(db, 'arch01', 'wrong-口令-xxxx', 'pc', { clock: clock.now })), 'AUTH_LOCKED');
  const row = db.prepare("SELECT failed_count, locked_until FROM accounts WHERE username = 'arch01'").get() as { failed_count: number; locked_until: string };
  assert.equal(row.failed_count, 5);
  assert.equal(Date.parse(row.locked_until) - clock.ms, 15 * 60_000);
  clock.advanceMinutes(15);
  clock.advance(-1);
  assert.equal(await codeOf(() => login(db, 'arch01', PW.user, 'pc', { clock: clock.now })), 'AUTH_LOCKED', 'still locked one ms before the end');
  clock.advance(1);
  const s = await login(db, 'arch01', PW.user, 'pc', { clock: clock.now });
  assert.equal(s.username, 'arch01');
  assert.equal((db.prepare("SELECT failed_count FROM accounts WHERE username = 'arch01'").get() as { failed_count: number }).failed_count, 0);
  // Every refused attempt is in the log, without the password.
  const attempts = auditRows(db).slice(before).filter((r) => r.action === 'login');
  assert.deepEqual(attempts.map((r) => r.result), ['failed', 'denied', 'failed', 'denied', 'failed', 'denied', 'failed', 'denied', 'failed', 'denied', 'ok']);
  assert.ok(attempts.every((r) => !r.detail.includes('wrong-口令') && !r.detail.includes(PW.user)));
});

test('a lock expires on its own, the sysadmin can lift it early, and the policy is a setting', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  updateAuthSettings(admins.sys, { maxFailures: 3, failureDelaySeconds: 0, lockMinutes: 60 });
  await makeUser(db, admins, clock, 'arch01', ['archivist']);
  for (let i = 0; i < 2; i++) assert.equal(await codeOf(() => login(db, 'arch01', 'nope-nope-nope', 'pc', { clock: clock.now })), 'AUTH_FAILED');
  assert.equal(await codeOf(() => login(db, 'arch01', 'nope-nope-nope', 'pc', { clock: clock.now })), 'AUTH_LOCKED');
  clock.advanceMinutes(30);
  assert.equal(await codeOf(() => login(db, 'arch01', PW.user, 'pc', { clock: clock.now })), 'AUTH_LOCKED');
  // The sysadmin's own session went idle meanwhile: reopen it first.
  assert.equal(await codeOf(() => unlockAccount(admins.sys, 'arch01')), 'SESSION_LOCKED');
  await unlockSession(db, admins.sys.session, PW.sys, { clock: clock.now });
  unlockAccount(admins.sys, 'arch01');
  await login(db, 'arch01', PW.user, 'pc', { clock: clock.now });
  // After a lock runs out, the count starts again.
  for (let i = 0; i < 3; i++) await codeOf(() => login(db, 'arch01', 'nope-nope-nope', 'pc', { clock: clock.now }));
  clock.advanceMinutes(61);
  assert.equal(await codeOf(() => login(db, 'arch01', 'nope-nope-nope', 'pc', { clock: clock.now })), 'AUTH_FAILED');
});

test('unknown user names and wrong passwords get the same answer', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  await setupAdmins(db, clock);
  assert.equal(await codeOf(() => login(db, 'nobody', 'whatever-口令-1', 'pc', { clock: clock.now })), 'AUTH_FAILED');
  assert.match(lastAudit(db).detail, /UNKNOWN_USER/);
  assert.equal(lastAudit(db).username, 'nobody');
  assert.equal(await codeOf(() => login(db, '', '', 'pc', { clock: clock.now })), 'AUTH_FAILED');
});

test('a session locks after 10 idle minutes, needs the password to reopen, and ends at logout', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  const arch = await makeUser(db, admins, clock, 'arch01', ['archivist']);
  clock.advanceMinutes(9);
  assert.equal(isIdleLocked(db, arch.session, clock.ms), false);
  touchSession(db, arch.session, clock.now);
  clock.advanceMinutes(9);
  authorize(arch, 'view_catalog'); // activity through an operation counts too
  clock.advanceMinutes(9);
  assert.equal(isIdleLocked(db, arch.session, clock.ms), false);
  clock.advanceMinutes(1);
  assert.equal(isIdleLocked(db, arch.session, clock.ms), true);
  assert.equal(await codeOf(() => authorize(arch, 'view_catalog')), 'SESSION_LOCKED');
  const rows = auditRows(db).slice(-2);
  assert.deepEqual(rows.map((r) => [r.action, r.result]), [['lock_session', 'ok'], ['view_catalog', 'denied']]);
  assert.equal(await codeOf(() => touchSession(db, arch.session, clock.now)), 'SESSION_LOCKED');
  // Activity does not reopen it; only the owner's password does.
  assert.equal(await codeOf(() => unlockSession(db, arch.session, 'wrong-口令-unlock', { clock: clock.now })), 'AUTH_FAILED');
  clock.advance(1000);
  await unlockSession(db, arch.session, PW.user, { clock: clock.now });
  assert.equal(isIdleLocked(db, arch.session, clock.ms), false);
  authorize(arch, 'view_catalog');
  // A manual lock works the same way.
  lockSession(arch);
  assert.equal(isIdleLocked(db, arch.session, clock.ms), true);
  await unlockSession(db, arch.session, PW.user, { clock: clock.now });
  // The idle timeout is a setting.
  await unlockSession(db, admins.sys.session, PW.sys, { clock: clock.now });
  updateAuthSettings(admins.sys, { idleLockMinutes: 2 });
  clock.advanceMinutes(2);
  assert.equal(isIdleLocked(db, arch.session, clock.ms), true);
  // Logout works on a locked session and ends it for good.
  logout(arch);
  assert.equal(await codeOf(() => authorize(arch, 'view_catalog')), 'SESSION_ENDED');
  assert.equal(await codeOf(() => unlockSession(db, arch.session, PW.user, { clock: clock.now })), 'SESSION_ENDED');
  assert.equal(isIdleLocked(db, arch.session, clock.ms), true);
});

test('a Session object cannot be forged: roles come from the database', async () => {
  const { db } = freshDb();
  const clock = new TestClock();
  const admins = await setupAdmins(db, clock);
  const arch = await makeUser(db, admins, clock, 'arch01', ['archivist']);
  const forged = ctxOf(db, { ...arch.session, roles: ['auditor'] }, clock);
  assert.equal(await codeOf(() => authorize(forged, 'read_audit')), 'ACCESS_DENIED');
  assert.equal(lastAudit(db).roles, 'archivist');
  const madeUp = ctxOf(db, { ...arch.session, sessionId: 'f'.repeat(32) }, clock);
  assert.equal(await codeOf(() => authorize(madeUp, 'view_catalog')), 'SESSION_ENDED');
  const otherUser = ctxOf(db, { ...arch.session, userId: admins.aud.session.userId }, clock);
  assert.equal(await codeOf(() => authorize(otherUser, 'read_audit')), 'SESSION_ENDED');
});
