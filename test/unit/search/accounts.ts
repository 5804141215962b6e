import { changeOwnPassword, createAccount, firstRunSetup } from '../../../native/auth/accounts.js';
import type { Role } from '../../../native/auth/permissions.js';
import { login } from '../../../native/auth/sessions.js';
import type { OperationContext } from '../../../native/auth/types.js';
import type { Db } from '../../../native/db/database.js';

/**
 * Real accounts for search tests, made the way a unit makes them: first-run setup of the three
 * administrators, then the sysadmin creates an operator, who changes the initial password at
 * first login. Uses the system clock, so the CLI (which logs in with the real time) agrees.
 */

export const ACCOUNTS = {
  sysadmin: { username: 'sysadm', password: 'sys-口令-0001' },
  securityOfficer: { username: 'secoff', password: 'so-口令-0002' },
  auditor: { username: 'auditor', password: 'aud-口令-0003' },
} as const;

const DEVICE = 'pc-档案室-01';

export interface TestAccounts {
  sys: OperationContext;
  so: OperationContext;
}

export async function setupAdmins(db: Db): Promise<TestAccounts> {
  await firstRunSetup(db, {
    sysadmin: { ...ACCOUNTS.sysadmin, displayName: '王系统' },
    securityOfficer: { ...ACCOUNTS.securityOfficer, displayName: '李保密' },
    auditor: { ...ACCOUNTS.auditor, displayName: '赵审计' },
  });
  const sys = { db, device: DEVICE, session: await login(db, ACCOUNTS.sysadmin.username, ACCOUNTS.sysadmin.password, DEVICE) };
  const so = { db, device: DEVICE, session: await login(db, ACCOUNTS.securityOfficer.username, ACCOUNTS.securityOfficer.password, DEVICE) };
  return { sys, so };
}

/** An operator account (archivist by default) whose own password is `password`, logged in. */
export async function makeOperator(admins: TestAccounts, username: string, password: string, roles: Role[] = ['archivist']): Promise<OperationContext> {
  const db = admins.sys.db;
  const initial = `initial-口令-${username}-9`;
  await createAccount(admins.sys, { username, password: initial, roles, displayName: username });
  const first = { db, device: DEVICE, session: await login(db, username, initial, DEVICE) };
  await changeOwnPassword(first, initial, password);
  return first;
}
