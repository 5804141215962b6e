import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { mediaMessages } from './messages.js';
import { DEFAULT_LIFE_YEARS } from './settings.js';
import { isMediaType, type MediaType, type MediumRow, type MediumState, type NewMedium } from './types.js';

/** The registry of media (载体登记): the SQL of the media table and the transport log. */

const COLUMNS = sql`id, type, label, brand, batch, capacity_bytes AS capacityBytes, written_at AS writtenAt, expected_life_years AS expectedLifeYears,
  site, custodian, state, mount_path AS mountPath, early_check AS earlyCheck, early_check_reason AS earlyCheckReason,
  last_verified_at AS lastVerifiedAt, last_full_verified_at AS lastFullVerifiedAt, smart, created_at AS createdAt, retired_at AS retiredAt`;

/** Capacity of write-once optical discs when the registration does not say (single layer). */
export const OPTICAL_CAPACITY: Partial<Record<MediaType, number>> = { cd_r: 700 * 1024 * 1024, dvd_r: 4_700_000_000, bd_r: 25_025_314_816 };

const ID_PREFIX: Record<MediaType, string> = { cd_r: 'CD', dvd_r: 'DVD', bd_r: 'BD', hdd: 'HDD', ssd: 'SSD', usb: 'USB', lto: 'LTO' };

function fix(r: MediumRow): MediumRow {
  // SQLite has no booleans: the column holds 0 or 1.
  return { ...r, earlyCheck: (r.earlyCheck as unknown) === 1 || r.earlyCheck === true };
}

export function getMedium(db: Db, id: string): MediumRow | undefined {
  const r = get<MediumRow>(db, sql`SELECT ${COLUMNS} FROM media WHERE id = ${id}`);
  return r ? fix(r) : undefined;
}

export function requireMedium(db: Db, id: string): MediumRow {
  const m = getMedium(db, id);
  if (!m) throw VaultError.of('MEDIUM_NOT_FOUND', mediaMessages.notFound, { id });
  return m;
}

export function listMedia(db: Db, options: { includeRetired?: boolean } = {}): MediumRow[] {
  const filter = options.includeRetired ? sql`1` : sql`state <> 'retired'`;
  return all<MediumRow>(db, sql`SELECT ${COLUMNS} FROM media WHERE ${filter} ORDER BY id`).map(fix);
}

function invalid(field: string, reason: string): VaultError {
  return VaultError.of('MEDIUM_INVALID', mediaMessages.invalid, { field, reason });
}

/** The next free id of the form HDD-2026-0001. */
function nextId(db: Db, type: MediaType, now: Date): string {
  const prefix = `${ID_PREFIX[type]}-${now.getFullYear()}-`;
  const row = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM media WHERE id LIKE ${`${prefix}%`}`)!;
  for (let n = row.n + 1; ; n++) {
    const id = `${prefix}${String(n).padStart(4, '0')}`;
    if (!getMedium(db, id)) return id;
  }
}

/** Checks a registration and fills its defaults; the row is inserted by insertMedium. */
export function planMedium(db: Db, input: NewMedium, now: Date): Required<Omit<NewMedium, 'mountPath'>> & { mountPath: string | null } {
  if (!isMediaType(input.type)) throw invalid('type', `must be one of cd_r, dvd_r, bd_r, hdd, ssd, usb, lto (got "${String(input.type)}")`);
  const site = (input.site ?? '').trim();
  if (site === '' || site.length > 200) throw invalid('site', 'is required (≤ 200 characters)');
  const id = (input.id ?? '').trim() || nextId(db, input.type, now);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id)) throw invalid('id', 'may hold letters, digits, . _ - (≤ 64)');
  if (getMedium(db, id)) throw VaultError.of('MEDIUM_EXISTS', mediaMessages.exists, { id });
  const capacity = input.capacityBytes ?? OPTICAL_CAPACITY[input.type];
  if (capacity === undefined || !Number.isSafeInteger(capacity) || capacity <= 0) throw invalid('capacity', 'is required for this type (bytes, or e.g. 2TB)');
  const life = input.expectedLifeYears ?? DEFAULT_LIFE_YEARS[input.type];
  if (!Number.isInteger(life) || life < 1 || life > 100) throw invalid('expectedLifeYears', 'must be 1–100');
  const label = (input.label ?? '').trim() || id;
  for (const [k, v] of [['label', label], ['brand', input.brand ?? ''], ['batch', input.batch ?? ''], ['custodian', input.custodian ?? '']] as const) {
    if (v.length > 200 || /[\u0000-\u001f]/.test(v)) throw invalid(k, 'must be one line of ≤ 200 characters');
  }
  return {
    id, type: input.type, label, brand: (input.brand ?? '').trim(), batch: (input.batch ?? '').trim(), capacityBytes: capacity,
    expectedLifeYears: life, site, custodian: (input.custodian ?? '').trim(), mountPath: input.mountPath ?? null,
  };
}

export function insertMedium(db: Db, m: ReturnType<typeof planMedium>, createdBy: number, at: string): void {
  db.prepare(`INSERT INTO media (id, type, label, brand, batch, capacity_bytes, expected_life_years, site, custodian, mount_path, created_at, created_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(m.id, m.type, m.label, m.brand, m.batch, m.capacityBytes, m.expectedLifeYears, m.site, m.custodian, m.mountPath, at, createdBy);
}

export function setMountPath(db: Db, id: string, mountPath: string): void {
  db.prepare('UPDATE media SET mount_path = ? WHERE id = ?').run(mountPath, id);
}

export function setMediumState(db: Db, id: string, state: MediumState, at?: string): void {
  db.prepare('UPDATE media SET state = ?, retired_at = CASE WHEN ? = \'retired\' THEN ? ELSE retired_at END WHERE id = ?').run(state, state, at ?? null, id);
}

export function setSite(db: Db, id: string, site: string): void {
  db.prepare('UPDATE media SET site = ? WHERE id = ?').run(site, id);
}

export function markWritten(db: Db, id: string, at: string): void {
  db.prepare('UPDATE media SET written_at = ? WHERE id = ?').run(at, id);
}

export function markVerified(db: Db, id: string, at: string, full: boolean): void {
  db.prepare(`UPDATE media SET last_verified_at = ?, last_full_verified_at = CASE WHEN ? THEN ? ELSE last_full_verified_at END,
    early_check = CASE WHEN ? THEN 0 ELSE early_check END, early_check_reason = CASE WHEN ? THEN '' ELSE early_check_reason END WHERE id = ?`)
    .run(at, full ? 1 : 0, at, full ? 1 : 0, full ? 1 : 0, id);
}

export function setSmart(db: Db, id: string, smart: string): void {
  db.prepare('UPDATE media SET smart = ? WHERE id = ?').run(smart, id);
}

/** Flags every other live medium of the same brand and batch for an early check; returns their ids. */
export function flagBatch(db: Db, failed: MediumRow, reason: string): string[] {
  if (failed.brand === '' && failed.batch === '') return [];
  const ids = all<{ id: string }>(db, sql`SELECT id FROM media WHERE brand = ${failed.brand} AND batch = ${failed.batch} AND id <> ${failed.id} AND state <> 'retired'`).map((r) => r.id);
  const upd = db.prepare('UPDATE media SET early_check = 1, early_check_reason = ? WHERE id = ?');
  for (const id of ids) upd.run(reason, id);
  return ids;
}

export interface TransportEntry {
  id: number;
  mediumId: string;
  direction: 'out' | 'in';
  at: string;
  fromSite: string;
  toSite: string;
  courier: string;
  count: number;
  byUser: number;
  note: string;
}

export function insertTransport(db: Db, e: Omit<TransportEntry, 'id'>): number {
  return Number(db.prepare('INSERT INTO media_transport (medium_id, direction, at, from_site, to_site, courier, count, by_user, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.mediumId, e.direction, e.at, e.fromSite, e.toSite, e.courier, e.count, e.byUser, e.note).lastInsertRowid);
}

export function transportLog(db: Db, mediumId?: string): TransportEntry[] {
  const filter = mediumId === undefined ? sql`1` : sql`medium_id = ${mediumId}`;
  return all<TransportEntry>(db, sql`SELECT id, medium_id AS mediumId, direction, at, from_site AS fromSite, to_site AS toSite, courier, count, by_user AS byUser, note
    FROM media_transport WHERE ${filter} ORDER BY id`);
}

export function insertDisposal(db: Db, d: { mediumId: string; at: string; byUser: number; reason: string; migratedTo: string | null; keepUntil: string }): void {
  db.prepare('INSERT INTO media_disposals (medium_id, at, by_user, reason, migrated_to, keep_until) VALUES (?, ?, ?, ?, ?, ?)').run(d.mediumId, d.at, d.byUser, d.reason, d.migratedTo, d.keepUntil);
}

export function disposalOf(db: Db, mediumId: string): { at: string; reason: string; migratedTo: string | null; keepUntil: string } | undefined {
  return get(db, sql`SELECT at, reason, migrated_to AS migratedTo, keep_until AS keepUntil FROM media_disposals WHERE medium_id = ${mediumId}`);
}
