import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { digestBuffer, digester, type Digests, SHA256_HEX } from '../hash/digests.js';
import { errnoCode } from '../errors.js';
import { fsyncDir, writeError } from './atomic-write.js';
import { clearDeadTemp } from './temp-files.js';

/**
 * An object written to a temp file but not yet synced nor named: a batch of these is made
 * durable together by commitStaged (many fsyncs in parallel cost about one journal commit,
 * where one after another cost one each).
 */
export interface StagedObject {
  temp: string;
  target: string;
}

/** How many files are fsynced at once when a batch is committed. */
const SYNC_PARALLELISM = 16;

/**
 * Content-addressed, immutable object store: objects/ab/ab12… named by SHA-256.
 * A write goes to objects/.tmp first, is fsynced, then renamed into place (restic's rule:
 * a file under its final name is always complete).
 */
export class ObjectStore {
  readonly root: string;
  readonly tempDir: string;

  constructor(root: string) {
    this.root = root;
    this.tempDir = path.join(root, '.tmp');
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Stores bytes whose digests the caller computed. Idempotent: an object already present is
   * left alone (same name, same content), which is what makes a resumed ingest cheap.
   */
  async putBuffer(data: Uint8Array, digests: Digests, staging?: StagedObject[]): Promise<void> {
    const target = this.pathOf(digests.sha256);
    if (await this.hasComplete(target, digests.size)) return;
    await this.writeInto(target, async (handle) => {
      await handle.writeFile(data);
    }, staging);
  }

  /**
   * Makes staged objects durable and gives them their final names: fsync every temp file,
   * rename, then fsync each directory once. Until this returns, none of them exists under
   * its final name, so a crash leaves only temp files (removed by clearTemp).
   */
  async commitStaged(staged: readonly StagedObject[]): Promise<void> {
    let next = 0;
    const fresh: StagedObject[] = [];
    const syncOne = async (): Promise<void> => {
      while (next < staged.length) {
        const s = staged[next++]!;
        // Checked now, after the caller's claims, not when staged: an object present then may
        // have been taken back since by another item's rollback.
        if (await this.hasComplete(s.target, (await fs.promises.stat(s.temp)).size)) {
          await fs.promises.rm(s.temp, { force: true });
          continue;
        }
        const handle = await fs.promises.open(s.temp, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.chmod(s.temp, 0o444);
        fresh.push(s);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(SYNC_PARALLELISM, staged.length) }, syncOne));
      const dirs = new Set<string>();
      for (const s of fresh) {
        await fs.promises.mkdir(path.dirname(s.target), { recursive: true });
        await fs.promises.rename(s.temp, s.target);
        dirs.add(path.dirname(s.target));
      }
      await Promise.all([...dirs].map((d) => fsyncDir(d)));
      if (fresh.length > 0) await fsyncDir(this.root);
    } catch (e) {
      await this.discardStaged(staged);
      throw writeError(this.root, e);
    }
  }

  /**
   * Reads a source file once: hashes it (SHA-256 and SM3) while copying it to a staged temp
   * file, so the bytes stored are exactly the bytes hashed, and the file is not read again to
   * be copied. The staged copy gets its final name only in commitStaged.
   */
  async stageFile(source: string, staging: StagedObject[]): Promise<Digests> {
    const temp = this.stagedTempName();
    const d = digester();
    // Which side fails decides the message: the vault disk (wrapped here) or the source scan.
    const onDisk = async <T>(op: () => Promise<T>): Promise<T> => {
      try {
        return await op();
      } catch (e) {
        throw writeError(this.root, e);
      }
    };
    let handle: fs.promises.FileHandle | undefined;
    try {
      await onDisk(() => fs.promises.mkdir(this.tempDir, { recursive: true }));
      const out = await onDisk(() => fs.promises.open(temp, 'wx'));
      handle = out;
      for await (const chunk of fs.createReadStream(source, { highWaterMark: 1 << 20 })) {
        d.update(chunk as Buffer);
        await onDisk(() => out.write(chunk as Buffer));
      }
      handle = undefined;
      await onDisk(() => out.close());
    } catch (e) {
      await handle?.close().catch(() => undefined);
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw e;
    }
    const digests = d.digest();
    staging.push({ temp, target: this.pathOf(digests.sha256) });
    return digests;
  }

  /**
   * Stages bytes already in memory (a source file read whole, so that the bytes validated are
   * exactly the bytes hashed and stored): hashed (unless the caller did), written to a staged
   * temp file, named at commit. Unlike putBuffer it stages even when the object is present, as
   * stageFile does: masters are claimed after staging, and commitStaged checks again then.
   */
  async stageBuffer(data: Buffer, staging: StagedObject[], digests: Digests = digestBuffer(data)): Promise<Digests> {
    const temp = this.stagedTempName();
    try {
      await fs.promises.mkdir(this.tempDir, { recursive: true });
      await fs.promises.writeFile(temp, data, { flag: 'wx' });
    } catch (e) {
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw writeError(this.root, e);
    }
    staging.push({ temp, target: this.pathOf(digests.sha256) });
    return digests;
  }

  private stagedTempName(): string {
    return path.join(this.tempDir, `staged.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  }

  /** Drops staged temp files (an item that failed before commit). */
  async discardStaged(staged: readonly StagedObject[]): Promise<void> {
    await Promise.all(staged.map((s) => fs.promises.rm(s.temp, { force: true }).catch(() => undefined)));
  }

  private async hasComplete(target: string, size: number): Promise<boolean> {
    try {
      const st = await fs.promises.stat(target);
      return st.size === size;
    } catch {
      return false;
    }
  }

  private async writeInto(target: string, fill: (handle: fs.promises.FileHandle) => Promise<void>, staging?: StagedObject[]): Promise<void> {
    const dir = path.dirname(target);
    const temp = path.join(this.tempDir, `${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    let handle: fs.promises.FileHandle | undefined;
    try {
      await fs.promises.mkdir(this.tempDir, { recursive: true });
      const created = await fs.promises.mkdir(dir, { recursive: true });
      handle = await fs.promises.open(temp, 'wx');
      await fill(handle);
      if (staging) {
        await handle.close();
        handle = undefined;
        staging.push({ temp, target });
        return;
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await fs.promises.chmod(temp, 0o444);
      await fs.promises.rename(temp, target);
      await fsyncDir(dir);
      if (created) await fsyncDir(this.root);
    } catch (e) {
      await handle?.close().catch(() => undefined);
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw writeError(target, e);
    }
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  /** Every object file present, as digests (names), skipping temp files. */
  async *list(): AsyncGenerator<string> {
    let prefixes: string[];
    try {
      prefixes = await fs.promises.readdir(this.root);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return;
      throw e;
    }
    for (const prefix of prefixes.sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of (await fs.promises.readdir(path.join(this.root, prefix))).sort()) {
        if (SHA256_HEX.test(name) && name.startsWith(prefix)) yield name;
      }
    }
  }

  /**
   * Removes temp files a killed writer left behind (they never carry a final name). Temp names
   * hold the writer's pid, so a second process ingesting right now keeps its own.
   */
  async clearTemp(): Promise<number> {
    return clearDeadTemp(this.tempDir);
  }
}
