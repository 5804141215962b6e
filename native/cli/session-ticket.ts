import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPrivateFile } from '../api/index.js';

/**
 * The file `lantai login` leaves for the commands after it: which session of which vault, and
 * the secret that resumes it. One per vault, in the person's own folder (LANTAI_SESSION_DIR, or
 * ~/.lantai/sessions), readable by its owner only, as ssh wants of a key: a ticket anyone else
 * could read, or one that belongs to someone else, is never used.
 */
export interface SessionTicket {
  vault: string;
  sessionId: string;
  secret: string;
  username: string;
  device: string;
}

function ticketDir(env: NodeJS.ProcessEnv): string {
  return env['LANTAI_SESSION_DIR'] || path.join(os.homedir(), '.lantai', 'sessions');
}

/** One file per vault, named by its real path: a vault reached through a link is the same vault. */
export function ticketPath(env: NodeJS.ProcessEnv, vaultDir: string): string {
  let real = vaultDir;
  try {
    real = fs.realpathSync(vaultDir);
  } catch {
    // A vault that cannot be resolved has no ticket worth finding; the name still is one.
  }
  return path.join(ticketDir(env), `${crypto.createHash('sha256').update(real).digest('hex').slice(0, 32)}.json`);
}

/** The ticket for this vault, or null when there is none or it may not be trusted. */
export function readTicket(env: NodeJS.ProcessEnv, vaultDir: string): SessionTicket | null {
  const file = ticketPath(env, vaultDir);
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile()) return null;
    checkPrivateFile(file, st);
    const t = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SessionTicket>;
    if (typeof t.sessionId !== 'string' || typeof t.secret !== 'string' || typeof t.username !== 'string' || typeof t.device !== 'string' || typeof t.vault !== 'string') return null;
    return t as SessionTicket;
  } catch {
    // Missing, unreadable, too open or not ours: the command asks for the password instead.
    return null;
  }
}

/** Written whole (a temp file renamed over), created 0600 in a 0700 folder. */
export function writeTicket(env: NodeJS.ProcessEnv, vaultDir: string, ticket: SessionTicket): string {
  const file = ticketPath(env, vaultDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(ticket), { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return file;
}

export function removeTicket(env: NodeJS.ProcessEnv, vaultDir: string): boolean {
  const file = ticketPath(env, vaultDir);
  try {
    fs.unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
