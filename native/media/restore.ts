import fs from 'node:fs';
import path from 'node:path';
import { verifyAuditChain, type AuditVerifyResult } from '../audit/verify.js';
import { decodeWrappedKey, unwrapDataKey, type DataKey } from '../crypto/data-key.js';
import { openCatalog } from '../db/open.js';
import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { ObjectStore } from '../store/object-store.js';
import { fsyncDir } from '../store/atomic-write.js';
import { VAULT_FORMAT, VAULT_FORMAT_VERSION, writeVaultFile } from '../vault/vault-file.js';
import { checkMediumPath, dataDir, KEY_FILE, objectFileName, readIndex, readLabel, type MediumIndex, type MediumLabel } from './layout.js';
import { readMediumFile, unsealFromMedium } from './medium-io.js';
import { mediaMessages } from './messages.js';
import { restoreObjectFile } from './repair.js';
import { writeLocalKey } from './keys.js';

/**
 * Restore on a fresh machine from a set of media and the passphrase: the newest catalog
 * snapshot any of them holds becomes the new vault's catalog, then every object the catalog
 * names is decrypted from the first medium that has a good copy of it, each checked against
 * the catalog's SHA-256, SM3 and size; the audit chain is verified and compared with the head
 * recorded when the snapshot was written. vault.json is written last; until then the folder
 * carries RESTORE-INCOMPLETE, so running the same restore again resumes it (objects already
 * restored and verified are kept).
 */
export const RESTORE_MARKER = 'RESTORE-INCOMPLETE';

/** Objects restored at once (enough to keep both cores and the disk busy). */
const IN_FLIGHT = 4;

export interface OpenedMedium {
  root: string;
  label: MediumLabel;
  index: MediumIndex;
}

export interface RestoreReport {
  vaultId: string;
  to: string;
  media: string[];
  snapshot: { mediumId: string; file: string; writtenAt: string };
  objects: number;
  restored: number;
  alreadyThere: number;
  missing: { sha256: string; archivalCodes: string[]; reasons: string[] }[];
  audit: { ok: boolean; rows: number; head: { seq: number; hash: string }; matchesSnapshot: boolean; problems: string[] };
  complete: boolean;
}

export async function openMediaSet(paths: readonly string[]): Promise<OpenedMedium[]> {
  const out: OpenedMedium[] = [];
  for (const p of paths) {
    const root = path.resolve(p);
    checkMediumPath(root);
    const label = await readLabel(root);
    if (!label) throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.noLabel, { path: root });
    const index = await readIndex(root);
    if (!index) throw VaultError.of('MEDIUM_INDEX_INVALID', mediaMessages.indexInvalid, { path: root, reason: 'no index: nothing was backed up to it' });
    if (out[0] && (out[0].label.vaultId !== label.vaultId)) {
      throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.unknownMedium, { path: root, id: label.mediumId, label: label.label, vaultId: label.vaultId });
    }
    out.push({ root, label, index });
  }
  return out;
}

export async function unlockMediaKey(media: readonly OpenedMedium[], passphrase: string): Promise<DataKey> {
  const bytes = await readMediumFile(path.join(dataDir(media[0]!.root), KEY_FILE));
  return unwrapDataKey(decodeWrappedKey(bytes), passphrase);
}

/** Decrypts a medium's file to a local path (write temp, fsync, rename). */
async function decryptTo(root: string, rel: string, key: DataKey, target: string): Promise<void> {
  const temp = `${target}.${process.pid}.partial`;
  // A partial file of this process's own earlier attempt (another snapshot tried before) goes first.
  await fs.promises.rm(temp, { force: true });
  await unsealFromMedium(path.join(dataDir(root), rel), temp, key, { durable: true });
  await fs.promises.rename(temp, target);
}

function isEmptyOrRestoring(dir: string): boolean {
  try {
    const names = fs.readdirSync(dir);
    return names.length === 0 || names.includes(RESTORE_MARKER);
  } catch {
    return true;
  }
}

/** Phase 1: the target folder with the newest snapshot as its catalog (resumable). */
export async function restoreCatalog(media: readonly OpenedMedium[], key: DataKey, to: string): Promise<{ snapshot: RestoreReport['snapshot']; anchor: { seq: number; hash: string } }> {
  if (!isEmptyOrRestoring(to)) throw VaultError.of('VAULT_NOT_EMPTY', { zh: '恢复目标 {dir} 不是空文件夹。', en: 'The restore target {dir} is not empty.' }, { dir: to });
  const candidates = media.flatMap((m) => m.index.snapshots.filter((s) => m.index.files[s.file]).map((s) => ({ m, s }))).sort((a, b) => b.s.writtenAt.localeCompare(a.s.writtenAt));
  if (candidates.length === 0) throw VaultError.of('RESTORE_NO_SNAPSHOT', mediaMessages.restoreNoSnapshot);
  await fs.promises.mkdir(path.join(to, 'objects'), { recursive: true });
  await fs.promises.mkdir(path.join(to, 'derived'), { recursive: true });
  const marker = path.join(to, RESTORE_MARKER);
  const catalog = path.join(to, 'catalog.sqlite');
  // A catalog a killed restore was decrypting never got its name: its temp file goes.
  for (const name of fs.readdirSync(to)) if (/^catalog\.sqlite\.\d+\.partial$/.test(name)) await fs.promises.rm(path.join(to, name), { force: true });
  const resuming = fs.existsSync(marker) && fs.existsSync(catalog);
  if (!resuming) await fs.promises.writeFile(marker, `restore from ${media.map((m) => m.label.mediumId).join(', ')}\n`);
  const errors: string[] = [];
  for (const { m, s } of candidates) {
    try {
      if (!resuming) {
        for (const f of ['catalog.sqlite', 'catalog.sqlite-wal', 'catalog.sqlite-shm']) await fs.promises.rm(path.join(to, f), { force: true });
        await decryptTo(m.root, s.file, key, catalog);
      }
      return { snapshot: { mediumId: m.label.mediumId, file: s.file, writtenAt: s.writtenAt }, anchor: { seq: s.auditSeq, hash: s.auditHash } };
    } catch (e) {
      // A damaged snapshot on one medium: the next newest (on any medium) is tried.
      errors.push(`${m.label.mediumId}/${s.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw VaultError.of('RESTORE_NO_SNAPSHOT', mediaMessages.restoreNoSnapshot, {}, { errors });
}

/** Phase 2: every object, from the first medium with a copy that decrypts and verifies. */
export async function restoreObjects(db: Db, to: string, media: readonly OpenedMedium[], key: DataKey, options: { signal?: AbortSignal; report?: (p: { done: number; total: number; failed?: number }) => void } = {}): Promise<Pick<RestoreReport, 'objects' | 'restored' | 'alreadyThere' | 'missing'>> {
  const store = new ObjectStore(path.join(to, 'objects'));
  await store.clearTemp();
  const objects = all<{ sha256: string; sm3: string; size: number }>(db, sql`SELECT sha256, sm3, size FROM objects ORDER BY sha256`);
  const out = { objects: objects.length, restored: 0, alreadyThere: 0, missing: [] as RestoreReport['missing'] };
  let done = 0;
  let next = 0;
  // Several objects in flight: while one waits for its fsync or its digests on the hash pool,
  // this thread decrypts the next.
  const worker = async (): Promise<void> => {
    while (next < objects.length) {
      options.signal?.throwIfAborted();
      const o = objects[next++]!;
      const target = store.pathOf(o.sha256);
      if (fs.existsSync(target) && fs.statSync(target).size === o.size) {
        // Restored by an earlier, interrupted run: named only after it verified.
        out.alreadyThere++;
      } else {
        const rel = objectFileName(key, o.sha256);
        const reasons: string[] = [];
        let ok = false;
        for (const m of media) {
          if (!m.index.files[rel]) continue;
          try {
            await restoreObjectFile(m, rel, key, store, o);
            ok = true;
            break;
          } catch (e) {
            reasons.push(`${m.label.mediumId}: ${e instanceof VaultError ? e.text.en : e instanceof Error ? e.message : String(e)}`);
          }
        }
        if (ok) out.restored++;
        else {
          const codes = all<{ code: string }>(db, sql`SELECT DISTINCT r.archival_code AS code FROM records r WHERE r.id IN (SELECT record_id FROM masters WHERE sha256 = ${o.sha256} UNION SELECT record_id FROM pages WHERE image_sha256 = ${o.sha256})`).map((r) => r.code);
          out.missing.push({ sha256: o.sha256, archivalCodes: codes, reasons: reasons.length > 0 ? reasons : ['on none of the given media'] });
        }
      }
      done++;
      options.report?.({ done, total: objects.length, failed: out.missing.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, Math.max(1, objects.length)) }, worker));
  out.missing.sort((a, b) => a.sha256.localeCompare(b.sha256));
  return out;
}

export function auditOf(db: Db, anchor: { seq: number; hash: string }): RestoreReport['audit'] {
  const v: AuditVerifyResult = verifyAuditChain(db, { anchors: [{ ...anchor, source: 'snapshot' }] });
  return { ok: v.ok, rows: v.rows, head: v.head, matchesSnapshot: v.ok && v.head.seq >= anchor.seq, problems: v.problems.map((p) => `${p.code} at ${p.seq}: ${p.detail}`) };
}

/** Phase 3: the key kept locally, vault.json written, the marker removed: the vault exists now. */
export async function finishRestore(to: string, vaultId: string, key: DataKey): Promise<void> {
  await writeLocalKey(to, key);
  await writeVaultFile(to, { format: VAULT_FORMAT, formatVersion: VAULT_FORMAT_VERSION, vaultId, createdAt: new Date().toISOString(), createdBy: 'lantai restore' });
  await fs.promises.rm(path.join(to, RESTORE_MARKER), { force: true });
  await fsyncDir(to);
}

/** Opens the restored catalog (migrating a snapshot of an older schema). */
export function openRestoredCatalog(to: string): Db {
  return openCatalog(path.join(to, 'catalog.sqlite'));
}

/** What a restore drill finds different from the live vault: objects not restored, an audit row that differs. */
export function compareWithLive(live: Db, restored: Db, report: Pick<RestoreReport, 'missing' | 'audit'>): string[] {
  const differences: string[] = [];
  const have = new Set((restored.prepare('SELECT sha256 FROM objects').all() as { sha256: string }[]).map((r) => r.sha256));
  for (const o of live.prepare('SELECT sha256 FROM objects').all() as { sha256: string }[]) {
    if (!have.has(o.sha256)) differences.push(`object ${o.sha256} not in the restored catalog (newer than the snapshot?)`);
  }
  for (const x of report.missing) differences.push(`object ${x.sha256} could not be restored`);
  const row = live.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(report.audit.head.seq) as { hash: string } | undefined;
  if (!row || row.hash !== report.audit.head.hash) differences.push(`audit row ${report.audit.head.seq} differs from the live log`);
  return differences;
}
