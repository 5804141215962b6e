import fs from 'node:fs';
import path from 'node:path';
import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { dataDir, readIndex, writeIndex } from './layout.js';
import type { MediumRow } from './types.js';

/**
 * Copies on media of destroyed objects (销毁: the copies go too). A destruction lists every
 * copy (appraisal/destroy.ts); the backup officer erases them on the medium and confirms per
 * medium. A confirmation is accepted only once that medium carries a catalog snapshot written
 * after the destruction: a restore takes the newest snapshot of the media it is given, so a
 * medium whose newest snapshot still lists the destroyed record would bring it back. On a
 * rewritable medium (disk, flash) the files themselves are deleted and its index rewritten
 * without them, so its verification does not miss them; a write-once disc cannot be changed:
 * the officer's note says how it was dealt with (destroyed and re-burned).
 */
export interface MediaErasure {
  mediumId: string;
  sha256: string;
  file: string;
  registerId: number;
  markedAt: string;
  erasedAt: string | null;
  /** The 档号 of the destroyed records that used the object (from the destruction register). */
  archivalCodes: string[];
  /** When the medium's newest catalog snapshot was written (null: none). */
  newestSnapshotAt: string | null;
  /**
   * Whether that snapshot is newer than every destruction still waiting on the medium, so a
   * confirmation is accepted (see erasable()); otherwise back up to the medium first.
   */
  snapshotAfter: boolean;
}

export function listErasures(db: Db, request: { mediumId?: string; all?: boolean } = {}): MediaErasure[] {
  const rows = all<Omit<MediaErasure, 'archivalCodes' | 'snapshotAfter'> & { codes: string | null; pendingUntil: string | null }>(db, sql`
    SELECT e.medium_id AS mediumId, e.sha256, e.file, e.register_id AS registerId, e.marked_at AS markedAt, e.erased_at AS erasedAt,
      (SELECT json_group_array(i.archival_code) FROM destruction_register_items i WHERE i.register_id = e.register_id) AS codes,
      (SELECT max(s.written_at) FROM media_snapshots s WHERE s.medium_id = e.medium_id) AS newestSnapshotAt,
      (SELECT max(p.marked_at) FROM media_erasures p WHERE p.medium_id = e.medium_id AND p.erased_at IS NULL) AS pendingUntil
    FROM media_erasures e
    WHERE (${request.mediumId ?? null} IS NULL OR e.medium_id = ${request.mediumId ?? null}) AND (${request.all ? 1 : 0} = 1 OR e.erased_at IS NULL)
    ORDER BY e.medium_id, e.file`);
  return rows.map(({ codes, pendingUntil, ...r }) => ({
    ...r,
    archivalCodes: codes ? (JSON.parse(codes) as string[]) : [],
    snapshotAfter: r.newestSnapshotAt !== null && (pendingUntil === null || r.newestSnapshotAt > pendingUntil),
  }));
}

const WRITE_ONCE: readonly MediumRow['type'][] = ['cd_r', 'dvd_r', 'bd_r'];

/** The pending copies of a medium, refused while the medium could still restore them (see above). */
export function erasable(db: Db, mediumId: string): MediaErasure[] {
  const live = new Set(all<{ sha256: string }>(db, sql`SELECT e.sha256 FROM media_erasures e JOIN objects o ON o.sha256 = e.sha256 WHERE e.medium_id = ${mediumId} AND e.erased_at IS NULL`).map((r) => r.sha256));
  const pending = listErasures(db, { mediumId }).filter((e) => !live.has(e.sha256));
  if (pending.length === 0 && live.size === 0) throw VaultError.of('MEDIUM_INVALID', { zh: '载体 {id} 上没有待清除的副本。', en: 'Medium {id} has no copies waiting for erasure.' }, { id: mediumId });
  if (pending.length === 0) return pending;
  const latest = pending.reduce((m, e) => (e.markedAt > m ? e.markedAt : m), '');
  const fresh = all(db, sql`SELECT 1 FROM media_snapshots WHERE medium_id = ${mediumId} AND written_at > ${latest} LIMIT 1`);
  if (fresh.length === 0) {
    throw VaultError.of('MEDIUM_INVALID', {
      zh: '载体 {id} 上还没有销毁（{at}）之后写入的目录快照：先对它做一次备份，再确认清除，否则从它恢复会找回已销毁的档案。',
      en: 'Medium {id} holds no catalog snapshot written after the destruction ({at}): back up to it once, then confirm the erasure, or a restore from it would bring the destroyed records back.',
    }, { id: mediumId, at: latest });
  }
  return pending;
}

/**
 * Deletes the copies' files from a mounted rewritable medium and drops them from its index
 * (idempotent: a confirmation interrupted after this step runs it again harmlessly).
 * Returns whether the medium could be changed.
 */
export async function eraseOnMedium(medium: MediumRow, root: string, copies: readonly MediaErasure[]): Promise<boolean> {
  if (WRITE_ONCE.includes(medium.type)) return false;
  for (const c of copies) await fs.promises.rm(path.join(dataDir(root), c.file), { force: true });
  const index = await readIndex(root);
  if (index && copies.some((c) => index.files[c.file])) {
    for (const c of copies) delete index.files[c.file];
    await writeIndex(root, index);
  }
  return true;
}

/** Records that every pending copy on the medium was erased; returns them. One transaction. */
export function confirmErasure(db: Db, mediumId: string, userId: number, at: string, note: string): MediaErasure[] {
  return db.transaction(() => {
    const pending = erasable(db, mediumId);
    const done = db.prepare('UPDATE media_erasures SET erased_at = ?, erased_by = ?, note = ? WHERE medium_id = ? AND sha256 = ? AND erased_at IS NULL');
    const gone = db.prepare('DELETE FROM media_objects WHERE medium_id = ? AND sha256 = ?');
    for (const e of pending) {
      done.run(at, userId, note, mediumId, e.sha256);
      gone.run(mediumId, e.sha256);
    }
    // Objects ingested again since (same bytes, a new record) are no longer the destruction's:
    // their copies stay, and their rows are closed as kept.
    db.prepare(`UPDATE media_erasures SET erased_at = ?, erased_by = ?, note = 'kept: ingested again' WHERE medium_id = ? AND erased_at IS NULL`).run(at, userId, mediumId);
    return pending.map((e) => ({ ...e, erasedAt: at }));
  })();
}
