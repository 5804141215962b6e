import { all, get, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { VaultError } from '../errors.js';
import { badInput } from './bad-input.js';
import { digitizationMessages as m } from './messages.js';
import { DEVICE_KINDS, type DeviceRow, type NewDevice } from './types.js';

/**
 * The register of every removable medium and device used at the scanning site (档案数字化外包
 * 安全管理规范): what it is, who holds it, each use, and its return or wiping at the end. A
 * project closes only when every entry is returned or wiped.
 */

const bad = badInput;

export function insertDevice(db: Db, projectId: number, d: NewDevice, byAccount: number, at: string): number {
  if (!(DEVICE_KINDS as readonly string[]).includes(d.kind)) bad('kind', d.kind, `可用：${DEVICE_KINDS.join('、')}`, `use ${DEVICE_KINDS.join(', ')}`);
  if (!d.label.trim()) bad('label', '', '须写明设备或载体编号', 'names the device or medium');
  if (!d.holder.trim()) bad('holder', '', '须写明保管人', 'names who holds it');
  if (get(db, sql`SELECT 1 AS x FROM site_devices WHERE project_id = ${projectId} AND label = ${d.label.trim()}`)) bad('label', d.label, '本项目中已登记', 'is already registered in this project');
  return Number(
    db
      .prepare('INSERT INTO site_devices (project_id, kind, label, serial, description, holder, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(projectId, d.kind, d.label.trim(), (d.serial ?? '').trim(), (d.description ?? '').trim(), d.holder.trim(), at, byAccount).lastInsertRowid,
  );
}

const COLUMNS = sql`id, project_id AS projectId, kind, label, serial, description, holder, state, registered_at AS registeredAt, ended_at AS endedAt, end_note AS endNote`;

function withUses(db: Db, d: Omit<DeviceRow, 'uses'>): DeviceRow {
  return { ...d, uses: all(db, sql`SELECT at, holder, purpose FROM site_device_uses WHERE device_id = ${d.id} ORDER BY id`) };
}

export function getDevice(db: Db, id: number): DeviceRow {
  const d = get<Omit<DeviceRow, 'uses'>>(db, sql`SELECT ${COLUMNS} FROM site_devices WHERE id = ${id}`);
  if (!d) throw VaultError.of('DIGITIZATION_DEVICE_NOT_FOUND', m.deviceNotFound, { id });
  return withUses(db, d);
}

export function listDevices(db: Db, projectId: number): DeviceRow[] {
  return all<Omit<DeviceRow, 'uses'>>(db, sql`SELECT ${COLUMNS} FROM site_devices WHERE project_id = ${projectId} ORDER BY id`).map((d) => withUses(db, d));
}

function requireInUse(d: DeviceRow): void {
  if (d.state !== 'in_use') {
    const zh = d.state === 'wiped' ? '清除' : '归还';
    throw VaultError.of('DIGITIZATION_DEVICE_ENDED', m.deviceEnded, { label: d.label, stateZh: zh, stateEn: d.state });
  }
}

export function recordUse(db: Db, d: DeviceRow, use: { holder?: string; purpose: string }, byAccount: number, at: string): void {
  requireInUse(d);
  if (!use.purpose.trim()) bad('purpose', '', '须写明用途', 'says what it was used for');
  const holder = (use.holder ?? d.holder).trim();
  db.prepare('INSERT INTO site_device_uses (device_id, at, holder, purpose, by_account) VALUES (?, ?, ?, ?, ?)').run(d.id, at, holder, use.purpose.trim(), byAccount);
  if (holder !== d.holder) db.prepare('UPDATE site_devices SET holder = ? WHERE id = ?').run(holder, d.id);
}

export function endDevice(db: Db, d: DeviceRow, state: 'returned' | 'wiped', note: string, byAccount: number, at: string): void {
  requireInUse(d);
  if (state === 'wiped' && !note.trim()) bad('note', '', '清除须写明方法（如全盘覆写、消磁、物理销毁）', 'wiping says how (overwrite, degauss, destroy)');
  db.prepare('UPDATE site_devices SET state = ?, ended_at = ?, ended_by = ?, end_note = ? WHERE id = ?').run(state, at, byAccount, note.trim(), d.id);
}

export function outstandingDevices(db: Db, projectId: number): { label: string }[] {
  return all(db, sql`SELECT label FROM site_devices WHERE project_id = ${projectId} AND state = 'in_use' ORDER BY id`);
}
