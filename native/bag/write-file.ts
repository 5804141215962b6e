import fs from 'node:fs';
import { VaultError, errnoCode } from '../errors.js';
import { digester, type Digests } from '../hash/digests.js';
import { writeError } from '../store/atomic-write.js';
import { bagMessages } from './messages.js';

const CHUNK = 1 << 20;

/**
 * Copies one payload entry to `dest` while computing SHA-256 and SM3 of the same bytes: one
 * read of the source, one reused 1 MiB buffer (memory flat for multi-GB files), each write
 * awaited before the next read. The file is fsynced before it counts as written. With `known`
 * digests only SHA-256 is computed and must equal the recorded one (see PayloadEntry.known).
 */
export async function copyWithDigests(
  entryPath: string,
  source: string | Uint8Array,
  dest: string,
  expectedSize: number,
  known: { sha256: string; sm3: string } | undefined,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<Digests> {
  const d = digester({ sm3: known === undefined });
  let out: fs.promises.FileHandle | undefined;
  let input: fs.promises.FileHandle | undefined;
  try {
    out = await fs.promises.open(dest, 'wx');
    if (typeof source !== 'string') {
      d.update(source);
      await out.writeFile(source);
      onBytes(source.byteLength);
    } else {
      input = await fs.promises.open(source, 'r').catch((e: unknown) => {
        throw VaultError.of('BAG_SOURCE_UNREADABLE', bagMessages.sourceUnreadable, { path: entryPath, source, reason: errnoCode(e) ?? String(e) }, {}, e);
      });
      const buffer = Buffer.allocUnsafe(CHUNK);
      let copied = 0;
      for (;;) {
        signal?.throwIfAborted();
        const { bytesRead } = await input.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        d.update(chunk);
        await out.write(chunk);
        copied += bytesRead;
        onBytes(bytesRead);
      }
      // A source that grew or shrank while copied would put a size in Payload-Oxum that no
      // longer describes what was hashed: refuse rather than write a misleading bag.
      if (copied !== expectedSize) {
        throw VaultError.of('BAG_SOURCE_CHANGED', bagMessages.sourceChanged, { path: entryPath, expected: expectedSize, found: copied });
      }
    }
    await out.sync();
    const digests = d.digest();
    if (known) {
      if (digests.sha256 !== known.sha256) {
        throw VaultError.of('BAG_SOURCE_DIGEST_MISMATCH', bagMessages.sourceDigestMismatch, { path: entryPath, expected: known.sha256, found: digests.sha256 });
      }
      return { ...digests, sm3: known.sm3 };
    }
    return digests;
  } catch (e) {
    throw writeError(dest, e);
  } finally {
    await input?.close();
    await out?.close();
  }
}

/** Why a hard link could not be made where a copy can still be: another disk, a file system without links, too many links. */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * For a bag that lives only until it is zipped (writeBag's linkSources): the source, already
 * digested by the vault (`known`), is hard-linked at `dest` instead of copied: no second copy
 * of gigabytes on the disk, and no write. Nothing is read here, so the bag's own check is
 * what first matches these bytes to `known` (writePackage runs it before zipping). The vault's
 * objects are read-only (0444), and so is the link. Null when linking is not possible here
 * (another disk, say): the caller copies.
 */
export async function linkWithKnownDigests(source: string, dest: string, expectedSize: number, known: { sha256: string; sm3: string }): Promise<Digests | null> {
  try {
    await fs.promises.link(source, dest);
  } catch (e) {
    if (CANNOT_LINK.has(errnoCode(e) ?? '')) return null;
    throw writeError(dest, e);
  }
  return { size: expectedSize, sha256: known.sha256, sm3: known.sm3 };
}
