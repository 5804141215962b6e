import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { changeOwnPassword, createAccount, firstRunSetup } from '../../auth/accounts.js';
import type { Role } from '../../auth/permissions.js';
import { login, logout } from '../../auth/sessions.js';
import type { OperationContext } from '../../auth/types.js';
import type { Db } from '../../db/database.js';

/** One demo person: who they are and where their password file is. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  passwordFile: string;
}

const PEOPLE: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'sysadmin', displayName: '王系统', role: 'sysadmin' },
  { username: 'secofficer', displayName: '李保密', role: 'security_officer' },
  { username: 'auditor', displayName: '赵审计', role: 'auditor' },
  { username: 'archivist', displayName: '陈档案', role: 'archivist' },
  { username: 'backup', displayName: '周备份', role: 'backup_officer' },
];

function randomPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** A password file the CLI accepts: readable by its owner only. */
export function writePasswordFile(file: string, password: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * Sets up a new vault's people the way an archive room does: first-run setup makes the three
 * administrators, the sysadmin makes the operators, each operator replaces the initial
 * password. Passwords are random and land only in 0600 files under secretsDir.
 */
export async function provisionDemoAccounts(db: Db, secretsDir: string, device: string): Promise<DemoAccount[]> {
  const passwords = new Map(PEOPLE.map((p) => [p.username, randomPassword()]));
  const pw = (username: string): string => passwords.get(username)!;
  const [sys, so, aud, ...operators] = PEOPLE;
  await firstRunSetup(db, {
    sysadmin: { username: sys!.username, password: pw(sys!.username), displayName: sys!.displayName },
    securityOfficer: { username: so!.username, password: pw(so!.username), displayName: so!.displayName },
    auditor: { username: aud!.username, password: pw(aud!.username), displayName: aud!.displayName },
  }, { device });
  const admin: OperationContext = { db, session: await login(db, sys!.username, pw(sys!.username), device), device };
  try {
    for (const p of operators) {
      const initial = randomPassword();
      await createAccount(admin, { username: p.username, password: initial, roles: [p.role], displayName: p.displayName });
      const own: OperationContext = { db, session: await login(db, p.username, initial, device), device };
      await changeOwnPassword(own, initial, pw(p.username));
      logout(own);
    }
  } finally {
    logout(admin);
  }
  return PEOPLE.map((p) => {
    const passwordFile = path.join(secretsDir, `${p.username}.password`);
    writePasswordFile(passwordFile, pw(p.username));
    return { ...p, passwordFile };
  });
}
