/**
 * The check of derived/ (thumbnails, normalized page images): rebuildable data, so a fault is a
 * warning with its fix, and `check --repair` rebuilds it from the master, never writing the
 * master. A derived file is judged against the page image it is named by: one whose page image
 * is gone from the catalog is left over; one that does not decode is damaged.
 */
import fs from 'node:fs';
import { all, type Db } from '../db/database.js';
import { sql } from '../db/sql.js';
import { msg, type Message, type Params } from '../i18n/messages.js';
import { derivedFault, listDerivedFiles, rebuildDerived } from '../images/derived-check.js';
import type { DerivedKind } from '../images/derived-paths.js';
import type { Vault } from '../vault/vault.js';
import { checkMessages as m } from './messages.js';
import type { CheckProblem } from './types.js';

interface PageImageUse {
  sha256: string;
  compression: string;
  orientation: number;
  code: string;
  pageNo: number;
}

/** Each page image once, with the first record page that shows it (to name it to a person). */
function pageImages(db: Db): Map<string, PageImageUse> {
  const rows = all<PageImageUse>(
    db,
    sql`SELECT p.image_sha256 AS sha256, p.compression, p.orientation, r.archival_code AS code, p.page_no AS pageNo
        FROM pages p JOIN records r ON r.id = p.record_id ORDER BY p.image_sha256, r.id, p.page_no`,
  );
  const out = new Map<string, PageImageUse>();
  for (const r of rows) if (!out.has(r.sha256)) out.set(r.sha256, r);
  return out;
}

export interface DerivedCheckOptions {
  quick: boolean;
  repair: boolean;
  /** Page images whose master failed its own check: nothing is rebuilt from those. */
  badMasters: ReadonlySet<string>;
  signal?: AbortSignal;
}

export async function checkDerived(vault: Vault, options: DerivedCheckOptions, out: CheckProblem[]): Promise<{ files: number }> {
  const uses = pageImages(vault.db);
  let files = 0;
  for await (const d of listDerivedFiles(vault)) {
    options.signal?.throwIfAborted();
    files++;
    const use = uses.get(d.sha256);
    if (!use) {
      if (options.repair) {
        await fs.promises.rm(d.file, { force: true });
        out.push({ code: 'DERIVED_LEFTOVER_REMOVED', severity: 'info', message: msg(m.derivedLeftoverRemoved, { file: d.file }), details: { path: d.file } });
      } else {
        out.push({ code: 'DERIVED_LEFTOVER', severity: 'warning', message: msg(m.derivedLeftover, { file: d.file }), details: { path: d.file } });
      }
      continue;
    }
    const fault = await derivedFault(d.file, d.kind, options.quick);
    if (!fault) continue;
    const details = { path: d.file, kind: d.kind, sha256: d.sha256, archivalCode: use.code, pageNo: use.pageNo, reason: fault };
    if (options.repair && !options.badMasters.has(d.sha256)) {
      try {
        await rebuildDerived(vault, { imageSha256: d.sha256, compression: use.compression, orientation: use.orientation }, d.kind, d.file);
        out.push({ code: 'DERIVED_REBUILT', severity: 'info', message: derivedText(m.derivedRebuilt, d.kind, details), details });
        continue;
      } catch (e) {
        out.push({ code: 'DERIVED_REBUILD_FAILED', severity: 'error', message: derivedText(m.derivedRebuildFailed, d.kind, { ...details, error: e instanceof Error ? e.message : String(e) }), details });
        continue;
      }
    }
    const masterBad = options.badMasters.has(d.sha256);
    out.push({ code: 'DERIVED_DAMAGED', severity: 'warning', message: derivedText(masterBad ? m.derivedDamagedMasterBad : m.derivedDamaged, d.kind, details), details });
  }
  return { files };
}

/** A message naming the kind of derived image in each language ({what}). */
function derivedText(entry: Message, kind: DerivedKind, params: Params): Message {
  const what = kind === 'thumb.jpg' ? m.kindThumb : m.kindNormalized;
  return { zh: msg(entry, { ...params, what: what.zh }).zh, en: msg(entry, { ...params, what: what.en }).en };
}
