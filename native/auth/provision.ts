import { changeOwnPassword, createAccount, firstRunSetup } from './accounts.js';
import type { Role } from './permissions.js';
import { login, logout } from './sessions.js';
import type { OperationContext } from './types.js';
import type { Db } from '../db/database.js';

export interface PersonToProvision {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface ProvisionPlan {
  sysadmin: PersonToProvision;
  securityOfficer: PersonToProvision;
  auditor: PersonToProvision;
  /** Archivists, backup officers: made by the sysadmin, each replacing the initial password. */
  operators: readonly PersonToProvision[];
}

/**
 * Sets up a new vault's people the way an archive room does, for the demo and for tests:
 * first-run setup makes the three administrators, the sysadmin makes the operators with an
 * initial password, and each operator logs in and replaces it (as the rules force).
 */
export async function provisionAccounts(db: Db, plan: ProvisionPlan, device: string, initialPassword: (p: PersonToProvision) => string): Promise<void> {
  const { sysadmin, securityOfficer, auditor } = plan;
  await firstRunSetup(db, {
    sysadmin: { username: sysadmin.username, password: sysadmin.password, displayName: sysadmin.displayName },
    securityOfficer: { username: securityOfficer.username, password: securityOfficer.password, displayName: securityOfficer.displayName },
    auditor: { username: auditor.username, password: auditor.password, displayName: auditor.displayName },
  }, { device });
  const admin: OperationContext = { db, session: await login(db, sysadmin.username, sysadmin.password, device), device };
  try {
    for (const p of plan.operators) {
      const initial = initialPassword(p);
      await createAccount(admin, { username: p.username, password: initial, roles: [p.role], displayName: p.displayName });
      const own: OperationContext = { db, session: await login(db, p.username, initial, device), device };
      await changeOwnPassword(own, initial, p.password);
      logout(own);
    }
  } finally {
    logout(admin);
  }
}
