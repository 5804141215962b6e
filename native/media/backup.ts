import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { auditHead } from '../audit/log.js';
import { encodeWrappedKey, type DataKey, type WrappedDataKey } from '../crypto/data-key.js';
import { encryptStream, newCipherFile } from '../crypto/file-cipher.js';
import { immediate, type Db } from '../db/database.js';
import { errnoCode, VaultError } from '../errors.js';
import type { ObjectStore } from '../store/object-store.js';
import { isProcessAlive } from '../util/process.js';
import { raiseAlert } from './alerts.js';
import { copiesOn, insertSnapshot, objectsMissingFrom, setCopyStatus, snapshotsOn, upsertCopy } from './copies.js';
import { dataDir, emptyIndex, INDEX_FILE, KEY_FILE, MANIFEST_FILE, objectFileName, readIndex, RESERVE_FILE, snapshotFileName, writeIndex, type MediumIndex } from './layout.js';
import { HOLD_FOR_READ_BACK } from './io-pool.js';
import { isoFileBytes, ISO_FIXED, makeIso } from './iso.js';
import { clearDeadMediumTemps, hashMediumFile, listMediumFiles, makeMediumDir, mediumFileEquals, mediumFreeBytes, readMediumFile, removeMediumFile, sealToMedium, statMediumFile, syncMediumFiles, writeMediumFile, writeMediumStream } from './medium-io.js';
import { mediaMessages } from './messages.js';
import { markWritten } from './registry.js';
import { plainSources, wrongDigest, type PlainSource, type SourceMedium } from './sources.js';
import { isOptical, type MediumRow } from './types.js';

/**
 * A backup to one medium: what the medium lacks of the vault (objects, deduplicated by content),
 * then a catalog snapshot (records, accounts, audit log), then the index. Every file is
 * encrypted (AES-256-GCM, native/crypto/file-cipher), hashed as it is written, read back from
 * the medium and hashed again; only when both digests agree is it recorded as a copy
 * (media_objects) and listed in the index. A full medium stops the run cleanly: what was
 * verified is kept and indexed (a small reserve file set aside at the start makes room for the
 * index), the rest is counted and said.
 */
export interface BackupInput {
  db: Db;
  store: ObjectStore;
  catalogFile: string;
  vaultId: string;
  medium: MediumRow;
  root: string;
  key: DataKey;
  wrapped: WrappedDataKey;
  signal?: AbortSignal;
  report?: (p: { done: number; total: number; failed?: number; message?: string }) => void;
  /** Objects to write instead of everything the medium lacks (a migration's). */
  only?: readonly string[];
  /** No catalog snapshot (repair writes objects only). */
  snapshot?: boolean;
  /** Mounted media to take an object from when the vault's is missing or damaged (a migration's old medium). */
  sources?: readonly SourceMedium[];
}

export interface BackupResult {
  mediumId: string;
  written: number;
  alreadyThere: number;
  bytes: number;
  failed: { sha256: string; reason: string }[];
  snapshot: string | null;
  freeBytes: number;
  /** The staged disc folder of an optical medium (burn it, or its ISO), null for other media. */
  staged: string | null;
  /** The ISO image of the staged folder (<folder>.iso), where the system has a tool to make one. */
  iso: string | null;
}

const INDEX_EVERY = 500;
const RECORD_BATCH = 64;
const RECORD_EVERY_MS = 1000;
const IN_FLIGHT = 4;
const INDEX_BYTES_PER_FILE = 200;

function mb(n: number): string {
  return (n / 1e6).toFixed(1);
}

function isFull(e: unknown): boolean {
  const c = errnoCode(e) ?? errnoCode((e as { cause?: unknown } | undefined)?.cause);
  return c === 'ENOSPC' || c === 'EDQUOT' || c === 'EFBIG';
}

async function* fileBytes(file: string): AsyncGenerator<Buffer> {
  for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 })) yield c as Buffer;
}

/**
 * Encrypts source to target on the medium and reads it back: the digest only if what is read is
 * what was written. plainSize (when known and small enough) lets the written bytes be held
 * and compared, which costs a memcmp where a second SHA-256 would cost as much as the first.
 */
export async function writeVerified(source: AsyncIterable<Uint8Array>, target: string, key: DataKey, options: { durable?: boolean; plainSize?: number } = {}): Promise<{ sha256: string; size: number }> {
  const hold = options.plainSize !== undefined && options.plainSize <= HOLD_FOR_READ_BACK;
  const written = await writeMediumStream(target, encryptStream(source, key), { ...(options.durable === undefined ? {} : { durable: options.durable }), hold });
  // A file that cannot be read back never counts: it goes, so nothing unverified keeps a final name.
  const removeOnError = async (e: unknown): Promise<never> => {
    await removeMediumFile(target).catch(() => undefined);
    throw e;
  };
  if (written.held) {
    if (!(await mediumFileEquals(target, written.held).catch(removeOnError))) {
      const found = (await hashMediumFile(target).catch(() => ({ sha256: '?' }))).sha256;
      await removeOnError(VaultError.of('MEDIUM_READ_FAILED', mediaMessages.readBackMismatch, { file: target, expected: written.sha256, found }));
    }
  } else {
    const read = await hashMediumFile(target).catch(removeOnError);
    if (read.sha256 !== written.sha256 || read.size !== written.size) {
      await removeOnError(VaultError.of('MEDIUM_READ_FAILED', mediaMessages.readBackMismatch, { file: target, expected: written.sha256, found: read.sha256 }));
    }
  }
  return { sha256: written.sha256, size: written.size };
}

/** writeVerified's fast path for a file of the vault: read, checked, sealed, written and read back on a worker thread. */
async function sealVerified(file: string, sha256: string, from: string, target: string, key: DataKey, options: { durable?: boolean }): Promise<{ sha256: string; size: number }> {
  const r = await sealToMedium(target, { source: file, plainSha256: sha256, ...newCipherFile(key), durable: options.durable ?? true });
  if (r.ok) return { sha256: r.sha256, size: r.size };
  if ('digestMismatch' in r) throw wrongDigest(sha256, r.digestMismatch, from);
  throw VaultError.of('MEDIUM_READ_FAILED', mediaMessages.readBackMismatch, { file: target, expected: r.sha256, found: r.found });
}

/**
 * Writes an object from the first source whose bytes verify (the vault, then other media).
 * A full medium or a cancel stops at once; any other failure tries the next source, and the
 * last failure is the one reported when none is good.
 */
export async function writeFromSources(sources: readonly PlainSource[], sha256: string, target: string, key: DataKey, signal?: AbortSignal, options: { durable?: boolean; plainSize?: number } = {}): Promise<{ sha256: string; size: number; from: string }> {
  let last: unknown = VaultError.of('OBJECT_MISSING', mediaMessages.noSource, { sha256 });
  for (const s of sources) {
    try {
      if (s.file) return { ...(await sealVerified(s.file, sha256, s.from, target, key, options)), from: s.from };
      return { ...(await writeVerified(s.bytes(), target, key, options)), from: s.from };
    } catch (e) {
      if (isFull(e) || signal?.aborted) throw e;
      last = e;
    }
  }
  throw last;
}

/** The index as the medium has it, reconciled with the copies the catalog records there. */
async function startingIndex(input: BackupInput): Promise<MediumIndex> {
  const index = (await readIndex(input.root)) ?? emptyIndex(input.medium.id, input.vaultId, input.key.id);
  if (index.keyId !== input.key.id) throw VaultError.of('MEDIUM_INDEX_INVALID', mediaMessages.indexInvalid, { path: input.root, reason: `encrypted with key ${index.keyId}, the vault's key is ${input.key.id}` });
  return index;
}

/**
 * A copy the catalog recorded but a crash kept out of the index (or whose index line still
 * names the bytes it replaced, a repair killed before the index was written): listed again
 * if the file reads back as the catalog recorded it, else the copy is marked missing.
 */
export async function reconcile(db: Db, mediumId: string, root: string, index: MediumIndex): Promise<number> {
  let relisted = 0;
  for (const c of copiesOn(db, mediumId)) {
    const listed = index.files[c.file];
    if (c.status !== 'ok' || (listed && listed.sha256 === c.cipherSha256 && listed.size === c.cipherSize)) continue;
    const file = path.join(dataDir(root), c.file);
    const st = await statMediumFile(file);
    if (st && st.size === c.cipherSize && (await hashMediumFile(file)).sha256 === c.cipherSha256) {
      index.files[c.file] = { sha256: c.cipherSha256, size: c.cipherSize };
      relisted++;
    } else setCopyStatus(db, mediumId, c.sha256, 'missing');
  }
  // A snapshot recorded in the catalog after it was read back, whose index write a kill prevented.
  for (const snap of snapshotsOn(db, mediumId)) {
    if (index.files[snap.file]) continue;
    const file = path.join(dataDir(root), snap.file);
    const st = await statMediumFile(file);
    if (!st || st.size !== snap.cipherSize || (await hashMediumFile(file)).sha256 !== snap.cipherSha256) continue;
    index.files[snap.file] = { sha256: snap.cipherSha256, size: snap.cipherSize };
    if (!index.snapshots.some((x) => x.file === snap.file)) index.snapshots.push({ file: snap.file, writtenAt: snap.writtenAt, auditSeq: snap.auditSeq, auditHash: snap.auditHash });
    relisted++;
  }
  return relisted;
}

/**
 * Snapshot files a killed backup wrote but never recorded (not in the index, not in the
 * catalog): they never counted, and the snapshot this run writes is newer, so they go. Object
 * files left the same way need nothing: the run writes those objects again under the same name.
 */
async function dropUnrecordedSnapshots(input: BackupInput, index: MediumIndex): Promise<void> {
  const recorded = new Set([...Object.keys(index.files), ...snapshotsOn(input.db, input.medium.id).map((s) => s.file)]);
  const dir = path.join(dataDir(input.root), 'catalog');
  for (const name of await listMediumFiles(dir)) {
    const rel = `catalog/${name}`;
    if (/^catalog-[0-9TZ.]+\.sqlite\.enc$/.test(name) && !recorded.has(rel)) await removeMediumFile(path.join(dir, name));
  }
}

/** Bytes the indexed files take: on an optical medium, as its ISO image will hold them (whole sectors, directory records). */
function usedBytes(index: MediumIndex, optical: boolean): number {
  const files = Object.values(index.files);
  return optical ? files.reduce((n, f) => n + isoFileBytes(f.size), ISO_FIXED) : files.reduce((n, f) => n + f.size, 0);
}

/** Ciphertext is the plaintext plus 80 bytes of header and 20 per MiB chunk (native/crypto/file-cipher), rounded up. */
function cipherEstimate(plainSize: number): number {
  return plainSize + 100 + Math.ceil(plainSize / (1 << 20)) * 20;
}

export async function backupToMedium(input: BackupInput): Promise<BackupResult> {
  const { db, medium, root, key } = input;
  const data = dataDir(root);
  await makeMediumDir(data);
  await clearDeadMediumTemps(data);
  const keyBytes = encodeWrappedKey(input.wrapped);
  const keyFile = path.join(data, KEY_FILE);
  const onMedium = await readMediumFile(keyFile).catch(() => undefined);
  if (!onMedium || !onMedium.equals(keyBytes)) await writeMediumFile(keyFile, keyBytes);

  const index = await startingIndex(input);
  await reconcile(db, medium.id, root, index);
  await dropUnrecordedSnapshots(input, index);
  const wanted = input.only ? new Set(input.only) : undefined;
  const inIndex = new Set(Object.keys(index.files));
  const todo = objectsMissingFrom(db, medium.id).filter((o) => (!wanted || wanted.has(o.sha256)) && !inIndex.has(objectFileName(key, o.sha256)));
  const alreadyThere = (wanted ? wanted.size : (db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n) - todo.length;
  const total = todo.length + (input.snapshot === false ? 0 : 1);

  // Room for the index when the medium fills up: set aside now, given back before the index is written.
  const reserve = path.join(data, RESERVE_FILE);
  const reserveBytes = Math.max(256 * 1024, (inIndex.size + todo.length + 16) * INDEX_BYTES_PER_FILE * 2);
  await writeMediumFile(reserve, Buffer.alloc(reserveBytes));

  const optical = isOptical(medium.type);
  let used = usedBytes(index, optical);
  const result: BackupResult = { mediumId: medium.id, written: 0, alreadyThere, bytes: 0, failed: [], snapshot: null, freeBytes: 0, staged: optical ? root : null, iso: null };
  // A disc is written once: what is staged for it must fit, image overhead included (a disk or tape says ENOSPC itself).
  const claim = (plainSize: number): void => {
    if (!optical) return;
    const estimate = isoFileBytes(cipherEstimate(plainSize));
    if (used + estimate + reserveBytes > medium.capacityBytes) {
      throw VaultError.of('MEDIUM_CAPACITY', mediaMessages.capacity, { id: medium.id, capacityMb: mb(medium.capacityBytes), neededMb: mb(used + estimate + reserveBytes - medium.capacityBytes) });
    }
    used += estimate;
  };
  let done = 0;
  let sinceIndex = 0;
  let stop: VaultError | undefined;
  const remaining = new Set(todo.map((o) => o.sha256));
  const now = () => new Date().toISOString();
  // Copies are written without their own fsyncs and made durable in batches: the batch's files
  // and folders fsynced together, then recorded in one commit, always before the index that
  // lists them is written. Nothing counts a copy before that: a kill before a batch is recorded
  // leaves files (perhaps incomplete) the catalog and the index do not know, and the next run
  // writes those objects again under the same names.
  const unrecorded: Parameters<typeof upsertCopy>[1][] = [];
  let recordedAt = Date.now();
  let recording = Promise.resolve();
  const recordCopies = (): Promise<void> => {
    recordedAt = Date.now();
    const batch = unrecorded.splice(0);
    // One batch at a time, in order: a later batch never commits before an earlier one.
    recording = recording.then(async () => {
      if (batch.length === 0) return;
      try {
        await syncMediumFiles(batch.map((c) => path.join(data, c.file)));
      } catch (e) {
        // The medium failed to make them durable: none of them counts, in the index or the result.
        for (const c of batch) {
          delete index.files[c.file];
          remaining.add(c.sha256);
          result.written--;
          result.bytes -= c.cipherSize;
        }
        throw e;
      }
      immediate(db, () => {
        for (const c of batch) upsertCopy(db, c);
      });
    });
    return recording;
  };

  const one = async (o: { sha256: string; size: number }): Promise<void> => {
    const rel = objectFileName(key, o.sha256);
    claim(o.size);
    const w = await writeFromSources(plainSources({ db, store: input.store, key, sources: input.sources ?? [], exceptMedium: medium.id }, o.sha256), o.sha256, path.join(data, rel), key, input.signal, { durable: false, plainSize: o.size });
    const at = now();
    unrecorded.push({ mediumId: medium.id, sha256: o.sha256, file: rel, cipherSha256: w.sha256, cipherSize: w.size, writtenAt: at, verifiedAt: at });
    index.files[rel] = { sha256: w.sha256, size: w.size };
    remaining.delete(o.sha256);
    result.written++;
    result.bytes += w.size;
  };

  // Several objects in flight: one is encrypted and written on this thread while the others'
  // plaintext checks and read-backs are hashed on the hash pool (both cores work); the kernel
  // writes them back meanwhile, and each batch is made durable before it counts (recordCopies).
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !stop) {
      input.signal?.throwIfAborted();
      const o = todo[next++]!;
      try {
        await one(o);
      } catch (e) {
        if (isFull(e) || (e instanceof VaultError && e.code === 'MEDIUM_CAPACITY')) {
          stop ??= e instanceof VaultError ? e : VaultError.of('MEDIUM_FULL', mediaMessages.full, {}, {}, e);
          return;
        }
        if (input.signal?.aborted) throw e;
        result.failed.push({ sha256: o.sha256, reason: e instanceof VaultError ? e.text.en : String(e) });
        raiseAlert(db, { mediumId: medium.id, kind: errnoCode(e) ? 'unreadable' : 'mismatch', subject: objectFileName(key, o.sha256), detail: { sha256: o.sha256, during: 'backup', error: e instanceof VaultError ? e.code : errnoCode(e) ?? String(e) }, at: now() });
      }
      done++;
      input.report?.({ done, total, failed: result.failed.length, message: medium.id });
      // Outside the object's own try: a batch the medium cannot make durable stops the run.
      if (unrecorded.length >= RECORD_BATCH || Date.now() - recordedAt >= RECORD_EVERY_MS) {
        // The objects go on being written while this batch is made durable; only the batch
        // before it must be done (at most two are pending), and a failure of either stops the run.
        const earlier = recording;
        recordCopies().catch(() => undefined);
        await earlier;
      }
      if (++sinceIndex >= INDEX_EVERY) {
        sinceIndex = 0;
        await recordCopies();
        await writeIndex(root, index);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    // The snapshot is the catalog as it is now: with every copy this run made.
    await recordCopies();
    if (!stop && input.snapshot !== false) {
      try {
        result.snapshot = await writeSnapshot(input, index, claim);
      } catch (e) {
        if (e instanceof VaultError && e.code === 'MEDIUM_CAPACITY') stop = e;
        else if (!isFull(e)) throw e;
        else stop = VaultError.of('MEDIUM_FULL', mediaMessages.full, {}, {}, e);
      }
      input.report?.({ done: total, total, failed: result.failed.length, message: medium.id });
    }
  } finally {
    // The index lists exactly what was verified, whatever stopped the run (recorded first; a
    // batch that cannot be made durable is not recorded, and its objects are written again).
    await recordCopies().catch(() => undefined);
    await removeMediumFile(reserve).catch(() => undefined);
    await writeIndex(root, index);
    markWritten(db, medium.id, now());
  }
  // A disc's room is what its capacity leaves beside the image, not the free space of the disk it is staged on.
  result.freeBytes = optical ? Math.max(0, medium.capacityBytes - usedBytes(index, true)) : await mediumFreeBytes(root);
  if (stop) {
    const left = todo.filter((o) => remaining.has(o.sha256));
    const details = { id: medium.id, written: result.written, writtenMb: mb(result.bytes), left: left.length + (result.snapshot ? 0 : 1), leftMb: mb(left.reduce((n, o) => n + o.size, 0)), freeMb: mb(result.freeBytes) };
    raiseAlert(db, { mediumId: medium.id, kind: 'full', subject: '', detail: details, at: now() });
    if (stop.code === 'MEDIUM_CAPACITY') throw VaultError.of('MEDIUM_CAPACITY', mediaMessages.capacityLeft, { ...details, capacityMb: mb(medium.capacityBytes) }, { result });
    throw VaultError.of('MEDIUM_FULL', mediaMessages.full, details, { result, leftBytes: left.reduce((n, o) => n + o.size, 0), freeBytes: result.freeBytes }, stop);
  }
  if (optical) {
    // The image is made from the folder as verified (reserve gone, index written); a failing tool is an error naming it, carrying the result.
    try {
      // The objects are all done: the image's share shows in the message ("iso:<percent>"), which the desktop words.
      const isoProgress = (bytes: number, expected: number): void =>
        input.report?.({ done: total, total, failed: result.failed.length, message: `iso:${Math.min(100, Math.floor((bytes / Math.max(1, expected)) * 100))}` });
      result.iso = (await makeIso(root, medium.id, medium.capacityBytes, input.signal, isoProgress))?.path ?? null;
    } catch (e) {
      if (e instanceof VaultError) throw new VaultError(e.code, e.text, { ...e.details, result }, { cause: e });
      throw e;
    }
  }
  return result;
}

/** Snapshot temp copies of the catalog that a killed backup left beside it (its pid is in the name). */
function clearDeadSnapshotTemps(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const m = /^\.snapshot-(\d+)-[0-9a-f]+\.sqlite(-journal|-wal|-shm)?$/.exec(name);
    if (m && !isProcessAlive(Number(m[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** The catalog as of now (VACUUM INTO: a consistent copy while others work), encrypted and read back. */
async function writeSnapshot(input: BackupInput, index: MediumIndex, claim: (plainSize: number) => void): Promise<string> {
  clearDeadSnapshotTemps(path.dirname(input.catalogFile));
  const at = new Date();
  const rel = snapshotFileName(at);
  const temp = path.join(path.dirname(input.catalogFile), `.snapshot-${process.pid}-${crypto.randomBytes(4).toString('hex')}.sqlite`);
  try {
    const head = auditHead(input.db);
    input.db.prepare('VACUUM INTO ?').run(temp);
    const plainSize = fs.statSync(temp).size;
    claim(plainSize);
    const w = await writeVerified(fileBytes(temp), path.join(dataDir(input.root), rel), input.key, { plainSize });
    index.files[rel] = { sha256: w.sha256, size: w.size };
    index.snapshots.push({ file: rel, writtenAt: at.toISOString(), auditSeq: head.seq, auditHash: head.hash });
    insertSnapshot(input.db, { mediumId: input.medium.id, file: rel, cipherSha256: w.sha256, cipherSize: w.size, auditSeq: head.seq, auditHash: head.hash, writtenAt: at.toISOString() });
    return rel;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Files of the medium's data folder that are Lantai's own bookkeeping, not backup data. */
export const BOOKKEEPING = new Set([KEY_FILE, INDEX_FILE, MANIFEST_FILE, RESERVE_FILE]);
