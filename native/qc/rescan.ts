import fs from 'node:fs';
import path from 'node:path';
import { replacePageImage } from '../catalog/records.js';
import { nowIso } from '../db/database.js';
import { digestBuffer } from '../hash/digests.js';
import { addSheetStep } from '../digitization/sheets.js';
import { writePageMetadata } from '../digitization/page-metadata.js';
import type { ItemRow } from '../digitization/types.js';
import { isVaultError, VaultError } from '../errors.js';
import { inspectSource, readPages, type ReadPage } from '../images/read/index.js';
import { requeuePage } from '../ocr/queue-store.js';
import type { StagedObject } from '../store/object-store.js';
import type { Vault } from '../vault/vault.js';
import { qcMessages } from './messages.js';

/**
 * A re-scan replaces one page of an item: the new image is validated (one page, decodable)
 * and stored first (data before index), then one transaction points the page at it, keeps
 * the old image (its master stays with the record), writes the page_replacements row, the
 * process-sheet step and the page's process metadata, and queues the page for OCR again.
 * A crash before the transaction leaves at most an unreferenced object (`lantai check` names
 * it); after it, everything.
 */
export interface RescanInput {
  recordId: number;
  archivalCode: string;
  pageNo: number;
  file: string;
  reason: string;
  deviceId: string;
  software: string;
  item: ItemRow;
  batchId: number | null;
  by: { accountId: number; name: string };
}

async function readOnePage(file: string): Promise<ReadPage> {
  const fail = (reason: string): never => {
    throw VaultError.of('QC_RESCAN_INVALID', qcMessages.rescanFile, { file, reason });
  };
  if (!fs.existsSync(file)) fail('not found');
  try {
    const info = await inspectSource(file);
    if (info.pageCount !== 1) fail(`${info.pageCount} pages`);
    for await (const rp of readPages(file)) return rp;
  } catch (e) {
    if (isVaultError(e) && e.code === 'QC_RESCAN_INVALID') throw e;
    fail(isVaultError(e) ? e.text.en : e instanceof Error ? e.message : String(e));
  }
  return fail('no page');
}

export async function rescanPage(vault: Vault, input: RescanInput): Promise<{ pageId: number; oldSha256: string; newSha256: string }> {
  const db = vault.db;
  const rp = await readOnePage(input.file);
  const page = rp.page;
  const staged: StagedObject[] = [];
  const masterDigests = await vault.store.stageFile(input.file, staged);
  const imageDigests = page.isWholeSource ? masterDigests : digestBuffer(page.bytes);
  try {
    if (!page.isWholeSource) await vault.store.putBuffer(page.bytes, imageDigests, staged);
    await vault.store.commitStaged(staged.splice(0));
  } catch (e) {
    await vault.store.discardStaged(staged);
    throw e;
  }
  const at = nowIso();
  return db.transaction(() => {
    const r = replacePageImage(
      db, input.recordId, input.pageNo,
      { digests: masterDigests, format: page.format, originalName: path.basename(input.file), pageCount: 1 },
      { masterPage: page.index, imageDigests, format: page.format, compression: page.compression, width: page.width, height: page.height, dpiX: page.dpiX, dpiY: page.dpiY, colourMode: page.colourMode, bitsPerSample: page.bitsPerSample, orientation: page.orientation },
    );
    db.prepare(
      `INSERT INTO page_replacements (record_id, page_id, page_no, old_sha256, new_sha256, old_master_id, new_master_id, batch_id, reason, at, by_account)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.recordId, r.pageId, input.pageNo, r.oldSha256, imageDigests.sha256, r.oldMasterId, r.newMasterId, input.batchId, input.reason.trim(), at, input.by.accountId);
    addSheetStep(db, input.item.projectId, input.item.id, {
      step: 'rescan', deviceId: input.deviceId, count: 1, operator: input.by.name, at,
      note: `第 ${input.pageNo} 页重扫 / page ${input.pageNo} re-scanned: ${input.reason.trim()} (${r.oldSha256.slice(0, 12)} → ${imageDigests.sha256.slice(0, 12)})`,
    }, input.by.accountId, 'auto');
    writePageMetadata(db, input.recordId, { deviceId: input.deviceId, software: input.software, operator: input.by.name, accountId: input.by.accountId, capturedAt: at, captureForm: 'rescan' }, [input.pageNo]);
    requeuePage(db, r.pageId);
    return { pageId: r.pageId, oldSha256: r.oldSha256, newSha256: imageDigests.sha256 };
  })();
}
