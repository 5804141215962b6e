import path from 'node:path';
import Database from 'better-sqlite3';
import type { DbAuditRow } from '../../../native/audit/log.js';
import type { Db } from '../../../native/db/database.js';
import { migrate } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';
import { changeOwnPassword, createAccount, firstRunSetup } from '../../../native/auth/accounts.js';
import { login } from '../../../native/auth/sessions.js';
import type { Role } from '../../../native/auth/permissions.js';
import type { OperationContext, Session } from '../../../native/auth/types.js';
import { tempDir } from '../../harness/temp.js';

/** A controllable clock: tests move time instead of sleeping. */
export class TestClock {
  ms: number;
  constructor(start = Date.parse('2026-03-01T08:00:00.000Z')) {
    this.ms = start;
  }
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
  advanceMinutes(m: number): void {
    this.ms += m * 60_000;
  }
}

/** A real catalog file with every migration applied (WAL, like a vault). */
export function freshDb(name = 'catalog.sqlite'): { db: Db; file: string } {
  const file = path.join(tempDir(), name);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, file, migrations);
  return { db, file };
}

export const PW = {
  sys: 'sys-口令-0001',
  so: 'so-口令-0002',
  aud: 'aud-口令-0003',
  user: 'user-口令-0004',
};

export interface Admins {
  sys: OperationContext;
  so: OperationContext;
  aud: OperationContext;
}

export function ctxOf(db: Db, session: Session, clock: TestClock, device = 'pc-档案室-01'): OperationContext {
  return { db, session, device, clock: clock.now };
}

export async function setupAdmins(db: Db, clock: TestClock): Promise<Admins> {
  await firstRunSetup(db, {
    sysadmin: { username: 'sysadm', password: PW.sys, displayName: '王系统' },
    securityOfficer: { username: 'secoff', password: PW.so, displayName: '李保密' },
    auditor: { username: 'auditor', password: PW.aud, displayName: '赵审计' },
  }, { clock: clock.now });
  const sys = ctxOf(db, await login(db, 'sysadm', PW.sys, 'pc-档案室-01', { clock: clock.now }), clock);
  const so = ctxOf(db, await login(db, 'secoff', PW.so, 'pc-档案室-01', { clock: clock.now }), clock);
  const aud = ctxOf(db, await login(db, 'auditor', PW.aud, 'pc-档案室-01', { clock: clock.now }), clock);
  return { sys, so, aud };
}

/** Creates an operator account through the sysadmin, logs in and sets the person's own password. */
export async function makeUser(db: Db, admins: Admins, clock: TestClock, username: string, roles: Role[], displayName = ''): Promise<OperationContext> {
  await createAccount(admins.sys, { username, password: 'initial-口令-9999', roles, displayName }, roles.some((r) => ['sysadmin', 'security_officer', 'auditor'].includes(r)) ? admins.so : undefined);
  const ctx = ctxOf(db, await login(db, username, 'initial-口令-9999', 'pc-档案室-02', { clock: clock.now }), clock, 'pc-档案室-02');
  await changeOwnPassword(ctx, 'initial-口令-9999', PW.user);
  return ctx;
}

let recordSeq = 0;

/** Inserts a catalog record directly (the ingest module is someone else's); returns its id. */
export function addRecord(db: Db, opts: { classification?: string; hold?: boolean; access?: 'unreviewed' | 'open' | 'restricted' } = {}): number {
  recordSeq++;
  const n = recordSeq;
  const info = db
    .prepare(`INSERT INTO records (category_code, year, retention, item_number, archival_code, title, page_count, classification, classified_hold, access_status, source_key, created_at, updated_at)
              VALUES ('WS', 2016, 'Y', ?, ?, ?, 1, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
    .run(n, `Z109-WS·2016-Y-${String(n).padStart(4, '0')}`, `题名${n}`, opts.classification ?? 'public', opts.hold ? 1 : 0, opts.access ?? 'unreviewed', `src-${n}-${Math.random()}`);
  return Number(info.lastInsertRowid);
}

export type AuditDbRow = DbAuditRow;

export function auditRows(db: Db): AuditDbRow[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditDbRow[];
}

export function lastAudit(db: Db): AuditDbRow {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditDbRow;
}

/** Runs fn and returns the VaultError code it throws (fails the test if it does not throw). */
export async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return (e as { code?: string }).code ?? 'NO_CODE';
  }
  throw new Error('expected an error, none thrown');
}
