import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import type { PageProcessMetadata } from './types.js';

/**
 * Per-image process metadata (DA/T 31: capture form, device, software, resolution, colour
 * mode, compression, date, operator): resolution, colour mode and compression are read from
 * the stored image by ingest; the rest is what the scanning run says.
 */
export interface CaptureFacts {
  deviceId: string;
  software: string;
  operator: string;
  accountId: number;
  capturedAt: string;
  captureForm?: string;
}

/** Writes (or rewrites, after a re-scan) the metadata of the given pages of a record. */
export function writePageMetadata(db: Db, recordId: number, facts: CaptureFacts, pageNos?: readonly number[]): number {
  const pages = all<{ id: number; pageNo: number; sha: string; dpiX: number | null; dpiY: number | null; colourMode: string; compression: string }>(
    db,
    sql`SELECT id, page_no AS pageNo, image_sha256 AS sha, dpi_x AS dpiX, dpi_y AS dpiY, colour_mode AS colourMode, compression FROM pages WHERE record_id = ${recordId} ORDER BY page_no`,
  ).filter((p) => !pageNos || pageNos.includes(p.pageNo));
  const put = db.prepare(
    `INSERT OR REPLACE INTO page_process_metadata (page_id, image_sha256, capture_form, device_id, software, dpi, colour_mode, compression, captured_at, operator, account_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of pages) {
    const dpi = p.dpiX === null && p.dpiY === null ? null : Math.min(p.dpiX ?? Infinity, p.dpiY ?? Infinity);
    put.run(p.id, p.sha, facts.captureForm ?? 'scan', facts.deviceId, facts.software, dpi, p.colourMode, p.compression, facts.capturedAt, facts.operator, facts.accountId);
  }
  return pages.length;
}

export function pageMetadata(db: Db, recordId: number): PageProcessMetadata[] {
  return all<PageProcessMetadata>(
    db,
    sql`SELECT p.page_no AS pageNo, m.image_sha256 AS imageSha256, m.capture_form AS captureForm, m.device_id AS deviceId, m.software, m.dpi,
               m.colour_mode AS colourMode, m.compression, m.captured_at AS capturedAt, m.operator
          FROM page_process_metadata m JOIN pages p ON p.id = m.page_id WHERE p.record_id = ${recordId} ORDER BY p.page_no`,
  );
}
