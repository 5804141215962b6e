import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { msg, type Message } from '../i18n/messages.js';
import { raiseAlert } from './alerts.js';
import { mediaMessages as m } from './messages.js';
import { listMedia } from './registry.js';
import { intervalDaysOf, readMediaSettings, type MediaSettings } from './settings.js';
import type { MediaType, MediumRow } from './types.js';

/**
 * Where every copy is, and which records the coverage policy says are at risk: a record counts
 * as copied on a medium when every object it has (masters and page images) is there and good;
 * the policy asks for ≥ N such copies away from the archive room, on ≥ N media types, at ≥ N
 * sites, each verified within its medium type's interval.
 */
export interface RecordCopy {
  mediumId: string;
  type: MediaType;
  site: string;
  offsite: boolean;
  verifiedAt: string;
  current: boolean;
}

export interface RecordCoverage {
  recordId: number;
  archivalCode: string;
  objects: number;
  copies: RecordCopy[];
  reasons: Message[];
}

export interface CoverageReport {
  at: string;
  policy: Pick<MediaSettings, 'minCopies' | 'minTypes' | 'minSites' | 'archiveRoomSite'> & { intervalDays: MediaSettings['intervalDays'] };
  records: number;
  covered: number;
  atRisk: RecordCoverage[];
}

interface CopyFact {
  mediumId: string;
  status: string;
  verifiedAt: string;
}

function daysBetween(a: string, b: Date): number {
  return (b.getTime() - Date.parse(a)) / 86_400_000;
}

/** Every record's copies (all of them when recordIds is omitted). */
export function recordCopies(db: Db, now = new Date(), recordIds?: readonly number[]): { coverage: RecordCoverage[]; settings: MediaSettings } {
  const settings = readMediaSettings(db);
  const media = new Map<string, MediumRow>(listMedia(db).map((x) => [x.id, x]));
  const bySha = new Map<string, CopyFact[]>();
  for (const c of all<CopyFact & { sha256: string }>(db, sql`SELECT sha256, medium_id AS mediumId, status, verified_at AS verifiedAt FROM media_objects`)) {
    if (!media.has(c.mediumId)) continue;
    let list = bySha.get(c.sha256);
    if (!list) bySha.set(c.sha256, (list = []));
    list.push(c);
  }
  const filter = recordIds ? sql`r.id IN (${recordIds.length > 0 ? recordIds : [-1]})` : sql`1`;
  const rows = all<{ id: number; code: string; sha256: string }>(db, sql`SELECT r.id, r.archival_code AS code, o.sha256 FROM records r
    JOIN (SELECT record_id, sha256 FROM masters UNION SELECT record_id, image_sha256 AS sha256 FROM pages) o ON o.record_id = r.id
    WHERE ${filter} ORDER BY r.id`);
  const records = new Map<number, { code: string; shas: string[] }>();
  for (const r of rows) {
    let rec = records.get(r.id);
    if (!rec) records.set(r.id, (rec = { code: r.code, shas: [] }));
    rec.shas.push(r.sha256);
  }
  const coverage: RecordCoverage[] = [];
  for (const [recordId, rec] of records) {
    // Per medium: how many of the record's objects are there and good, and the oldest check.
    const per = new Map<string, { good: number; bad: number; oldest: string }>();
    for (const sha of rec.shas) {
      for (const c of bySha.get(sha) ?? []) {
        const p = per.get(c.mediumId) ?? { good: 0, bad: 0, oldest: c.verifiedAt };
        if (c.status === 'ok') p.good++;
        else p.bad++;
        if (c.verifiedAt < p.oldest) p.oldest = c.verifiedAt;
        per.set(c.mediumId, p);
      }
    }
    const copies: RecordCopy[] = [];
    let bad = 0;
    for (const [mediumId, p] of per) {
      const medium = media.get(mediumId)!;
      if (p.bad > 0) bad++;
      if (p.good !== rec.shas.length) continue;
      const current = daysBetween(p.oldest, now) <= intervalDaysOf(settings, medium.type);
      copies.push({ mediumId, type: medium.type, site: medium.site, offsite: medium.site !== settings.archiveRoomSite, verifiedAt: p.oldest, current });
    }
    const good = copies.filter((c) => c.offsite && c.current);
    const reasons: Message[] = [];
    const offsite = copies.filter((c) => c.offsite);
    if (offsite.length < settings.minCopies) reasons.push(msg(m.coverCopies, { have: offsite.length, need: settings.minCopies }));
    const types = new Set(offsite.map((c) => c.type)).size;
    if (types < settings.minTypes) reasons.push(msg(m.coverTypes, { have: types, need: settings.minTypes }));
    const sites = new Set(offsite.map((c) => c.site)).size;
    if (sites < settings.minSites) reasons.push(msg(m.coverSites, { have: sites, need: settings.minSites }));
    const stale = offsite.length - good.length;
    if (stale > 0) reasons.push(msg(m.coverStale, { count: stale }));
    if (bad > 0) reasons.push(msg(m.coverBad, { count: bad }));
    coverage.push({ recordId, archivalCode: rec.code, objects: rec.shas.length, copies, reasons });
  }
  return { coverage, settings };
}

export function coverageReport(db: Db, now = new Date()): CoverageReport {
  const { coverage, settings } = recordCopies(db, now);
  const atRisk = coverage.filter((c) => c.reasons.length > 0);
  return {
    at: now.toISOString(),
    policy: { minCopies: settings.minCopies, minTypes: settings.minTypes, minSites: settings.minSites, archiveRoomSite: settings.archiveRoomSite, intervalDays: settings.intervalDays },
    records: coverage.length,
    covered: coverage.length - atRisk.length,
    atRisk,
  };
}

/** Raises an overdue alert for every live medium not checked within its interval; returns their ids. */
export function scanOverdue(db: Db, now = new Date()): string[] {
  const settings = readMediaSettings(db);
  const out: string[] = [];
  for (const medium of listMedia(db)) {
    const last = medium.lastVerifiedAt ?? medium.writtenAt ?? medium.createdAt;
    const days = intervalDaysOf(settings, medium.type);
    if (daysBetween(last, now) <= days) continue;
    out.push(medium.id);
    raiseAlert(db, { mediumId: medium.id, kind: 'overdue', subject: '', detail: { message: msg(m.findingOverdue, { id: medium.id, last, days }), last, intervalDays: days }, at: now.toISOString() });
  }
  return out;
}
