import { immediate, type Db } from '../db/database.js';

/**
 * Claims are written (and committed) BEFORE the objects they name are written, so that after a
 * crash every object on disk is either referenced by the catalog or claimed by an unfinished
 * job item: nothing is an unexplained orphan, and a resume reuses what was already stored.
 */
export function claimObjects(db: Db, jobItemId: number, digests: Iterable<string>): void {
  const insert = db.prepare('INSERT OR IGNORE INTO object_claims (job_item_id, sha256) VALUES (?, ?)');
  immediate(db, () => {
    for (const d of digests) insert.run(jobItemId, d);
    db.prepare(`UPDATE job_items SET status = 'staged' WHERE id = ? AND status = 'pending'`).run(jobItemId);
  });
}

export function claimedBy(db: Db, jobItemId: number): string[] {
  return (db.prepare('SELECT sha256 FROM object_claims WHERE job_item_id = ?').all(jobItemId) as { sha256: string }[]).map((r) => r.sha256);
}

/** Claims are released inside the same transaction that references the objects (or rolls them back). */
export function releaseClaims(db: Db, jobItemId: number): void {
  db.prepare('DELETE FROM object_claims WHERE job_item_id = ?').run(jobItemId);
}

/** True when an object is referenced by the catalog or claimed by a job item that is not finished. */
export function isObjectInUse(db: Db, sha256: string): boolean {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM masters WHERE sha256 = @sha)
           OR EXISTS (SELECT 1 FROM pages WHERE image_sha256 = @sha)
           OR EXISTS (SELECT 1 FROM object_claims c JOIN job_items i ON i.id = c.job_item_id
                      WHERE c.sha256 = @sha AND i.status IN ('pending', 'staged')) AS used`,
    )
    .get({ sha: sha256 }) as { used: number };
  return row.used === 1;
}
