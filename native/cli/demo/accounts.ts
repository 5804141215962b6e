import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PersonToProvision, Role, VaultApi } from '../../api/index.js';

/** One demo person: who they are and where their password file is. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  passwordFile: string;
}

const PEOPLE: readonly Omit<PersonToProvision, 'password'>[] = [
  { username: 'sysadmin', displayName: '王系统', role: 'sysadmin' },
  { username: 'secofficer', displayName: '李保密', role: 'security_officer' },
  { username: 'auditor', displayName: '赵审计', role: 'auditor' },
  { username: 'archivist', displayName: '陈档案', role: 'archivist' },
  // The second member of the 鉴定小组: an appraisal needs two people's agreement.
  { username: 'appraiser', displayName: '孙鉴定', role: 'archivist' },
  { username: 'backup', displayName: '周备份', role: 'backup_officer' },
];

function randomPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** A password file the CLI accepts: readable by its owner only. */
export function writePasswordFile(file: string, password: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** The demo's six people with random passwords that land only in 0600 files under secretsDir. */
export async function provisionDemoAccounts(api: VaultApi, secretsDir: string, device: string): Promise<DemoAccount[]> {
  const people = PEOPLE.map((p) => ({ ...p, password: randomPassword() }));
  const [sysadmin, securityOfficer, auditor, ...operators] = people;
  await api.accounts.provision({ sysadmin: sysadmin!, securityOfficer: securityOfficer!, auditor: auditor!, operators }, device, randomPassword);
  return people.map(({ password, ...p }) => ({ ...p, passwordFile: writePasswordFile(path.join(secretsDir, `${p.username}.password`), password) }));
}
