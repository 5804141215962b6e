import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { digestFile, type Digests, SHA256_HEX } from '../hash/digests.js';
import { errnoCode } from '../errors.js';
import { fsyncDir, writeError } from './atomic-write.js';
import { isProcessAlive } from '../jobs/process.js';

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
  async putBuffer(data: Uint8Array, digests: Digests): Promise<void> {
    const target = this.pathOf(digests.sha256);
    if (await this.hasComplete(target, digests.size)) return;
    await this.writeInto(target, async (handle) => {
      await handle.writeFile(data);
    });
  }

  /** Copies a file in; the caller has hashed it (digestFile) and passes what it found. */
  async putFile(source: string, digests: Digests): Promise<void> {
    const target = this.pathOf(digests.sha256);
    if (await this.hasComplete(target, digests.size)) return;
    await this.writeInto(target, async (handle) => {
      for await (const chunk of fs.createReadStream(source, { highWaterMark: 1 << 20 })) {
        await handle.write(chunk as Buffer);
      }
    });
    // The source could have changed between hashing and copying: verify what landed.
    const landed = await digestFile(target);
    if (landed.sha256 !== digests.sha256) {
      await fs.promises.rm(target, { force: true });
      throw new Error(`source changed while being stored: ${source}`);
    }
  }

  private async hasComplete(target: string, size: number): Promise<boolean> {
    try {
      const st = await fs.promises.stat(target);
      return st.size === size;
    } catch {
      return false;
    }
  }

  private async writeInto(target: string, fill: (handle: fs.promises.FileHandle) => Promise<void>): Promise<void> {
    const dir = path.dirname(target);
    const temp = path.join(this.tempDir, `${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    let handle: fs.promises.FileHandle | undefined;
    try {
      await fs.promises.mkdir(this.tempDir, { recursive: true });
      const created = await fs.promises.mkdir(dir, { recursive: true });
      handle = await fs.promises.open(temp, 'wx');
      await fill(handle);
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
    let names: string[];
    try {
      names = await fs.promises.readdir(this.tempDir);
    } catch {
      return 0;
    }
    const dead = names.filter((n) => {
      const pid = Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(n)?.[1]);
      return !Number.isInteger(pid) || !isProcessAlive(pid);
    });
    await Promise.all(dead.map((n) => fs.promises.rm(path.join(this.tempDir, n), { force: true })));
    return dead.length;
  }
}
