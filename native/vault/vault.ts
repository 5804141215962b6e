import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { openCatalog } from '../db/open.js';
import { VaultError, errnoCode } from '../errors.js';
import { ensureWritableDir, writeError } from '../store/atomic-write.js';
import { ObjectStore } from '../store/object-store.js';
import { clearDeadTemp } from '../store/temp-files.js';
import { markDeadJobsInterrupted } from '../jobs/job-store.js';
import { vaultMessages } from './messages.js';
import { storeMessages } from '../store/messages.js';
import { newVaultFile, readVaultFile, type VaultFile, writeVaultFile } from './vault-file.js';

export interface VaultPaths {
  root: string;
  vaultFile: string;
  catalog: string;
  objects: string;
  derived: string;
}

export function vaultPaths(root: string): VaultPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    vaultFile: path.join(abs, 'vault.json'),
    catalog: path.join(abs, 'catalog.sqlite'),
    objects: path.join(abs, 'objects'),
    derived: path.join(abs, 'derived'),
  };
}

/** An open vault: its description, catalog connection and object store. Close it when done. */
export class Vault {
  readonly paths: VaultPaths;
  readonly info: VaultFile;
  readonly db: Db;
  readonly store: ObjectStore;

  private constructor(paths: VaultPaths, info: VaultFile, db: Db) {
    this.paths = paths;
    this.info = info;
    this.db = db;
    this.store = new ObjectStore(paths.objects);
  }

  /**
   * Creates a vault in an empty or new folder. vault.json is written last, so a folder
   * without it is never mistaken for a finished vault after a crash during init.
   */
  static async init(root: string): Promise<Vault> {
    const paths = vaultPaths(root);
    await ensureWritableDir(paths.root);
    const existing = (await fs.promises.readdir(paths.root)).filter((n) => !n.startsWith('.'));
    // A vault already there is told apart from a folder of other things: the fix is to use it, not to empty it.
    if (existing.includes('vault.json')) throw VaultError.of('VAULT_EXISTS', vaultMessages.alreadyAVault, { dir: paths.root });
    const leftoverOfCrashedInit = existing.every((n) => ['catalog.sqlite', 'catalog.sqlite-wal', 'catalog.sqlite-shm', 'objects', 'derived'].includes(n));
    if (existing.length > 0 && !leftoverOfCrashedInit) {
      throw VaultError.of('VAULT_NOT_EMPTY', vaultMessages.notEmpty, { dir: paths.root });
    }
    try {
      await fs.promises.mkdir(paths.objects, { recursive: true });
      await fs.promises.mkdir(paths.derived, { recursive: true });
    } catch (e) {
      throw writeError(paths.root, e);
    }
    let db: Db;
    try {
      db = openCatalog(paths.catalog, { create: true });
    } catch (e) {
      throw writeError(paths.catalog, e);
    }
    const info = newVaultFile();
    try {
      await writeVaultFile(paths.root, info);
    } catch (e) {
      db.close();
      throw e;
    }
    return new Vault(paths, info, db);
  }

  static open(root: string, options: { readonly?: boolean } = {}): Vault {
    const paths = vaultPaths(root);
    const info = readVaultFile(paths.root);
    if (!fs.existsSync(paths.catalog)) {
      throw VaultError.of('VAULT_DB_DAMAGED', { zh: '档案库缺少目录数据库 {file}。', en: 'The vault has no catalog database {file}.' }, { file: paths.catalog });
    }
    if (!options.readonly) {
      // SQLite would call a read-only disk "unable to open database file": say what it is.
      try {
        fs.accessSync(paths.root, fs.constants.W_OK);
      } catch (e) {
        throw VaultError.of('TARGET_NOT_WRITABLE', storeMessages.notWritable, { path: paths.root, reason: errnoCode(e) ?? 'read-only' }, {}, e);
      }
    }
    const db = openCatalog(paths.catalog, options.readonly ? { readonly: true } : {});
    return new Vault(paths, info, db);
  }

  /**
   * Crash recovery on open, like a database replaying its journal: jobs whose process died
   * become 'interrupted' (resumable), and temp files of dead writers are removed. Objects
   * claimed by unfinished jobs are kept for the resume.
   */
  async recover(): Promise<{ interruptedJobs: number[]; removedTemp: number }> {
    const interruptedJobs = markDeadJobsInterrupted(this.db);
    // objects/.tmp (staged masters), derived/ab/ (thumbnails, normalized images) and the
    // vault's own files (vault.json written by temp + rename).
    const removedTemp = (await this.store.clearTemp()) + (await clearDeadTemp(this.paths.derived, 1)) + (await clearDeadTemp(this.paths.root));
    return { interruptedJobs, removedTemp };
  }

  /** Opens for work: open + recover. */
  static async openForWork(root: string): Promise<Vault> {
    const vault = Vault.open(root);
    try {
      await vault.recover();
    } catch (e) {
      vault.close();
      throw e;
    }
    return vault;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  getSetting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

export function isVaultDir(dir: string): boolean {
  try {
    fs.accessSync(path.join(dir, 'vault.json'));
    return true;
  } catch (e) {
    return errnoCode(e) !== 'ENOENT' ? true : false;
  }
}
