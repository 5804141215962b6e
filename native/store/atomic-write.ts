import fs from 'node:fs';
import path from 'node:path';
import { tempSuffix } from './temp-files.js';
import { VaultError, errnoCode } from '../errors.js';
import { storeMessages } from './messages.js';

/** Maps a failed write to a clear error naming the path; other errors pass through unchanged. */
export function writeError(target: string, e: unknown): unknown {
  const code = errnoCode(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return VaultError.of('DISK_FULL', storeMessages.diskFull, { path: target }, { errno: code }, e);
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return VaultError.of('TARGET_NOT_WRITABLE', storeMessages.notWritable, { path: target, reason: code }, { errno: code }, e);
  }
  return e;
}

/** fsync a directory so that a rename inside it survives a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Some filesystems (and Windows) refuse fsync on directories; the rename is still atomic.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes(errnoCode(e) ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}

/** A hidden temp name beside the target, carrying this process's id (see temp-files.ts: cleared on open once the writer is dead). */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}${tempSuffix()}`);
}

/** Write temp → fsync → rename → fsync directory: the target is either old or new, never half. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, tempDir?: string): Promise<void> {
  const temp = tempDir ? path.join(tempDir, path.basename(tempNameFor(target))) : tempNameFor(target);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(temp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.promises.rename(temp, target);
    await fsyncDir(path.dirname(target));
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw writeError(target, e);
  }
}

/**
 * Creates dir (and parents) or says clearly why it cannot: on a read-only disk a recursive
 * mkdir reports ENOENT, which would name the wrong problem, so the nearest existing ancestor
 * is asked for write access first.
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    await fs.promises.access(existing, fs.constants.W_OK);
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.access(dir, fs.constants.W_OK);
  } catch (e) {
    const mapped = writeError(dir, e);
    if (mapped !== e) throw mapped;
    throw VaultError.of('TARGET_NOT_WRITABLE', storeMessages.notWritable, { path: dir, reason: errnoCode(e) ?? String(e) }, {}, e);
  }
}

/**
 * Writes a new file (refused if it exists) and fsyncs it: for files inside a folder that is
 * itself renamed into place when complete (a bag, a package), so no temp name is needed.
 */
export async function writeNewFileSynced(file: string, data: string | Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
