import fs from 'node:fs';
import Database from 'better-sqlite3';
import { VaultError } from '../errors.js';
import type { Db } from './database.js';
import { dbMessages } from './messages.js';
import { migrate } from './migrate.js';
import { latestSchemaVersion, migrations } from './migrations/index.js';

export interface OpenCatalogOptions {
  create?: boolean;
  readonly?: boolean;
}

function damaged(file: string, e: unknown): VaultError {
  const reason = e instanceof Error ? e.message : String(e);
  return VaultError.of('VAULT_DB_DAMAGED', dbMessages.damaged, { file, reason }, {}, e);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Reads the header bytes before SQLite touches the file, so that a file that is not a
 * database, or one of a newer schema, is refused without even a -wal or -shm appearing.
 * user_version sits at offset 60 of the header (big-endian).
 */
function probeHeader(file: string): void {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(100);
      const n = fs.readSync(fd, header, 0, 100, 0);
      if (n < 100) throw new Error(`only ${n} bytes`);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw damaged(file, e);
  }
  if (!header.subarray(0, 16).equals(SQLITE_MAGIC)) throw damaged(file, new Error('no SQLite header'));
  const version = header.readUInt32BE(60);
  if (version > latestSchemaVersion() && !fs.existsSync(`${file}-wal`)) {
    throw VaultError.of('VAULT_DB_NEWER', dbMessages.newer, { file, found: version, supported: latestSchemaVersion() });
  }
}

/** Removes the -wal/-shm files this process created while refusing a database. */
function removeCreatedSidecars(file: string, existedBefore: Set<string>): void {
  for (const suffix of ['-wal', '-shm']) {
    const p = `${file}${suffix}`;
    if (!existedBefore.has(p)) fs.rmSync(p, { force: true });
  }
}

export function openCatalog(file: string, options: OpenCatalogOptions = {}): Db {
  if (!options.create) probeHeader(file);
  const sidecars = new Set([`${file}-wal`, `${file}-shm`].filter((p) => fs.existsSync(p)));
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  } catch (e) {
    throw damaged(file, e);
  }
  try {
    // busy_timeout lets a second process (a parallel ingest, the watcher) wait for the writer.
    db.pragma('busy_timeout = 15000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: a power cut never loses a committed catalog row whose objects are on disk.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.create) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > latestSchemaVersion()) {
        throw VaultError.of('VAULT_DB_NEWER', dbMessages.newer, { file, found: version, supported: latestSchemaVersion() });
      }
      // Reading the schema catches a broken header or first page cheaply; the full
      // quick_check (O(size)) belongs to `lantai check`, not to every open.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    }
    if (!options.readonly) migrate(db, file, migrations);
    return db;
  } catch (e) {
    db.close();
    if (!options.create) removeCreatedSidecars(file, sidecars);
    throw e instanceof VaultError ? e : damaged(file, e);
  }
}
