import fs from 'node:fs';
import { authorize, failureDetail, recordAudit, wasAudited } from '../auth/authorize.js';
import { isoOf, nowOf, recordTarget, type OperationContext } from '../auth/types.js';
import { getRecord } from '../catalog/records.js';
import { all, get, immediate, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { derivedPath } from '../images/derived-paths.js';
import { forgetMeasures } from '../images/measures-store.js';
import { removeRecord } from '../search/index.js';
import type { Vault } from '../vault/vault.js';
import { appraisalMessages as m } from './messages.js';
import { readRound } from './rounds.js';

/**
 * Carrying out an approved destruction (销毁). First, in one transaction: the destruction
 * register row (销毁清册: each record, its reason, the voters and the approver), the records
 * marked destroyed (their catalog entries stay), their pages, masters, text and index entries
 * removed, the objects no other record uses listed for removal and their copies on backup
 * media listed for erasure. Then the object files go,
 * each ticked off as removed: a crash in between leaves a list that the next run finishes.
 * Nothing is removed without its register row.
 */

export interface DestructionRegister {
  id: number;
  roundId: number;
  roundTitle: string;
  at: string;
  executedBy: string;
  deciders: string[];
  approver: string;
  items: { recordId: number; archivalCode: string; title: string; year: number; retention: string; pageCount: number; reason: string }[];
  objects: { sha256: string; removedAt: string | null }[];
}

export function readRegister(db: Db, id: number): DestructionRegister {
  const r = get<{ id: number; roundId: number; roundTitle: string; at: string; executedBy: string; deciders: string; approver: string }>(db,
    sql`SELECT d.id, d.round_id AS roundId, a.title AS roundTitle, d.at, d.executed_name AS executedBy, d.deciders, d.approver_name AS approver
      FROM destruction_register d JOIN appraisal_rounds a ON a.id = d.round_id WHERE d.id = ${id}`);
  if (!r) throw VaultError.of('REGISTER_NOT_FOUND', m.noRound, { id });
  return {
    ...r, deciders: JSON.parse(r.deciders) as string[],
    items: all(db, sql`SELECT record_id AS recordId, archival_code AS archivalCode, title, year, retention, page_count AS pageCount, reason
      FROM destruction_register_items WHERE register_id = ${id} ORDER BY seq`),
    objects: all(db, sql`SELECT sha256, removed_at AS removedAt FROM destruction_objects WHERE register_id = ${id} ORDER BY sha256`),
  };
}

export function listRegisters(db: Db): { id: number; roundId: number; at: string; records: number }[] {
  return all(db, sql`SELECT id, round_id AS roundId, at, record_count AS records FROM destruction_register ORDER BY id`);
}

/** The objects a set of records uses that no other (not destroyed) record uses. */
function objectsOnlyOf(db: Db, recordIds: readonly number[]): string[] {
  const ids = JSON.stringify(recordIds);
  return all<{ sha256: string }>(db, sql`
    WITH mine AS (
      SELECT image_sha256 AS sha256 FROM pages WHERE record_id IN (SELECT value FROM json_each(${ids}))
      UNION SELECT sha256 FROM masters WHERE record_id IN (SELECT value FROM json_each(${ids})))
    SELECT sha256 FROM mine WHERE sha256 NOT IN (
      SELECT image_sha256 FROM pages WHERE record_id NOT IN (SELECT value FROM json_each(${ids}))
      UNION SELECT sha256 FROM masters WHERE record_id NOT IN (SELECT value FROM json_each(${ids})))`).map((r) => r.sha256);
}

/** Tables with rows per page (page_id REFERENCES pages), emptied of a destroyed record's pages. */
const PAGE_KEYED = ['page_text', 'ocr_queue', 'page_process_metadata', 'qc_page_metrics', 'qc_samples'] as const;

/** Step 1: the register and the catalog side, one transaction. */
function registerAndUnlink(ctx: OperationContext, roundId: number, actor: { userId: number; username: string }): number {
  return immediate(ctx.db, () => {
    const round = readRound(ctx.db, roundId);
    if (round.state !== 'approved') throw VaultError.of('APPRAISAL_STATE', m.roundState, { id: roundId, state: round.state, what: 'destroy' });
    const todo = round.proposals.filter((p) => p.action === 'destroy' && p.appliedAt === null);
    if (todo.length === 0) throw VaultError.of('APPRAISAL_STATE', m.nothingToDestroy, { id: roundId });
    const at = isoOf(nowOf(ctx));
    const deciders = [...new Set(todo.flatMap((p) => p.votes.filter((v) => v.vote === 'agree').map((v) => v.username)))];
    const registerId = Number(ctx.db.prepare(`INSERT INTO destruction_register (round_id, at, executed_by, executed_name, deciders, approver_name, record_count)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(roundId, at, actor.userId, actor.username, JSON.stringify(deciders), round.approvedBy ?? '', todo.length).lastInsertRowid);
    const ids = todo.map((p) => p.recordId);
    const objects = objectsOnlyOf(ctx.db, ids);
    const item = ctx.db.prepare(`INSERT INTO destruction_register_items (register_id, seq, record_id, archival_code, title, year, retention, page_count, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    todo.forEach((p, i) => {
      const r = getRecord(ctx.db, p.recordId)!;
      item.run(registerId, i + 1, r.id, r.archivalCode, r.title, r.year, r.appraisedRetention ?? r.retention, r.pageCount, p.reason);
    });
    const obj = ctx.db.prepare('INSERT INTO destruction_objects (register_id, sha256) VALUES (?, ?)');
    for (const sha of objects) obj.run(registerId, sha);
    // Every copy of those objects on a backup medium is listed for the backup officer to erase
    // there (media_erasures; cleared when they confirm it, native/media/erasures.ts).
    ctx.db.prepare(`INSERT OR IGNORE INTO media_erasures (medium_id, sha256, file, register_id, marked_at)
      SELECT medium_id, sha256, file, ?, ? FROM media_objects WHERE sha256 IN (SELECT value FROM json_each(?))`).run(registerId, at, JSON.stringify(objects));
    for (const p of todo) {
      const id = p.recordId;
      removeRecord(ctx.db, id);
      // Everything kept per page goes with the pages: OCR text and queue, and a digitization
      // project's process metadata, QC measures, sample judgements and re-scan notes (the batch
      // keeps its report and its other records' rows).
      for (const table of PAGE_KEYED) ctx.db.prepare(`DELETE FROM ${table} WHERE page_id IN (SELECT id FROM pages WHERE record_id = ?)`).run(id);
      for (const table of ['qc_findings', 'page_replacements', 'record_suggestions']) ctx.db.prepare(`DELETE FROM ${table} WHERE record_id = ?`).run(id);
      ctx.db.prepare('DELETE FROM pages WHERE record_id = ?').run(id);
      ctx.db.prepare('DELETE FROM masters WHERE record_id = ?').run(id);
      ctx.db.prepare("UPDATE records SET disposal = 'destroyed', disposed_at = ?, updated_at = ? WHERE id = ?").run(at, at, id);
      ctx.db.prepare('UPDATE appraisal_proposals SET applied_at = ? WHERE id = ?').run(at, p.id);
      recordAudit(ctx, 'destroy_records', recordTarget(id), 'ok', { op: 'destroy', registerId, roundId, archivalCode: p.archivalCode, reason: p.reason, deciders, approver: round.approvedBy });
    }
    const del = ctx.db.prepare('DELETE FROM objects WHERE sha256 = ?');
    for (const sha of objects) del.run(sha);
    // The measures kept for machine QC hold a 32×32 grey print of the page: they go with it.
    forgetMeasures(ctx.db, objects);
    if (round.proposals.every((p) => p.action !== 'destroy' || todo.some((t) => t.id === p.id) || p.appliedAt !== null)) {
      ctx.db.prepare("UPDATE appraisal_rounds SET state = 'executed' WHERE id = ?").run(roundId);
    }
    return registerId;
  });
}

/** Step 2: removes the files listed and not yet removed (also what a crashed run left). */
export async function removePendingObjects(vault: Vault, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<number> {
  const pending = all<{ registerId: number; sha256: string }>(vault.db, sql`SELECT register_id AS registerId, sha256 FROM destruction_objects WHERE removed_at IS NULL`);
  const tick = vault.db.prepare('UPDATE destruction_objects SET removed_at = ? WHERE register_id = ? AND sha256 = ?');
  let done = 0;
  for (const p of pending) {
    signal?.throwIfAborted();
    // An object ingested again since (same bytes, a new record) is no longer ours to remove.
    const back = get(vault.db, sql`SELECT 1 FROM objects WHERE sha256 = ${p.sha256}`);
    if (!back) {
      await fs.promises.rm(vault.store.pathOf(p.sha256), { force: true });
      for (const kind of ['thumb.jpg', 'norm.png'] as const) await fs.promises.rm(derivedPath(vault, p.sha256, kind), { force: true });
    }
    tick.run(new Date().toISOString(), p.registerId, p.sha256);
    onProgress?.(++done, pending.length);
  }
  return done;
}

/** Carries out the approved destructions of a round; returns the register. */
export async function destroyRound(ctx: OperationContext, vault: Vault, roundId: number, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<DestructionRegister> {
  const target = { type: 'appraisal_round', id: roundId };
  const actor = authorize(ctx, 'destroy_records', target);
  try {
    // Whatever a crashed run left listed goes first, so running destroy again finishes it.
    let removed = await removePendingObjects(vault, onProgress, signal);
    let registerId: number;
    try {
      registerId = registerAndUnlink(ctx, roundId, actor);
    } catch (e) {
      // Run again after a crash between the register and the files: the register stands, finished now.
      const last = get<{ id: number }>(ctx.db, sql`SELECT max(id) AS id FROM destruction_register WHERE round_id = ${roundId}`);
      if (!(e instanceof VaultError && e.code === 'APPRAISAL_STATE' && last?.id)) throw e;
      registerId = last.id;
    }
    removed += await removePendingObjects(vault, onProgress, signal);
    const register = readRegister(ctx.db, registerId);
    recordAudit(ctx, 'destroy_records', target, 'ok', { registerId, records: register.items.map((i) => i.archivalCode), objectsRemoved: removed });
    return register;
  } catch (e) {
    if (!wasAudited(e)) recordAudit(ctx, 'destroy_records', target, 'failed', failureDetail(e));
    throw e;
  }
}
