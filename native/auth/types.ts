import type { Db } from '../db/database.js';
import type { Role } from './permissions.js';

/** Milliseconds since the epoch; injectable so tests can move time without sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A logged-in person on one device. A plain object: it may cross IPC as is. */
export interface Session {
  sessionId: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  device: string;
  startedAt: string;
  lastActiveAt: string;
  /** Set when the sysadmin set or reset the password: only change_own_password and logout work. */
  mustChangePassword: boolean;
}

/**
 * Who does an operation, from where, against which catalog. Every engine call that is subject
 * to permissions takes one. db is the vault's connection (authorize reads the session's live
 * state from it and writes denials to its audit log); clock defaults to the system clock.
 */
export interface OperationContext {
  db: Db;
  session: Session;
  device: string;
  clock?: Clock;
}

/** What an operation acts on, for permission checks and the audit log ("what object"). */
export interface Target {
  type: string;
  id?: string | number | null;
}

export function recordTarget(id: number): Target {
  return { type: 'record', id };
}

export function nowOf(ctx: { clock?: Clock }): number {
  return (ctx.clock ?? systemClock)();
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
