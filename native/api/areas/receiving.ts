import fs from 'node:fs';
import path from 'node:path';
import { authorize, failureDetail, recordAudit, wasAudited } from '../../auth/authorize.js';
import type { Session } from '../../auth/types.js';
import { recordMasters } from '../../catalog/records.js';
import { VaultError } from '../../errors.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import {
  getImport, importedRecords, importMessages, importPackage, listImports, packageMessages, saveIssuedReceipt, signReceipt, unlockUnitKeys,
  RECEIPT_FORMAT, verifyPackagePath, type ImportedPackage, type PackageVerification, type PackageImportRow, type ReceiptContent,
} from '../../package/index.js';
import { Area } from '../area.js';
import { checkKeyApproval, type KeyApproval as TransferApproval } from './key-approval.js';
import type { JobCallOptions } from './ingest.js';

export interface ImportPackageRequest {
  path: string;
  /** The sender's certificate (file) or its SHA-256 fingerprint. */
  pin?: string;
  /** Also issue the signed receipt to this file (needs the security officer's approval). */
  receiptOut?: string;
}

export interface ImportPackageResult extends Omit<ImportedPackage, 'verification'> {
  valid: boolean;
  warnings: number;
  receipt: { path: string } | null;
}

/**
 * The receiving side (接收): a verified transfer package brought into this vault (archivist,
 * as ingest), and the signed receipt (回执) issued for it with the security officer's approval.
 */
export class ReceivingArea extends Area {
  async importPackage(session: Session, request: ImportPackageRequest, approval: TransferApproval = {}, options: JobCallOptions = {}): Promise<ImportPackageResult> {
    const op = this.op(session);
    const target = { type: 'package_import', id: path.resolve(request.path) };
    const actor = authorize(op, 'ingest', target);
    try {
      const imported = await this.host.jobManager.run('import', (job) => importPackage(this.vault, request.path, {
        ...(request.pin !== undefined ? { pin: request.pin } : {}),
        signal: job.signal, importedBy: actor.userId, adopt: (id) => job.adopt(id),
        onProgress: (p) => job.report({ done: p.done, total: p.total, message: p.phase }),
        inTransaction: (r) => recordAudit(op, 'ingest', target, 'ok', {
          op: 'import_package', importId: r.importId, transferId: r.transferId, from: r.sourceOrganization, records: r.records.length,
          tagManifestSha256: r.tagManifestSha256, codes: r.records.slice(0, 200).map((x) => x.archivalCode),
        }),
      }), { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), params: { path: path.resolve(request.path) } });
      if (imported.alreadyImported) recordAudit(op, 'ingest', target, 'ok', { op: 'import_package', importId: imported.importId, alreadyImported: true });
      const { verification, ...rest } = imported;
      const receipt = request.receiptOut !== undefined ? { path: (await this.issueReceipt(session, imported.importId, request.receiptOut, approval)).path } : null;
      return { ...rest, valid: verification.valid, warnings: verification.warnings.length, receipt };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'ingest', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  /**
   * Signs and writes the receipt for a received package: what came (each 档号 and its masters'
   * digests), the tag manifests' digests, when and who. The security officer approves with
   * their live session and the unit key's passphrase; the receipt is kept with the import.
   */
  async issueReceipt(session: Session, importId: number, out: string, approval: TransferApproval): Promise<{ path: string; content: ReceiptContent }> {
    const op = this.op(session);
    const target = { type: 'package_import', id: String(importId) };
    const actor = authorize(op, 'ingest', target);
    const { approverOp, approver, keyPassphrase } = checkKeyApproval(op, actor.userId, approval, 'ingest', target, { op: 'issue_receipt' }, (x) => this.op(x));
    try {
      const row = getImport(op.db, importId);
      if (!row) throw VaultError.of('PACKAGE_IMPORT_NOT_FOUND', importMessages.importNotFound, { id: importId });
      const { signer, unitName } = unlockUnitKeys(op.db, keyPassphrase);
      const content: ReceiptContent = {
        format: RECEIPT_FORMAT, transferId: row.transferId, sourceOrganization: row.sourceOrganization, receivingUnit: unitName,
        receivedAt: new Date().toISOString(), receivedBy: actor.displayName, approvedBy: approver.displayName,
        tagManifestSha256: row.tagmanifestSha256, tagManifestSm3: row.tagmanifestSm3, recordCount: row.recordCount, byteCount: row.byteCount,
        records: importedRecords(op.db, importId).map((r) => ({ archivalCode: r.archivalCode, masters: recordMasters(op.db, r.recordId).map((m) => ({ sha256: m.sha256, sm3: m.sm3 })) })),
      };
      const text = signReceipt(content, signer);
      const file = path.resolve(out);
      if (fs.existsSync(file)) throw VaultError.of('PACKAGE_TARGET_EXISTS', packageMessages.targetExists, { path: file });
      // Written whole under a temporary name, then renamed: never half a receipt under its name.
      await writeFileAtomic(file, text);
      op.db.transaction(() => {
        saveIssuedReceipt(op.db, importId, text, content.receivedAt);
        recordAudit(approverOp, 'manage_keys', target, 'ok', { op: 'approve_receipt', receiver: actor.username, transferId: row.transferId });
        recordAudit(op, 'ingest', target, 'ok', { op: 'issue_receipt', transferId: row.transferId, approver: approver.username, output: file });
      })();
      return { path: file, content };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'ingest', target, 'failed', { op: 'issue_receipt', ...failureDetail(e) });
      throw e;
    }
  }

  /**
   * The staged verification of a package before it is imported (a 'verify-package' job): every problem
   * and warning with its stage, so the receiving screen can show what is wrong and where.
   * Reads only; the import verifies again itself.
   */
  async verify(session: Session, request: { path: string; pin?: string }, options: JobCallOptions = {}): Promise<PackageVerification> {
    const op = this.op(session);
    const target = { type: 'package_import', id: path.resolve(request.path) };
    authorize(op, 'ingest', target);
    try {
      const v = await this.host.jobManager.run('verify-package', (job) => verifyPackagePath(request.path, {
        ...(request.pin !== undefined ? { pin: request.pin } : {}), signal: job.signal,
        onProgress: (p) => job.report({ done: p.done, total: p.total, message: p.stage }),
      }), { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), params: { verifyPackage: path.resolve(request.path) } });
      recordAudit(op, 'ingest', target, 'ok', { op: 'verify_package', valid: v.valid, problems: v.problems.length, warnings: v.warnings.length, transferId: v.transferId ?? '' });
      return v;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'ingest', target, 'failed', { op: 'verify_package', ...failureDetail(e) });
      throw e;
    }
  }

  /** Every package received into this vault. */
  list(session: Session): PackageImportRow[] {
    const op = this.op(session);
    const target = { type: 'package_import', id: null };
    authorize(op, 'view_catalog', target);
    const rows = listImports(op.db);
    recordAudit(op, 'view_catalog', target, 'ok', { op: 'list_imports', count: rows.length });
    return rows;
  }
}
