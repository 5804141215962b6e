import type { Db } from '../db/database.js';
import { listMedia } from './registry.js';
import { intervalDaysOf, readMediaSettings } from './settings.js';
import type { MediumRow } from './types.js';

/**
 * This week's rotation (the office's own scheme, driven by the check intervals): media off
 * site whose check falls due within the horizon, that were flagged for an early check or that
 * failed come back; healthy, checked media in the archive room go out to the sites that hold
 * the fewest copies. Grandfather-father-son sets are registrations with the tiers in their
 * labels; this plan only says who moves this week and why.
 */
export interface RotationMove {
  mediumId: string;
  label: string;
  site: string;
  reason: 'due' | 'early_check' | 'failing' | 'send_out';
  dueAt: string;
  toSite?: string;
}

export interface RotationPlan {
  at: string;
  horizonDays: number;
  bringBack: RotationMove[];
  takeOut: RotationMove[];
}

function dueAt(m: MediumRow, days: number): string {
  const last = m.lastVerifiedAt ?? m.writtenAt ?? m.createdAt;
  return new Date(Date.parse(last) + days * 86_400_000).toISOString();
}

export function rotationPlan(db: Db, now = new Date(), horizonDays = 7): RotationPlan {
  const s = readMediaSettings(db);
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000).toISOString();
  const live = listMedia(db);
  const bringBack: RotationMove[] = [];
  const takeOut: RotationMove[] = [];
  const sites = new Map<string, number>();
  for (const m of live) if (m.site !== s.archiveRoomSite) sites.set(m.site, (sites.get(m.site) ?? 0) + 1);
  for (const m of live) {
    const due = dueAt(m, intervalDaysOf(s, m.type));
    const home = m.site === s.archiveRoomSite;
    if (!home) {
      const reason = m.state === 'failing' ? 'failing' : m.earlyCheck ? 'early_check' : due <= horizon ? 'due' : undefined;
      if (reason) bringBack.push({ mediumId: m.id, label: m.label, site: m.site, reason, dueAt: due });
    } else if (m.state === 'active' && !m.earlyCheck && due > horizon && m.writtenAt !== null) {
      // The off-site place holding the fewest media gets the next one.
      const toSite = [...sites.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]?.[0];
      takeOut.push({ mediumId: m.id, label: m.label, site: m.site, reason: 'send_out', dueAt: due, ...(toSite ? { toSite } : {}) });
      if (toSite) sites.set(toSite, (sites.get(toSite) ?? 0) + 1);
    }
  }
  return { at: now.toISOString(), horizonDays, bringBack, takeOut };
}
