import fs from 'node:fs';
import { formatArchivalCode, parseArchivalCode } from '../catalog/archival-code.js';
import { codeOptions } from '../catalog/settings.js';
import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { digestFile } from '../hash/digests.js';
import { msg, type Message } from '../i18n/messages.js';
import { markDeadJobsInterrupted } from '../jobs/job-store.js';
import type { Vault } from '../vault/vault.js';
import { checkMessages as m } from './messages.js';
import type { CheckProblem, CheckReport, Severity } from './types.js';
import { indexStatus, reindexAll } from '../search/index.js';
import { checkDerived } from './derived.js';

export interface CheckOptions {
  /** Skip re-hashing object contents (sizes and presence are still checked) and decoding derived images. */
  quick?: boolean;
  /**
   * Rebuild what is derived and found wanting (damaged thumbnails and normalized images from
   * their masters, a stale search index) and drop derived leftovers. Masters are only read.
   */
  repair?: boolean;
  signal?: AbortSignal;
  /** The job this check runs as: not reported as unfinished work. */
  ownJobId?: number;
  onProgress?: (p: { done: number; total: number; message: string }) => void;
}

function problem(code: string, severity: Severity, message: Message, details: Record<string, unknown>): CheckProblem {
  return { code, severity, message, details };
}

/** Catalog structure: SQLite's own checks, then the rules of the catalog. Cheap before expensive. */
function checkCatalog(db: Db, out: CheckProblem[]): void {
  const integrity = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  for (const row of integrity) {
    if (row.quick_check !== 'ok') out.push(problem('DB_INTEGRITY', 'error', msg(m.dbCheck, { detail: row.quick_check }), { detail: row.quick_check }));
  }
  for (const fk of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
    out.push(problem('DB_FOREIGN_KEY', 'error', msg(m.foreignKey, fk), fk));
  }

  const opts = codeOptions(db);
  const records = all<{ id: number; code: string; fonds: string; category: string; year: number; retention: 'Y' | 'D30' | 'D10'; org: string; item: number; pageCount: number; pages: number; minPage: number | null; maxPage: number | null; masters: number; noPages: number }>(
    db,
    sql`SELECT r.id, r.archival_code AS code, r.fonds_code AS fonds, r.category_code AS category, r.year, r.retention, r.org_unit AS org,
          r.item_number AS item, r.page_count AS pageCount,
          (SELECT count(*) FROM pages p WHERE p.record_id = r.id) AS pages,
          (SELECT min(page_no) FROM pages p WHERE p.record_id = r.id) AS minPage,
          (SELECT max(page_no) FROM pages p WHERE p.record_id = r.id) AS maxPage,
          (SELECT count(*) FROM masters x WHERE x.record_id = r.id) AS masters,
          -- A destroyed record keeps its entry without objects; an imported one waits for its scans.
          (r.disposal = 'destroyed' OR r.scan_status = 'awaiting') AS noPages
        FROM records r ORDER BY r.id`,
  );
  for (const r of records) {
    if (r.noPages === 1 && r.pages === 0 && r.masters === 0) {
      // Only the 档号 checks below apply to a catalog entry with no objects by design.
    } else if (r.pages !== r.pageCount) out.push(problem('PAGE_COUNT', 'error', msg(m.pageCount, { code: r.code, expected: r.pageCount, found: r.pages }), { recordId: r.id }));
    if (r.pages > 0 && (r.minPage !== 1 || r.maxPage !== r.pages)) {
      out.push(problem('PAGE_SEQUENCE', 'error', msg(m.pageSequence, { code: r.code, pages: `${r.minPage}..${r.maxPage}/${r.pages}` }), { recordId: r.id }));
    }
    if (r.masters === 0 && r.noPages !== 1) out.push(problem('NO_MASTER', 'error', msg(m.noMaster, { code: r.code }), { recordId: r.id }));
    const parts = { fondsCode: r.fonds, categoryCode: r.category, year: r.year, retention: r.retention, orgUnit: r.org, itemNumber: r.item };
    try {
      const parsed = parseArchivalCode(r.code);
      const same = Object.entries(parts).every(([k, v]) => parsed[k as keyof typeof parsed] === v);
      if (!same) out.push(problem('CODE_MISMATCH', 'error', msg(m.codeMismatch, { code: r.code, expected: formatArchivalCode(parts, opts) }), { recordId: r.id }));
    } catch (e) {
      out.push(problem('CODE_INVALID', 'error', msg(m.codeInvalid, { code: r.code, reason: e instanceof Error ? e.message : String(e) }), { recordId: r.id }));
    }
  }

  // Item-number continuity inside each class (DA/T 22): 1..max with nothing missing.
  const classes = all<{ fonds: string; category: string; year: number; retention: string; org: string; n: number; max: number }>(
    db,
    sql`SELECT fonds_code AS fonds, category_code AS category, year, retention, org_unit AS org, count(*) AS n, max(item_number) AS max
        FROM records GROUP BY 1, 2, 3, 4, 5`,
  );
  for (const c of classes) {
    if (c.n === c.max) continue;
    const present = new Set(
      (db.prepare('SELECT item_number AS i FROM records WHERE fonds_code=? AND category_code=? AND year=? AND retention=? AND org_unit=?')
        .all(c.fonds, c.category, c.year, c.retention, c.org) as { i: number }[]).map((r) => r.i),
    );
    const missing: number[] = [];
    for (let i = 1; i <= c.max && missing.length < 50; i++) if (!present.has(i)) missing.push(i);
    const klass = [c.fonds, c.category, c.year, c.retention, c.org].filter((x) => x !== '').join('-');
    out.push(problem('ITEM_GAP', 'error', msg(m.itemGap, { klass, missing: missing.join(', ') }), { class: klass, missing }));
  }

  for (const d of all<{ codes: string }>(
    db,
    sql`SELECT group_concat(archival_code, ', ') AS codes FROM records WHERE doc_number <> '' GROUP BY doc_number, title HAVING count(*) > 1`,
  )) {
    out.push(problem('LIKELY_DUPLICATE', 'warning', msg(m.likelyDuplicate, { codes: d.codes }), { codes: d.codes.split(', ') }));
  }
}

/**
 * Verifies the whole vault: catalog ↔ objects both ways, sizes and both digests of every
 * object, catalog rules. Returns every problem found (it does not stop at the first).
 */
export async function checkVault(vault: Vault, options: CheckOptions = {}): Promise<CheckReport> {
  const db = vault.db;
  const problems: CheckProblem[] = [];
  markDeadJobsInterrupted(db);
  const removedTemp = await vault.store.clearTemp();
  if (removedTemp > 0) problems.push(problem('TEMP_REMOVED', 'info', msg(m.tempLeft, { count: removedTemp }), { count: removedTemp }));

  checkCatalog(db, problems);

  const objects = all<{ sha256: string; sm3: string; size: number; used: number }>(
    db,
    sql`SELECT o.sha256, o.sm3, o.size,
          (EXISTS (SELECT 1 FROM masters WHERE sha256 = o.sha256) OR EXISTS (SELECT 1 FROM pages WHERE image_sha256 = o.sha256)) AS used
        FROM objects o ORDER BY o.sha256`,
  );
  const claimed = new Set(
    all<{ sha256: string }>(
      db,
      sql`SELECT DISTINCT c.sha256 FROM object_claims c JOIN job_items i ON i.id = c.job_item_id WHERE i.status IN ('pending', 'staged')`,
    ).map((r) => r.sha256),
  );
  const known = new Set(objects.map((o) => o.sha256));
  let bytesVerified = 0;
  let done = 0;
  const badMasters = new Set<string>();
  for (const o of objects) {
    options.signal?.throwIfAborted();
    const file = vault.store.pathOf(o.sha256);
    if (!o.used) problems.push(problem('UNREFERENCED_OBJECT_ROW', 'warning', msg(m.unreferencedRow, { sha256: o.sha256 }), { sha256: o.sha256 }));
    let size: number;
    try {
      size = (await fs.promises.stat(file)).size;
    } catch {
      badMasters.add(o.sha256);
      problems.push(problem('OBJECT_MISSING', 'error', msg(m.objectMissing, { sha256: o.sha256, use: o.used ? 'record' : 'unreferenced' }), { sha256: o.sha256, path: file }));
      continue;
    }
    if (size !== o.size) {
      badMasters.add(o.sha256);
      problems.push(problem('OBJECT_SIZE', 'error', msg(m.objectSize, { sha256: o.sha256, found: size, expected: o.size }), { sha256: o.sha256, path: file, expected: o.size, found: size }));
      continue;
    }
    if (!options.quick) {
      const d = await digestFile(file);
      bytesVerified += d.size;
      if (d.sha256 !== o.sha256 || d.sm3 !== o.sm3) badMasters.add(o.sha256);
      if (d.sha256 !== o.sha256) {
        problems.push(problem('DIGEST_MISMATCH', 'error', msg(m.digestMismatch, { path: file, algorithm: 'SHA-256', expected: o.sha256, found: d.sha256 }), { path: file, algorithm: 'sha256', expected: o.sha256, found: d.sha256 }));
      } else if (d.sm3 !== o.sm3) {
        problems.push(problem('DIGEST_MISMATCH', 'error', msg(m.digestMismatch, { path: file, algorithm: 'SM3', expected: o.sm3, found: d.sm3 }), { path: file, algorithm: 'sm3', expected: o.sm3, found: d.sm3 }));
      }
    }
    done++;
    options.onProgress?.({ done, total: objects.length, message: o.sha256 });
  }

  // derived/: after the objects, so nothing is rebuilt from a master that failed its own check.
  await checkDerived(vault, { quick: options.quick === true, repair: options.repair === true, badMasters, ...(options.signal ? { signal: options.signal } : {}) }, problems);

  // Files on disk that the catalog does not know: orphans, unless an unfinished job claims them.
  for await (const sha of vault.store.list()) {
    if (!known.has(sha) && !claimed.has(sha)) {
      problems.push(problem('ORPHAN_OBJECT', 'error', msg(m.orphanObject, { sha256: sha }), { sha256: sha, path: vault.store.pathOf(sha) }));
    }
  }

  for (const j of all<{ id: number; kind: string; status: string }>(db, sql`SELECT id, kind, status FROM jobs WHERE status IN ('queued', 'running', 'interrupted') AND id <> ${options.ownJobId ?? -1}`)) {
    problems.push(problem('UNFINISHED_JOB', 'info', msg(m.unfinishedJob, { jobId: j.id, kind: j.kind, status: j.status }), { jobId: j.id, kind: j.kind, status: j.status }));
  }

  // The search index is rebuildable, so a gap is a warning with its fix, not an error.
  let index = indexStatus(db);
  const stale = () => !index.current || index.recordsIndexed < index.records || index.pagesIndexed < index.pagesWithText;
  if (stale() && options.repair) {
    const r = reindexAll(db);
    problems.push(problem('SEARCH_INDEX_REBUILT', 'info', msg(m.searchIndexRebuilt, r), { records: r.records, pages: r.pages }));
    index = indexStatus(db);
  }
  if (stale()) {
    const details = { records: index.records, recordsIndexed: index.recordsIndexed, pagesWithText: index.pagesWithText, pagesIndexed: index.pagesIndexed, current: index.current };
    problems.push(problem('SEARCH_INDEX_STALE', 'warning', msg(m.searchIndexStale, details), details));
  }

  const counts = db.prepare('SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM pages) AS pages').get() as { records: number; pages: number };
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    records: counts.records,
    pages: counts.pages,
    objects: objects.length,
    bytesVerified,
    problems,
  };
}
