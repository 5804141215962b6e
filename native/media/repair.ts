import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataKey } from '../crypto/data-key.js';
import { get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { fsyncDir } from '../store/atomic-write.js';
import type { ObjectStore } from '../store/object-store.js';
import { resolveAlertsFor } from './alerts.js';
import { reconcile, writeFromSources } from './backup.js';
import { plainSources, type SourceMedium } from './sources.js';
import { copiesOn, copyOn, upsertCopy } from './copies.js';
import { dataDir, readIndex, writeIndex, emptyIndex } from './layout.js';
import { clearDeadMediumTemps, unsealFromMedium } from './medium-io.js';
import { mediaMessages } from './messages.js';
import { setMediumState } from './registry.js';
import type { MediumRow } from './types.js';

/**
 * Repair, from a good copy only: a medium's damaged or missing copies are rewritten from the
 * vault's object (when its digest still verifies) or else from another medium's copy
 * (authenticated by decryption and checked against the object's SHA-256 before it counts);
 * the vault's own damaged objects are rewritten from a medium the same way.
 */
export type { SourceMedium } from './sources.js';

export interface RepairOutcome {
  sha256: string;
  file: string;
  from: string | null;
  ok: boolean;
  reason?: string;
}

export async function repairMedium(input: { db: Db; store: ObjectStore; vaultId: string; medium: MediumRow; root: string; key: DataKey; sources: readonly SourceMedium[]; byUser: number; signal?: AbortSignal; report?: (p: { done: number; total: number; failed?: number }) => void }): Promise<RepairOutcome[]> {
  const { db, medium, root, key } = input;
  await clearDeadMediumTemps(dataDir(root));
  const index = (await readIndex(root).catch(() => undefined)) ?? emptyIndex(medium.id, input.vaultId, key.id);
  // A repair killed after a copy counted but before the index was written: the index catches up first.
  const relisted = await reconcile(db, medium.id, root, index);
  const bad = copiesOn(db, medium.id).filter((c) => c.status !== 'ok');
  const out: RepairOutcome[] = [];
  try {
    for (const c of bad) {
      input.signal?.throwIfAborted();
      const target = path.join(dataDir(root), c.file);
      let done: RepairOutcome;
      try {
        const w = await writeFromSources(plainSources({ db, store: input.store, key, sources: input.sources, exceptMedium: medium.id }, c.sha256), c.sha256, target, key, input.signal);
        const at = new Date().toISOString();
        db.transaction(() => {
          upsertCopy(db, { mediumId: medium.id, sha256: c.sha256, file: c.file, cipherSha256: w.sha256, cipherSize: w.size, writtenAt: at, verifiedAt: at });
          resolveAlertsFor(db, medium.id, c.file, input.byUser, at, `repaired from ${w.from}`);
        })();
        index.files[c.file] = { sha256: w.sha256, size: w.size };
        done = { sha256: c.sha256, file: c.file, from: w.from, ok: true };
      } catch (e) {
        if (input.signal?.aborted) throw e;
        done = { sha256: c.sha256, file: c.file, from: null, ok: false, reason: e instanceof VaultError ? e.text.en : String(e) };
      }
      out.push(done);
      input.report?.({ done: out.length, total: bad.length, failed: out.filter((o) => !o.ok).length });
    }
  } finally {
    if (relisted > 0 || out.some((o) => o.ok)) await writeIndex(root, index);
  }
  if (copiesOn(db, medium.id).every((c) => c.status === 'ok') && medium.state === 'failing') setMediumState(db, medium.id, 'active');
  return out;
}

/** Rewrites damaged or missing vault objects from media copies; each must match the catalog's SHA-256, SM3 and size. */
export async function repairVaultObjects(input: { db: Db; store: ObjectStore; key: DataKey; shas: readonly string[]; sources: readonly SourceMedium[]; signal?: AbortSignal }): Promise<RepairOutcome[]> {
  const out: RepairOutcome[] = [];
  for (const sha256 of input.shas) {
    input.signal?.throwIfAborted();
    const row = get<{ sm3: string; size: number }>(input.db, sql`SELECT sm3, size FROM objects WHERE sha256 = ${sha256}`);
    let outcome: RepairOutcome = { sha256, file: input.store.pathOf(sha256), from: null, ok: false, reason: mediaMessages.noRepairSource.en.replace('{sha256}', sha256) };
    for (const s of input.sources) {
      const copy = copyOn(input.db, s.medium.id, sha256);
      if (!copy || copy.status !== 'ok' || !row) continue;
      try {
        await restoreObjectFile(s, copy.file, input.key, input.store, { sha256, sm3: row.sm3, size: row.size });
        outcome = { sha256, file: input.store.pathOf(sha256), from: s.medium.id, ok: true };
        break;
      } catch (e) {
        outcome = { ...outcome, reason: e instanceof VaultError ? e.text.en : String(e) };
      }
    }
    out.push(outcome);
  }
  return out;
}

/**
 * Decrypts one medium file into the store under its digest, replacing what is there, only if
 * SHA-256, SM3 and size are the expected ones. The temp file carries the pid, so a killed
 * process's leftover is removed by the store's clearTemp.
 */
export async function restoreObjectFile(source: { root: string }, rel: string, key: DataKey, store: ObjectStore, want: { sha256: string; sm3: string; size: number }): Promise<void> {
  await fs.promises.mkdir(store.tempDir, { recursive: true });
  const temp = path.join(store.tempDir, `restore.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    // Decrypted, written, fsynced and digested on a worker thread: this thread goes on with the next object.
    const got = await unsealFromMedium(path.join(dataDir(source.root), rel), temp, key, { durable: true });
    if (got.sha256 !== want.sha256 || got.sm3 !== want.sm3 || got.size !== want.size) {
      throw VaultError.of('DIGEST_MISMATCH', { zh: '从载体恢复的对象摘要不符：{sha256}', en: 'An object restored from a medium has the wrong digest: {sha256}' }, { sha256: want.sha256, found: got.sha256 });
    }
    const target = store.pathOf(want.sha256);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.chmod(temp, 0o444);
    await fs.promises.rm(target, { force: true });
    await fs.promises.rename(temp, target);
    await fsyncDir(path.dirname(target));
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
