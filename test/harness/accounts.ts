/**
 * A vault with the accounts every flow test needs, set up the way a real archive room does it:
 * first-run setup creates the three administrators, the sysadmin creates the operators, and
 * each operator changes the initial password the sysadmin gave them. The CLI children get the
 * credentials the documented way: LANTAI_USER plus LANTAI_PASSWORD_FILE (a 0600 file).
 */
import path from 'node:path';
import type { Role } from '../../native/auth/permissions.js';
import { provisionAccounts, type PersonToProvision } from '../../native/auth/provision.js';
import { login } from '../../native/auth/sessions.js';
import { writePasswordFile } from '../../native/cli/demo/accounts.js';
import type { OperationContext } from '../../native/auth/types.js';
import type { Db } from '../../native/db/database.js';
import { Vault } from '../../native/vault/vault.js';

export type AccountKey = 'sysadmin' | 'security' | 'auditor' | 'archivist' | 'backup';

export interface TestAccount {
  username: string;
  password: string;
  role: Role;
  /** A 0600 file holding the password (outside the vault). */
  passwordFile: string;
  /** Environment for a `lantai` child acting as this person. */
  env: Record<string, string>;
}

export type TestAccounts = Record<AccountKey, TestAccount>;

const PLAN: [AccountKey, string, Role][] = [
  ['sysadmin', 'sysadm', 'sysadmin'],
  ['security', 'secoff', 'security_officer'],
  ['auditor', 'auditor', 'auditor'],
  ['archivist', 'archivist', 'archivist'],
  ['backup', 'backup', 'backup_officer'],
];

/** Writes a password file only its owner can read (the CLI refuses anything more open). */
export { writePasswordFile };

function accountsFor(vaultDir: string, secretsDir: string): TestAccounts {
  const out = {} as TestAccounts;
  for (const [key, username, role] of PLAN) {
    const password = `${username}-口令-${key.length}7319`;
    const passwordFile = path.join(secretsDir, `${username}.pw`);
    out[key] = { username, password, role, passwordFile, env: { LANTAI_VAULT: vaultDir, LANTAI_USER: username, LANTAI_PASSWORD_FILE: passwordFile } };
  }
  return out;
}

const DISPLAY_NAMES: Record<AccountKey, string> = { sysadmin: '王系统', security: '李保密', auditor: '赵审计', archivist: '陈档案', backup: '周备份' };

/** Sets up accounts in an open catalog (already initialized, no accounts yet). */
export async function setupAccounts(db: Db, vaultDir: string, secretsDir: string): Promise<TestAccounts> {
  const acc = accountsFor(vaultDir, secretsDir);
  const person = (key: AccountKey): PersonToProvision => ({ username: acc[key].username, displayName: DISPLAY_NAMES[key], role: acc[key].role, password: acc[key].password });
  await provisionAccounts(db, {
    sysadmin: person('sysadmin'),
    securityOfficer: person('security'),
    auditor: person('auditor'),
    operators: [person('archivist'), person('backup')],
  }, 'test-setup', (p) => `initial-${p.username}-0000`);
  for (const a of Object.values(acc)) writePasswordFile(a.passwordFile, a.password);
  return acc;
}

/**
 * Vault.init + first-run setup + operators. The password files go in a sibling folder
 * "<dir>.secrets" (never inside the vault, which gets copied and backed up).
 */
export async function createVaultWithAccounts(dir: string): Promise<TestAccounts> {
  const vault = await Vault.init(dir);
  try {
    return await setupAccounts(vault.db, path.resolve(dir), `${path.resolve(dir)}.secrets`);
  } finally {
    vault.close();
  }
}

/** The accounts of a vault copied from one made by createVaultWithAccounts (same passwords). */
export function accountsOfCopy(template: TestAccounts, copyDir: string): TestAccounts {
  const out = {} as TestAccounts;
  for (const [key, a] of Object.entries(template) as [AccountKey, TestAccount][]) {
    out[key] = { ...a, env: { ...a.env, LANTAI_VAULT: path.resolve(copyDir) } };
  }
  return out;
}

/** Logs in on an open vault as one of the test accounts (for engine-level flow tests). */
export async function loginAs(db: Db, account: TestAccount, device = 'test'): Promise<OperationContext> {
  return { db, session: await login(db, account.username, account.password, device), device };
}
