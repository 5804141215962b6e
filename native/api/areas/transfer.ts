import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { audited, authorize, authorizeRecords, failureDetail, recordAudit, wasAudited } from '../../auth/authorize.js';
import type { OperationContext, Session } from '../../auth/types.js';
import { filterRecords } from '../../auth/visibility.js';
import type { FourPropertyReport } from '../../check/four-property.js';
import { checkSelection } from '../../check/four-property-selection.js';
import { isVaultError, VaultError } from '../../errors.js';
import {
  addPrintedForms, createUnitKeys, writeCarrierSheet, dropPreparedTransfer, gatherItem, importMessages, pinOf, insertTransfer, listTransfers, packageKeyMessages, packageMessages, planPackage, readReceipt, saveReceipt, sealTransfer, selectRecords,
  splitIntoCarriers, transferCodes, transferReceipt, unitKeyInfo, unlockUnitKeys, writePackage, type ReadReceipt, type TransferRow, type TransferSelection, type UnitKeyInfo, type WrittenPackage,
} from '../../package/index.js';
import { pageDerivedFor, searchAs } from '../../search/access.js';
import { recordMasters } from '../../catalog/records.js';
import type { RecordRow } from '../../catalog/types.js';
import { fixCodes } from '../../catalog-upkeep/index.js';
import { Area } from '../area.js';
import { checkKeyApproval, type KeyApproval } from './key-approval.js';
import type { JobCallOptions } from './ingest.js';
import { localDate } from '../../util/local-date.js';

export interface ExportTransferRequest {
  selection: TransferSelection;
  /** The package: a folder, or a .zip file when kind is 'zip'. */
  output: string;
  kind?: 'folder' | 'zip';
  /** 接收单位; 市档案馆 when omitted. */
  toUnit?: string;
  transferName?: string;
  /** Split across carriers of this many bytes (CD, DVD, BD: CARRIER_CAPACITY); output is then a folder of carriers. */
  carrierCapacity?: number;
}

/** The security officer's approval given at the moment of export: their live session and the key passphrase. */
export type TransferApproval = KeyApproval;

/** The wizard's live count of a selection. */
export interface TransferPreview {
  records: number;
  bytes: number;
}

type CarrierResult = Omit<WrittenPackage, 'verification'> & { valid: boolean; records: number; fourProperty: FourPropertyReport | null };

export interface ExportTransferResult {
  transferId: string;
  records: number;
  /** The whole transfer: one package, or the folder holding its carriers. */
  package: Omit<WrittenPackage, 'verification'> & { valid: boolean };
  carriers: Omit<CarrierResult, 'fourProperty'>[];
  report: FourPropertyReport;
}

/** The hidden work folder a split transfer's carriers are written into, beside the final one (which must not exist). */
async function makeCarrierFolder(finalDir: string): Promise<string> {
  if (fs.existsSync(finalDir)) throw VaultError.of('PACKAGE_TARGET_EXISTS', packageMessages.targetExists, { path: finalDir });
  await fs.promises.mkdir(path.dirname(finalDir), { recursive: true });
  return fs.promises.mkdtemp(path.join(path.dirname(finalDir), `.${path.basename(finalDir)}.transfer-set-partial-`));
}

/** Gives the complete set its final name in one rename. */
async function publishCarrierFolder(setDir: string, finalDir: string): Promise<void> {
  if (fs.existsSync(finalDir)) throw VaultError.of('PACKAGE_TARGET_EXISTS', packageMessages.targetExists, { path: finalDir });
  await fs.promises.rename(setDir, finalDir);
}

const SEARCH_PAGE = 200;

function newTransferId(now: Date): string {
  const d = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `YJ${d}-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * Transfer to the archive (移交): the unit's signing keys (security officer), the export of a
 * signed package (archivist, with the security officer's approval each time), the list.
 * The package writing is a job of the one job manager ('export').
 */
export class TransferArea extends Area {
  /** Makes the unit's signing key (RSA-3072 + certificate, SM2 as well when asked); the security officer's. */
  createKey(session: Session, input: { unitName: string; sm2?: boolean; passphrase: string }): UnitKeyInfo {
    const op = this.op(session);
    const target = { type: 'unit_key', id: null };
    const actor = authorize(op, 'manage_keys', target);
    try {
      return op.db.transaction(() => {
        const info = createUnitKeys(op.db, { unitName: input.unitName, sm2: input.sm2 === true, passphrase: input.passphrase, createdBy: actor.userId, now: new Date().toISOString() });
        recordAudit(op, 'manage_keys', target, 'ok', { op: 'create', unitName: input.unitName, sm2: info.sm2PublicKeyPem !== null, fingerprint: info.certificate.fingerprints.sha256 });
        return info;
      })();
    } catch (e) {
      recordAudit(op, 'manage_keys', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  /** The public side of the unit key (certificate, SM2 public key) for the archive to pin. */
  certificate(session: Session): UnitKeyInfo {
    const op = this.op(session);
    const target = { type: 'unit_key', id: null };
    authorize(op, 'manage_keys', target);
    const info = unitKeyInfo(op.db);
    if (!info) {
      const e = VaultError.of('TRANSFER_NO_SIGNING_KEY', packageKeyMessages.noKey);
      recordAudit(op, 'manage_keys', target, 'failed', failureDetail(e));
      throw audited(e);
    }
    recordAudit(op, 'manage_keys', target, 'ok', { op: 'export_certificate', fingerprint: info.certificate.fingerprints.sha256 });
    return info;
  }

  /**
   * Exports a transfer package. Refused (audited) without the security officer's approval,
   * or when the four-property self-check of the selection is not a 100% pass: the report
   * says which records and why, and a refused transfer is kept in the vault with it.
   */
  async export(session: Session, request: ExportTransferRequest, approval: TransferApproval, options: JobCallOptions = {}): Promise<ExportTransferResult> {
    const op = this.op(session);
    const now = new Date();
    const transferId = newTransferId(now);
    const target = { type: 'transfer', id: transferId };
    const actor = authorize(op, 'export_transfer', target);
    const kind = request.kind ?? 'folder';
    // The approver must be a live security officer (manage_keys), and someone else.
    const { approverOp, approver, keyPassphrase } = checkKeyApproval(op, actor.userId, approval, 'export_transfer', target, { output: request.output }, (x) => this.op(x));
    try {
      const { signer, unitName } = unlockUnitKeys(op.db, keyPassphrase);
      const records = this.selected(op, request.selection);
      return await this.host.jobManager.run('export', async (job) => {
        const exportable = new Set(filterRecords(op, 'export_transfer', records.map((r) => r.id)));
        const texts = pageDerivedFor(op);
        const report = await checkSelection({
          db: op.db, store: this.vault.store, records,
          exportDenied: (id) => (exportable.has(id) ? undefined : 'restricted'),
          pagesWithText: (id) => texts.recordTexts(id).length,
          signal: job.signal,
          onProgress: (done, total) => job.report({ done, total, message: 'check' }),
        });
        const base = { id: transferId, at: now.toISOString(), createdBy: actor.userId, approvedBy: approver.userId, selection: request.selection, outputPath: request.output, outputKind: kind };
        if (!report.passed) {
          op.db.transaction(() => {
            insertTransfer(op.db, { ...base, state: 'refused', records: [], byteCount: 0, tagmanifestSha256: null, tagmanifestSm3: null, report: { selection: report } });
            recordAudit(op, 'export_transfer', target, 'failed', { error: 'TRANSFER_SELF_CHECK_FAILED', approver: approver.username, refused: report.refused.slice(0, 50).map((r) => ({ subject: r.subject, reasons: r.reasons.map((x) => x.id) })), requested: records.length });
          })();
          const first = report.refused[0];
          throw audited(VaultError.of('TRANSFER_SELF_CHECK_FAILED', packageKeyMessages.selfCheckFailed, { count: report.refused.length, first: first ? `${first.subject} ${first.reasons[0]?.detail.en ?? ''}` : '' }, { transferId, report }));
        }
        // The gate per record, all or nothing (the self-check has already said why any would fail).
        authorizeRecords(op, 'export_transfer', records.map((r) => r.id));
        const items = records.map((r) => gatherItem(op.db, this.vault.store, r, (id) => texts.recordTexts(id)));
        const sets = request.carrierCapacity !== undefined ? splitIntoCarriers(items, request.carrierCapacity) : [items];
        const split = request.carrierCapacity !== undefined;
        // A split set is assembled in a hidden folder and renamed as a whole: never a partial set under the final name.
        const finalDir = path.resolve(request.output);
        const setDir = split ? await makeCarrierFolder(finalDir) : finalDir;
        const carriers: CarrierResult[] = [];
        // Prepared before anything is written, sealed after: a crash between the rename and the
        // seal leaves a package the vault still lists (as prepared), never one it has no row for.
        op.db.transaction(() => insertTransfer(op.db, { ...base, state: 'prepared', records: records.map((r) => ({ id: r.id, archivalCode: r.archivalCode })), byteCount: 0, tagmanifestSha256: null, tagmanifestSm3: null, report: { selection: report } }))();
        try {
          let seqOffset = 0;
          for (const [i, set] of sets.entries()) {
            const carrier = { index: i + 1, total: sets.length };
            const plan = planPackage({
              transferId, sourceOrganization: unitName, toUnit: request.toUnit ?? '市档案馆', transferName: request.transferName ?? `${unitName}电子档案移交 ${transferId}`,
              items: set, report, transferredBy: actor.displayName, approvedBy: approver.displayName, outputKind: kind, carrier, seqOffset,
            });
            const output = split ? path.join(setDir, `${transferId}-${String(carrier.index).padStart(2, '0')}${kind === 'zip' ? '.zip' : ''}`) : request.output;
            // The printable form and the catalog spreadsheet join the payload (signed with the rest).
            const forms = await addPrintedForms(plan, set);
            const w = await writePackage(plan, {
              output, kind, transferId, sourceOrganization: unitName, signer, signal: job.signal, bagCount: carrier,
              onProgress: (p) => job.report({ done: p.done, total: p.total, message: `${p.phase} ${carrier.index}/${carrier.total}` }),
            }).finally(() => forms.cleanup());
            // Beside each carrier of a split set: its digest sheet, to print and keep with the disc.
            if (split) {
              await writeCarrierSheet(setDir, {
                transferId, sourceOrganization: unitName, carrier, carrierName: path.basename(w.path), kind,
                firstCode: set[0]!.record.archivalCode, lastCode: set[set.length - 1]!.record.archivalCode, records: set.length,
                files: plan.payload.length, bytes: w.bytes, tagManifestSha256: w.tagManifestSha256, tagManifestSm3: w.tagManifestSm3,
                date: localDate(now),
              });
            }
            const { verification, ...rest } = w;
            carriers.push({ ...rest, path: split ? path.join(finalDir, path.basename(w.path)) : w.path, valid: verification.valid, records: set.length, fourProperty: verification.fourProperty });
            seqOffset += set.length;
          }
          if (split) await publishCarrierFolder(setDir, finalDir);
        } catch (e) {
          if (split) await fs.promises.rm(setDir, { recursive: true, force: true }).catch(() => undefined);
          dropPreparedTransfer(op.db, transferId);
          throw e;
        }
        const written = {
          path: split ? finalDir : carriers[0]!.path,
          kind, files: carriers.reduce((n, c) => n + c.files, 0), bytes: carriers.reduce((n, c) => n + c.bytes, 0),
          tagManifestSha256: carriers.map((c) => c.tagManifestSha256).join(','), tagManifestSm3: carriers.map((c) => c.tagManifestSm3).join(','),
          valid: carriers.every((c) => c.valid),
        };
        op.db.transaction(() => {
          sealTransfer(op.db, transferId, {
            at: new Date().toISOString(), outputPath: written.path, byteCount: written.bytes,
            tagmanifestSha256: written.tagManifestSha256, tagmanifestSm3: written.tagManifestSm3, report: { selection: report, package: carriers.map((c) => c.fourProperty) },
          });
          // A 档号 that left in a package is fixed: it is never renumbered silently afterwards.
          fixCodes(op.db, records.map((r) => r.id), 'transferred', now.toISOString());
          recordAudit(approverOp, 'approve_transfer', target, 'ok', { exporter: actor.username, records: records.length, tagManifestSha256: written.tagManifestSha256 });
          recordAudit(op, 'export_transfer', target, 'ok', {
            approver: approver.username, records: records.length, output: written.path, kind, bytes: written.bytes, tagManifestSha256: written.tagManifestSha256,
            codes: records.slice(0, 200).map((r) => r.archivalCode),
          });
        })();
        return { transferId, records: records.length, package: written, carriers: carriers.map(({ fourProperty: _fp, ...c }) => c), report };
      }, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), params: { transferId, output: request.output } });
    } catch (e) {
      // A cancel surfaces as the signal's reason from wherever the work was: name it.
      const err = options.signal?.aborted && !isVaultError(e) ? VaultError.of('TRANSFER_CANCELLED', packageKeyMessages.cancelled, { id: transferId }, {}, e) : e;
      if (!wasAudited(err)) recordAudit(op, 'export_transfer', target, 'failed', failureDetail(err));
      throw err;
    }
  }

  /**
   * What a selection holds, for the wizard's live count: its records and their masters' bytes.
   * Read-only and cheap (no file is read); the self-check and the export still decide what may go.
   */
  preview(session: Session, selection: TransferSelection): TransferPreview {
    const op = this.op(session);
    const target = { type: 'transfer', id: null };
    authorize(op, 'export_transfer', target);
    try {
      const records = this.selected(op, selection);
      const bytes = records.reduce((n, r) => n + recordMasters(op.db, r.id).reduce((m, x) => m + x.size, 0), 0);
      recordAudit(op, 'export_transfer', target, 'ok', { op: 'preview', records: records.length, bytes });
      return { records: records.length, bytes };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'export_transfer', target, 'failed', { op: 'preview', ...failureDetail(e) });
      throw e;
    }
  }

  /**
   * The four-property self-check of a selection before anyone approves it (a 'self-check' job):
   * the same check export runs first, so the wizard shows the failing items and why while the
   * selection can still be changed. Writes nothing but the audit row.
   */
  async selfCheck(session: Session, selection: TransferSelection, options: JobCallOptions = {}): Promise<FourPropertyReport & { records: number }> {
    const op = this.op(session);
    const target = { type: 'transfer', id: null };
    authorize(op, 'export_transfer', target);
    try {
      const records = this.selected(op, selection);
      const report = await this.host.jobManager.run('self-check', async (job) => {
        const exportable = new Set(filterRecords(op, 'export_transfer', records.map((r) => r.id)));
        const texts = pageDerivedFor(op);
        return checkSelection({
          db: op.db, store: this.vault.store, records,
          exportDenied: (id) => (exportable.has(id) ? undefined : 'restricted'),
          pagesWithText: (id) => texts.recordTexts(id).length,
          signal: job.signal,
          onProgress: (done, total) => job.report({ done, total, message: 'check' }),
        });
      }, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), params: { selfCheck: true } });
      recordAudit(op, 'export_transfer', target, 'ok', { op: 'self_check', records: records.length, passed: report.passed, refused: report.refused.slice(0, 50).map((r) => r.subject) });
      return { ...report, records: records.length };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'export_transfer', target, 'failed', { op: 'self_check', ...failureDetail(e) });
      throw e;
    }
  }

  /** The selection's records; a query is run as the person's own search (audited as such). */
  private selected(op: OperationContext, selection: TransferSelection): RecordRow[] {
    if (selection.query === undefined) return selectRecords(op.db, selection);
    const codes = new Set(selection.codes ?? []);
    for (let offset = 0; ;) {
      const page = searchAs(op, selection.query, { limit: SEARCH_PAGE, offset });
      for (const h of page.hits) codes.add(h.archivalCode);
      offset += page.hits.length;
      if (page.hits.length === 0 || offset >= page.total) break;
    }
    if (codes.size === 0) return [];
    const { query: _query, ...rest } = selection;
    void _query;
    return selectRecords(op.db, { ...rest, codes: [...codes] });
  }

  /**
   * Records the archive's signed receipt (回执) for a transfer: the signature must verify (and
   * match the pinned certificate when given), and the receipt must name this transfer's tag
   * manifests, exactly its 档号 and their masters' digests. The transfer becomes receipted, its
   * records are marked transferred, and the receipt is kept. The same receipt again is a no-op.
   */
  recordReceipt(session: Session, file: string, options: { pin?: string } = {}): { transferId: string; records: number; alreadyRecorded: boolean; receipt: ReadReceipt } {
    const op = this.op(session);
    const target = { type: 'transfer', id: null as string | null };
    authorize(op, 'export_transfer', target);
    try {
      const receipt = readReceipt(file, options.pin !== undefined ? pinOf(options.pin) : undefined);
      const c = receipt.content;
      target.id = c.transferId;
      const row = listTransfers(op.db).find((t) => t.id === c.transferId);
      const mismatch = (reason: string): VaultError => VaultError.of('RECEIPT_MISMATCH', importMessages.receiptMismatch, { id: c.transferId, reason });
      if (!row) throw VaultError.of('TRANSFER_NOT_FOUND', packageKeyMessages.transferNotFound, { id: c.transferId });
      if (row.state === 'receipted') {
        const same = transferReceipt(op.db, row.id) === receipt.text;
        if (!same) throw VaultError.of('RECEIPT_ALREADY', importMessages.receiptAlready, { id: row.id });
        recordAudit(op, 'export_transfer', target, 'ok', { op: 'record_receipt', alreadyRecorded: true });
        return { transferId: row.id, records: row.recordCount, alreadyRecorded: true, receipt };
      }
      if (row.state !== 'sealed' && row.state !== 'delivered') throw mismatch(`the transfer is ${row.state}`);
      if (row.tagmanifestSha256 !== c.tagManifestSha256 || row.tagmanifestSm3 !== c.tagManifestSm3) throw mismatch('tag manifest digests differ');
      const ours = transferCodes(op.db, row.id);
      const theirs = new Map(c.records.map((r) => [r.archivalCode, r]));
      if (ours.length !== theirs.size || c.recordCount !== ours.length) throw mismatch(`${c.records.length} record(s) received, ${ours.length} sent`);
      for (const r of ours) {
        const got = theirs.get(r.archivalCode);
        if (!got) throw mismatch(`${r.archivalCode} not received`);
        const sent = recordMasters(op.db, r.recordId).map((m) => m.sha256).join(',');
        if (got.masters.map((m) => m.sha256).join(',') !== sent) throw mismatch(`${r.archivalCode}: master digests differ`);
      }
      op.db.transaction(() => {
        saveReceipt(op.db, row.id, receipt.text, new Date().toISOString());
        recordAudit(op, 'export_transfer', target, 'ok', { op: 'record_receipt', receivedBy: c.receivingUnit, signer: receipt.signer.fingerprints.sha256, records: ours.length });
      })();
      return { transferId: row.id, records: ours.length, alreadyRecorded: false, receipt };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'export_transfer', target, 'failed', { op: 'record_receipt', ...failureDetail(e) });
      throw e;
    }
  }

  /** Every transfer with its state (the archivist's and the security officer's view). */
  list(session: Session): TransferRow[] {
    const op = this.op(session);
    const target = { type: 'transfer', id: null };
    authorize(op, 'view_catalog', target);
    const rows = listTransfers(op.db);
    recordAudit(op, 'view_catalog', target, 'ok', { op: 'list_transfers', count: rows.length });
    return rows;
  }
}
