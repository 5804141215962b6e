import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditHead } from '../../audit/log.js';
import { authorize, failureDetail, guarded, guardedAsync, recordAudit, wasAudited, type Actor } from '../../auth/authorize.js';
import type { OperationContext, Session } from '../../auth/types.js';
import { checkVault } from '../../check/check-vault.js';
import { VaultError } from '../../errors.js';
import { cancelUnfinishedJobs, getJob, runningJobIds, unfinishedJobs } from '../../jobs/job-store.js';
import { JobManager, type JobListener } from '../../jobs/manager.js';
import {
  auditOf, backupToMedium, confirmErasure, erasable, eraseOnMedium, listErasures, type MediaErasure, compareWithLive, raiseAlert, copiesOn, coverageReport, createBackupKey, disposalOf, failDeadRuns, finishRestore, finishRun, getOpenAlert, handleAlert, insertDisposal, insertMedium,
  insertTransport, labelNewMedium, labelText, listAlerts, listMedia, listRuns, loadBackupKey, mediaMessages, openMediaSet, openRestoredCatalog, planMedium, qrPayload, qrPng, qrSvg,
  readMediaSettings, recognizeMedium, RESTORE_MARKER, recordCopies, recoverySheetOf, repairMedium, repairVaultObjects, requireMedium, restoreCatalog, restoreObjects, rotationPlan, scanOverdue,
  setMediumState, setMountPath, setSite, snapshotsOn, startRun, transportLog, unlockBackupKey, unlockMediaKey, verifyMedium, writeMediaSetting,
  type BackupKeyInfo, type BackupResult, type CoverageReport, type MediaAlert, type MediaRun, type MediumRow, type NewMedium, type RecordCoverage, type RepairOutcome, type RestoreReport,
  type RotationPlan, type SourceMedium, type TransportEntry, type VerifyResult,
} from '../../media/index.js';
import { Area, type JobCallOptions } from '../area.js';
import { getRecordByTypedCode } from '../../catalog/records.js';

export interface MediumRef {
  mediumId: string;
  /** Where it is mounted now; the last known mount path when omitted. */
  path?: string;
}

export interface MediumDetail {
  medium: MediumRow;
  copies: number;
  bad: number;
  snapshots: number;
  runs: MediaRun[];
  alerts: MediaAlert[];
  transport: TransportEntry[];
  disposal: ReturnType<typeof disposalOf> | null;
}

export interface LabelFiles {
  text: string;
  textFile: string;
  svgFile: string;
  pngFile: string;
  qrPayload: string;
}

export interface MigrationResult {
  from: string;
  to: string;
  copied: number;
  backup: BackupResult;
  verify: VerifyResult;
  keepUntil: string;
}

export interface DrillReport extends RestoreReport {
  /** Objects the live vault has that the restore did not bring back. */
  differences: string[];
  matchesLive: boolean;
}

const DAY = 86_400_000;

/**
 * Off-site mixed media (issue 12): the registry and labels, the backup key, backups,
 * verification and alerts, coverage, rotation and custody, repair, migration, restore and its
 * drill. The backup officer's area; the security officer makes and unlocks the backup key;
 * the sysadmin changes media settings. Long work runs as jobs ('backup', 'verify-media',
 * 'repair', 'migrate', 'restore').
 */
export class MediaArea extends Area {
  // ---- key (security officer) ----

  async createKey(session: Session, input: { passphrase: string }): Promise<BackupKeyInfo> {
    const op = this.op(session);
    const target = { type: 'backup_key', id: null };
    return guardedAsync(op, 'manage_keys', target, async (actor) => {
      const { info } = await createBackupKey(op.db, this.vault.paths.root, input.passphrase, actor.userId);
      recordAudit(op, 'manage_keys', target, 'ok', { op: 'create_backup_key', keyId: info.keyId });
      return info;
    });
  }

  async unlockKey(session: Session, input: { passphrase: string }): Promise<{ keyId: string }> {
    const op = this.op(session);
    const target = { type: 'backup_key', id: null };
    return guardedAsync(op, 'manage_keys', target, async () => {
      const keyId = await unlockBackupKey(op.db, this.vault.paths.root, input.passphrase);
      recordAudit(op, 'manage_keys', target, 'ok', { op: 'unlock_backup_key', keyId });
      return { keyId };
    });
  }

  recoverySheet(session: Session): { text: string } {
    const op = this.op(session);
    const target = { type: 'backup_key', id: null };
    return guarded(op, 'manage_keys', target, () => {
      const text = recoverySheetOf(op.db);
      recordAudit(op, 'manage_keys', target, 'ok', { op: 'print_recovery_sheet' });
      return { text };
    });
  }

  // ---- registry ----

  async add(session: Session, input: NewMedium): Promise<MediumRow> {
    const op = this.op(session);
    const target = { type: 'medium', id: input.id ?? null };
    return guardedAsync(op, 'manage_media', target, async (actor) => {
      const now = new Date();
      const plan = planMedium(op.db, { ...input, ...(input.mountPath ? { mountPath: path.resolve(input.mountPath) } : {}) }, now);
      // The label goes on the carrier first: a crash after it leaves a labelled, unregistered
      // medium that registering again refuses by name, never a registry row without its label.
      if (plan.mountPath) await labelNewMedium(plan.mountPath, { mediumId: plan.id, label: plan.label, type: plan.type, vaultId: this.vault.info.vaultId, registeredAt: now.toISOString() }, op.db, this.vault.info.vaultId);
      op.db.transaction(() => {
        insertMedium(op.db, plan, actor.userId, now.toISOString());
        recordAudit(op, 'manage_media', { type: 'medium', id: plan.id }, 'ok', { op: 'add', type: plan.type, label: plan.label, brand: plan.brand, batch: plan.batch, site: plan.site, mountPath: plan.mountPath });
      })();
      return requireMedium(op.db, plan.id);
    });
  }

  list(session: Session, request: { includeRetired?: boolean } = {}): MediumRow[] {
    const op = this.op(session);
    return guarded(op, 'verify_media', { type: 'medium', id: null }, () => {
      const rows = listMedia(op.db, request);
      recordAudit(op, 'verify_media', { type: 'medium', id: null }, 'ok', { op: 'list_media', count: rows.length });
      return rows;
    });
  }

  show(session: Session, mediumId: string): MediumDetail {
    const op = this.op(session);
    const target = { type: 'medium', id: mediumId };
    return guarded(op, 'verify_media', target, () => {
      const medium = requireMedium(op.db, mediumId);
      const copies = copiesOn(op.db, mediumId);
      const detail: MediumDetail = {
        medium, copies: copies.length, bad: copies.filter((c) => c.status !== 'ok').length, snapshots: snapshotsOn(op.db, mediumId).length,
        runs: listRuns(op.db, mediumId, 20), alerts: listAlerts(op.db, { mediumId }), transport: transportLog(op.db, mediumId), disposal: disposalOf(op.db, mediumId) ?? null,
      };
      recordAudit(op, 'verify_media', target, 'ok', { op: 'show_medium' });
      return detail;
    });
  }

  /** The printable label: text, SVG and PNG QR code written into outDir (files must not exist). */
  async label(session: Session, request: { mediumId: string; outDir: string }): Promise<LabelFiles> {
    const op = this.op(session);
    const target = { type: 'medium', id: request.mediumId };
    return guardedAsync(op, 'manage_media', target, async () => {
      const medium = requireMedium(op.db, request.mediumId);
      const payload = qrPayload(medium, this.vault.info.vaultId);
      const text = labelText(medium, this.vault.info.vaultId);
      await fs.promises.mkdir(request.outDir, { recursive: true });
      const base = path.join(request.outDir, `${medium.id}-label`);
      const files = { textFile: `${base}.txt`, svgFile: `${base}.svg`, pngFile: `${base}.png` };
      fs.writeFileSync(files.textFile, text, { flag: 'w' });
      fs.writeFileSync(files.svgFile, await qrSvg(payload), { flag: 'w' });
      fs.writeFileSync(files.pngFile, await qrPng(payload), { flag: 'w' });
      recordAudit(op, 'manage_media', target, 'ok', { op: 'label', ...files });
      return { text, ...files, qrPayload: payload };
    });
  }

  /** Which registered medium is mounted at path (refused by name when wrong or unknown). */
  async recognize(session: Session, mountPath: string): Promise<MediumRow> {
    const op = this.op(session);
    const target = { type: 'medium', id: null };
    return guardedAsync(op, 'verify_media', target, async () => {
      const { medium } = await recognizeMedium(op.db, this.vault.info.vaultId, path.resolve(mountPath));
      setMountPath(op.db, medium.id, path.resolve(mountPath));
      recordAudit(op, 'verify_media', { type: 'medium', id: medium.id }, 'ok', { op: 'recognize', path: path.resolve(mountPath) });
      return requireMedium(op.db, medium.id);
    });
  }

  // ---- custody ----

  checkout(session: Session, input: { mediumId: string; toSite: string; courier?: string; count?: number; note?: string }): TransportEntry {
    return this.move(session, 'out', input.mediumId, input.toSite, input);
  }

  checkin(session: Session, input: { mediumId: string; toSite?: string; courier?: string; count?: number; note?: string }): TransportEntry {
    return this.move(session, 'in', input.mediumId, input.toSite, input);
  }

  private move(session: Session, direction: 'out' | 'in', mediumId: string, toSite: string | undefined, input: { courier?: string; count?: number; note?: string }): TransportEntry {
    const op = this.op(session);
    const target = { type: 'medium', id: mediumId };
    return guarded(op, 'manage_media', target, (actor) => {
      const medium = requireMedium(op.db, mediumId);
      const settings = readMediaSettings(op.db);
      const wrongState = direction === 'out' ? medium.state === 'checked_out' || medium.state === 'retired' : medium.state !== 'checked_out';
      if (wrongState) throw VaultError.of('MEDIUM_STATE', mediaMessages.state, { id: mediumId, state: medium.state, action: direction === 'out' ? 'check out' : 'check in' });
      const to = (toSite ?? (direction === 'in' ? settings.archiveRoomSite : '')).trim();
      if (to === '') throw VaultError.of('MEDIUM_INVALID', mediaMessages.invalid, { field: 'site', reason: 'is required' });
      const count = input.count ?? 1;
      if (!Number.isInteger(count) || count < 1) throw VaultError.of('MEDIUM_INVALID', mediaMessages.invalid, { field: 'count', reason: 'must be a whole number ≥ 1' });
      return op.db.transaction(() => {
        const at = new Date().toISOString();
        const id = insertTransport(op.db, { mediumId, direction, at, fromSite: medium.site, toSite: to, courier: input.courier ?? '', count, byUser: actor.userId, note: input.note ?? '' });
        setSite(op.db, mediumId, to);
        setMediumState(op.db, mediumId, direction === 'out' ? 'checked_out' : 'active');
        // A count back that differs from the count out is written down and raised, never lost.
        const out = transportLog(op.db, mediumId).filter((t) => t.direction === 'out').pop();
        if (direction === 'in' && out && out.count !== count) {
          raiseAlert(op.db, { mediumId, kind: 'missing', subject: `transport:${id}`, detail: { countOut: out.count, countBack: count }, at });
        }
        recordAudit(op, 'manage_media', target, 'ok', { op: direction === 'out' ? 'checkout' : 'checkin', from: medium.site, to, courier: input.courier ?? '', count });
        return transportLog(op.db, mediumId).find((t) => t.id === id)!;
      })();
    });
  }

  transport(session: Session, mediumId?: string): TransportEntry[] {
    const op = this.op(session);
    return guarded(op, 'verify_media', { type: 'medium', id: mediumId ?? null }, () => {
      const rows = transportLog(op.db, mediumId);
      recordAudit(op, 'verify_media', { type: 'medium', id: mediumId ?? null }, 'ok', { op: 'transport_log', count: rows.length });
      return rows;
    });
  }

  rotation(session: Session, request: { horizonDays?: number } = {}): RotationPlan {
    const op = this.op(session);
    return guarded(op, 'manage_media', { type: 'medium', id: null }, () => {
      const plan = rotationPlan(op.db, new Date(), request.horizonDays ?? 7);
      recordAudit(op, 'manage_media', { type: 'medium', id: null }, 'ok', { op: 'rotation', bringBack: plan.bringBack.length, takeOut: plan.takeOut.length });
      return plan;
    });
  }

  retire(session: Session, input: { mediumId: string; reason: string }): MediumRow {
    const op = this.op(session);
    const target = { type: 'medium', id: input.mediumId };
    return guarded(op, 'manage_media', target, (actor) => {
      const medium = requireMedium(op.db, input.mediumId);
      if (medium.state === 'retired') throw VaultError.of('MEDIUM_RETIRED', mediaMessages.retired, { id: medium.id });
      const keepUntil = this.retireRow(op, actor, medium, input.reason, null);
      recordAudit(op, 'manage_media', target, 'ok', { op: 'retire', reason: input.reason, keepUntil });
      return requireMedium(op.db, medium.id);
    });
  }

  private retireRow(op: OperationContext, actor: Actor, medium: MediumRow, reason: string, migratedTo: string | null): string {
    const now = new Date();
    const keepUntil = new Date(now.getTime() + readMediaSettings(op.db).keepYears * 365.25 * DAY).toISOString();
    op.db.transaction(() => {
      insertDisposal(op.db, { mediumId: medium.id, at: now.toISOString(), byUser: actor.userId, reason: reason || '-', migratedTo, keepUntil });
      setMediumState(op.db, medium.id, 'retired', now.toISOString());
    })();
    return keepUntil;
  }

  // ---- settings (sysadmin) ----

  setSetting(session: Session, name: string, value: string): ReturnType<typeof readMediaSettings> {
    const op = this.op(session);
    const target = { type: 'setting', id: `media.${name}` };
    return guarded(op, 'change_settings', target, () => op.db.transaction(() => {
      writeMediaSetting(op.db, name, value);
      recordAudit(op, 'change_settings', target, 'ok', { value });
      return readMediaSettings(op.db);
    })());
  }

  settings(session: Session): ReturnType<typeof readMediaSettings> {
    return guarded(this.op(session), 'verify_media', { type: 'setting', id: 'media' }, () => readMediaSettings(this.vault.db));
  }

  // ---- backup, verification ----

  /** The mount path of a medium, recognized by its label (wrong, unknown and network paths refused by name). */
  private async mounted(op: OperationContext, ref: MediumRef): Promise<{ medium: MediumRow; root: string }> {
    const medium = requireMedium(op.db, ref.mediumId);
    const root = path.resolve(ref.path ?? medium.mountPath ?? '');
    if (!ref.path && !medium.mountPath) throw VaultError.of('MEDIUM_NOT_MOUNTED', mediaMessages.notMounted, { path: '-' });
    await recognizeMedium(op.db, this.vault.info.vaultId, root, medium.id);
    if (medium.state === 'retired') throw VaultError.of('MEDIUM_RETIRED', mediaMessages.retired, { id: medium.id });
    setMountPath(op.db, medium.id, root);
    return { medium: requireMedium(op.db, medium.id), root };
  }

  async backup(session: Session, ref: MediumRef, options: JobCallOptions = {}): Promise<BackupResult> {
    const op = this.op(session);
    const target = { type: 'medium', id: ref.mediumId };
    const actor = authorize(op, 'backup', target);
    try {
      failDeadRuns(op.db, runningJobIds(op.db), new Date().toISOString());
      const { medium, root } = await this.mounted(op, ref);
      const { key, wrapped } = loadBackupKey(op.db, this.vault.paths.root);
      const result = await this.host.jobManager.run('backup', async (job) => {
        const runId = startRun(op.db, { mediumId: medium.id, kind: 'backup', jobId: job.jobId, at: new Date().toISOString(), by: actor.userId });
        try {
          const r = await backupToMedium({ db: op.db, store: this.vault.store, catalogFile: this.vault.paths.catalog, vaultId: this.vault.info.vaultId, medium, root, key, wrapped, signal: job.signal, report: (p) => job.report(p) });
          finishRun(op.db, runId, { at: new Date().toISOString(), checked: r.written, problems: r.failed.length, result: r.failed.length ? 'problems' : 'clean', detail: { written: r.written, bytes: r.bytes, snapshot: r.snapshot } });
          return r;
        } catch (e) {
          finishRun(op.db, runId, { at: new Date().toISOString(), checked: 0, problems: 1, result: 'failed', detail: failureDetail(e) });
          throw e;
        }
      }, { ...this.jobOptions(options), params: { mediumId: medium.id, path: root }, statusOf: (r) => (r.failed.length ? 'failed' : 'done') });
      recordAudit(op, 'backup', target, result.failed.length ? 'failed' : 'ok', { path: root, written: result.written, alreadyThere: result.alreadyThere, bytes: result.bytes, failed: result.failed.length, snapshot: result.snapshot, iso: result.iso });
      return result;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'backup', target, 'failed', { ...failureDetail(e), ...(e instanceof VaultError ? { left: e.details['left'], written: e.details['written'] } : {}) });
      throw e;
    }
  }

  async verify(session: Session, ref: MediumRef & { mode?: 'full' | 'sample' }, options: JobCallOptions = {}): Promise<VerifyResult> {
    const op = this.op(session);
    const target = { type: 'medium', id: ref.mediumId };
    const actor = authorize(op, 'verify_media', target);
    try {
      failDeadRuns(op.db, runningJobIds(op.db), new Date().toISOString());
      const { medium, root } = await this.mounted(op, ref);
      const mode = ref.mode ?? 'full';
      const result = await this.host.jobManager.run('verify-media', async (job) => {
        const runId = startRun(op.db, { mediumId: medium.id, kind: mode, jobId: job.jobId, at: new Date().toISOString(), by: actor.userId });
        try {
          return await verifyMedium({ db: op.db, medium, root, mode, sampleFraction: readMediaSettings(op.db).sampleFraction, runId, signal: job.signal, report: (p) => job.report(p) });
        } catch (e) {
          finishRun(op.db, runId, { at: new Date().toISOString(), checked: 0, problems: 1, result: 'failed', detail: failureDetail(e) });
          throw e;
        }
      }, { ...this.jobOptions(options), params: { mediumId: medium.id, path: root, mode }, statusOf: (r) => (r.clean ? 'done' : 'failed') });
      recordAudit(op, 'verify_media', target, result.clean ? 'ok' : 'failed', { mode, runId: result.runId, checked: result.checked, findings: result.findings.length, kinds: [...new Set(result.findings.map((f) => f.kind))], flaggedBatch: result.flaggedBatch });
      return result;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'verify_media', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  runs(session: Session, mediumId?: string): MediaRun[] {
    const op = this.op(session);
    return guarded(op, 'verify_media', { type: 'medium', id: mediumId ?? null }, () => listRuns(op.db, mediumId));
  }

  /** Open alerts (all with `all`), after raising any overdue ones. */
  alerts(session: Session, request: { all?: boolean; mediumId?: string } = {}): MediaAlert[] {
    const op = this.op(session);
    const target = { type: 'media_alert', id: null };
    return guarded(op, 'verify_media', target, () => {
      const rows = op.db.transaction(() => {
        scanOverdue(op.db);
        return listAlerts(op.db, request);
      })();
      recordAudit(op, 'verify_media', target, 'ok', { op: 'alerts', open: rows.filter((a) => a.handledAt === null).length });
      return rows;
    });
  }

  handleAlert(session: Session, input: { id: number; note: string }): MediaAlert {
    const op = this.op(session);
    const target = { type: 'media_alert', id: input.id };
    return guarded(op, 'manage_media', target, (actor) => {
      const alert = getOpenAlert(op.db, input.id);
      if (!alert) throw VaultError.of('MEDIA_ALERT_NOT_FOUND', mediaMessages.alertNotFound, { id: input.id });
      if (input.note.trim() === '') throw VaultError.of('MEDIUM_INVALID', mediaMessages.invalid, { field: 'note', reason: 'says how it was handled (required)' });
      return op.db.transaction(() => {
        handleAlert(op.db, input.id, actor.userId, new Date().toISOString(), input.note.trim());
        recordAudit(op, 'manage_media', target, 'ok', { op: 'handle_alert', mediumId: alert.mediumId, kind: alert.kind, subject: alert.subject, note: input.note.trim() });
        return { ...alert, handledAt: new Date().toISOString(), handledBy: actor.userId, note: input.note.trim() };
      })();
    });
  }

  /** Copies on media of destroyed objects, waiting to be erased there (all, with `all`: erased ones too). */
  erasures(session: Session, request: { mediumId?: string; all?: boolean } = {}): MediaErasure[] {
    const op = this.op(session);
    return guarded(op, 'verify_media', { type: 'medium', id: request.mediumId ?? null }, () => listErasures(op.db, request));
  }

  /**
   * The backup officer confirms the erasure of the copies listed for a medium, with it mounted:
   * on a rewritable medium their files are deleted here and dropped from its index; the copies
   * leave the medium's list of copies, and the confirmation is audited.
   */
  async confirmErasure(session: Session, input: MediumRef & { note: string }): Promise<MediaErasure[]> {
    const op = this.op(session);
    const target = { type: 'medium', id: input.mediumId };
    return guardedAsync(op, 'manage_media', target, async (actor) => {
      const note = input.note.trim();
      if (note === '') throw VaultError.of('MEDIUM_INVALID', mediaMessages.invalid, { field: 'note', reason: 'says how the copies were erased (required)' });
      const { medium, root } = await this.mounted(op, input);
      const erasedOnMedium = await eraseOnMedium(medium, root, erasable(op.db, medium.id));
      return op.db.transaction(() => {
        const erased = confirmErasure(op.db, medium.id, actor.userId, new Date().toISOString(), note);
        recordAudit(op, 'manage_media', target, 'ok', { op: 'confirm_erasure', copies: erased.length, erasedOnMedium, sha256: erased.map((e) => e.sha256).slice(0, 100), registers: [...new Set(erased.map((e) => e.registerId))], note });
        return erased;
      })();
    });
  }

  // ---- where every copy is ----

  coverage(session: Session): CoverageReport {
    const op = this.op(session);
    const target = { type: 'coverage', id: null };
    return guarded(op, 'verify_media', target, () => {
      const r = coverageReport(op.db);
      recordAudit(op, 'verify_media', target, 'ok', { op: 'coverage', records: r.records, atRisk: r.atRisk.length });
      return r;
    });
  }

  /** Which media hold one record (by 档号), at which sites, verified when. */
  where(session: Session, archivalCode: string): RecordCoverage {
    const op = this.op(session);
    const target = { type: 'record', id: archivalCode };
    return guarded(op, 'verify_media', target, () => {
      const record = getRecordByTypedCode(op.db, archivalCode);
      if (!record) throw VaultError.of('RECORD_NOT_FOUND', { zh: '找不到档案 {ref}。', en: 'No record {ref}.' }, { ref: archivalCode });
      const c = recordCopies(op.db, new Date(), [record.id]).coverage[0] ?? { recordId: record.id, archivalCode: record.archivalCode, objects: 0, copies: [], reasons: [] };
      recordAudit(op, 'verify_media', target, 'ok', { op: 'where', copies: c.copies.length });
      return c;
    });
  }

  // ---- repair ----

  private async sources(op: OperationContext, refs: readonly MediumRef[]): Promise<SourceMedium[]> {
    const out: SourceMedium[] = [];
    for (const r of refs) out.push(await this.mounted(op, r));
    return out;
  }

  /** Rewrites a medium's damaged or missing copies from the vault or from other (mounted) media. */
  async repair(session: Session, request: MediumRef & { sources?: MediumRef[] }, options: JobCallOptions = {}): Promise<RepairOutcome[]> {
    const op = this.op(session);
    const target = { type: 'medium', id: request.mediumId };
    const actor = authorize(op, 'backup', target);
    try {
      const { medium, root } = await this.mounted(op, request);
      const sources = await this.sources(op, request.sources ?? []);
      const { key } = loadBackupKey(op.db, this.vault.paths.root);
      const out = await this.host.jobManager.run('repair', (job) => repairMedium({ db: op.db, store: this.vault.store, vaultId: this.vault.info.vaultId, medium, root, key, sources, byUser: actor.userId, signal: job.signal, report: (p) => job.report(p) }),
        { ...this.jobOptions(options), params: { mediumId: medium.id, path: root, sources: request.sources ?? [] }, statusOf: (r) => (r.every((o) => o.ok) ? 'done' : 'failed') });
      recordAudit(op, 'backup', target, out.every((o) => o.ok) ? 'ok' : 'failed', { op: 'repair', repaired: out.filter((o) => o.ok).map((o) => ({ file: o.file, from: o.from })).slice(0, 100), failed: out.filter((o) => !o.ok).length });
      return out;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'backup', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  /** Finds the vault's damaged or missing objects (a full check) and rewrites them from the given media. */
  async repairVault(session: Session, request: { sources: MediumRef[] }, options: JobCallOptions = {}): Promise<RepairOutcome[]> {
    const op = this.op(session);
    const target = { type: 'vault', id: this.vault.info.vaultId };
    authorize(op, 'restore', target);
    try {
      const sources = await this.sources(op, request.sources);
      const { key } = loadBackupKey(op.db, this.vault.paths.root);
      const out = await this.host.jobManager.run('repair', async (job) => {
        const report = await checkVault(this.vault, { signal: job.signal, ownJobId: job.jobId });
        const shas = [...new Set(report.problems.filter((p) => ['DIGEST_MISMATCH', 'OBJECT_MISSING', 'OBJECT_SIZE'].includes(p.code)).map((p) => String(p.details['sha256'] ?? path.basename(String(p.details['path'] ?? '')))))];
        return repairVaultObjects({ db: op.db, store: this.vault.store, key, shas, sources, signal: job.signal });
      }, { ...this.jobOptions(options), params: { vault: true, sources: request.sources }, statusOf: (r) => (r.every((o) => o.ok) ? 'done' : 'failed') });
      recordAudit(op, 'restore', target, out.every((o) => o.ok) ? 'ok' : 'failed', { op: 'repair_vault', repaired: out.filter((o) => o.ok).map((o) => ({ sha256: o.sha256, from: o.from })).slice(0, 100), failed: out.filter((o) => !o.ok).map((o) => o.sha256).slice(0, 100) });
      return out;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'restore', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  // ---- migration ----

  /**
   * Migrates a failing or ageing medium: its copies are written to the new medium (from the
   * vault, or from the old medium itself when the vault's object is missing or damaged: the old
   * medium is used when it is mounted, at request.fromPath or its last mount path), the new
   * medium is verified in full, then in one transaction the old medium is retired with a
   * disposal record (kept for the configured years). The new copies count from the moment each
   * was read back, so the catalog of copies never names a copy not verified. A failing new
   * medium leaves the old one in service. Run again (or resumed) after an interruption, it
   * goes on where it stopped; after the retirement it only verifies the new medium again.
   */
  async migrate(session: Session, request: { from: string; to: MediumRef; fromPath?: string; reason?: string }, options: JobCallOptions = {}): Promise<MigrationResult> {
    const op = this.op(session);
    const target = { type: 'medium', id: request.from };
    const actor = authorize(op, 'manage_media', target);
    authorize(op, 'backup', { type: 'medium', id: request.to.mediumId });
    try {
      const old = requireMedium(op.db, request.from);
      const disposal = disposalOf(op.db, old.id);
      const finished = old.state === 'retired' && disposal?.migratedTo === request.to.mediumId;
      if (old.state === 'retired' && !finished) throw VaultError.of('MEDIUM_RETIRED', mediaMessages.retired, { id: old.id });
      if (old.id === request.to.mediumId) throw VaultError.of('MEDIUM_INVALID', mediaMessages.invalid, { field: 'to', reason: 'must be another medium than the one migrated' });
      const { medium, root } = await this.mounted(op, request.to);
      const { key, wrapped } = loadBackupKey(op.db, this.vault.paths.root);
      const sources = finished ? [] : await this.oldMediumIfMounted(op, old, request.fromPath);
      const only = copiesOn(op.db, old.id).map((c) => c.sha256);
      const result = await this.host.jobManager.run('migrate', async (job) => {
        const backup = finished
          ? { mediumId: medium.id, written: 0, alreadyThere: only.length, bytes: 0, failed: [], snapshot: null, freeBytes: 0, staged: null, iso: null }
          : await backupToMedium({ db: op.db, store: this.vault.store, catalogFile: this.vault.paths.catalog, vaultId: this.vault.info.vaultId, medium, root, key, wrapped, only, sources, signal: job.signal, report: (p) => job.report({ ...p, message: `copy ${p.message ?? ''}` }) });
        const runId = startRun(op.db, { mediumId: medium.id, kind: 'full', jobId: job.jobId, at: new Date().toISOString(), by: actor.userId });
        const verify = await verifyMedium({ db: op.db, medium: requireMedium(op.db, medium.id), root, mode: 'full', sampleFraction: 1, runId, signal: job.signal, report: (p) => job.report({ ...p, message: 'verify' }) });
        const onNew = new Set(copiesOn(op.db, medium.id).filter((c) => c.status === 'ok').map((c) => c.sha256));
        const missing = only.filter((sha) => !onNew.has(sha));
        if (!verify.clean || missing.length > 0 || backup.failed.length > 0) {
          throw VaultError.of('MEDIUM_READ_FAILED', mediaMessages.migrationFailed, { id: medium.id, from: old.id, findings: verify.findings.length, missing: missing.length },
            { findingList: verify.findings.slice(0, 50).map((f) => ({ kind: f.kind, file: f.file })), missingObjects: missing.slice(0, 50), failedObjects: backup.failed.slice(0, 50) });
        }
        const keepUntil = finished ? disposal!.keepUntil : this.retireRow(op, actor, old, request.reason ?? 'migrated', medium.id);
        return { from: old.id, to: medium.id, copied: only.length, backup, verify, keepUntil };
      }, { ...this.jobOptions(options), params: { from: old.id, to: { mediumId: medium.id, path: root }, ...(request.fromPath ? { fromPath: request.fromPath } : {}), ...(request.reason ? { reason: request.reason } : {}) } });
      recordAudit(op, 'manage_media', target, 'ok', { op: 'migrate', to: result.to, copied: result.copied, fromOld: sources.length > 0, keepUntil: result.keepUntil, verifyRun: result.verify.runId, alreadyRetired: finished });
      return result;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'manage_media', target, 'failed', { op: 'migrate', to: request.to.mediumId, ...failureDetail(e) });
      throw e;
    }
  }

  /**
   * The old medium of a migration as a source, when it is mounted: at the path given (which
   * must then hold it), else at its last mount path if it is still there. Not mounted: the
   * migration copies from the vault alone.
   */
  private async oldMediumIfMounted(op: OperationContext, old: MediumRow, fromPath: string | undefined): Promise<SourceMedium[]> {
    if (fromPath !== undefined) return [await this.mounted(op, { mediumId: old.id, path: fromPath })];
    if (!old.mountPath) return [];
    try {
      return [await this.mounted(op, { mediumId: old.id })];
    } catch (e) {
      // Its last mount path now holds nothing or another medium: it is simply not mounted.
      if (e instanceof VaultError && ['MEDIUM_NOT_MOUNTED', 'MEDIUM_UNKNOWN', 'MEDIUM_WRONG'].includes(e.code)) return [];
      throw e;
    }
  }

  // ---- restore ----

  /**
   * A restore drill: the restore run into a scratch folder from the given media and the
   * passphrase, then compared with the live vault (every object, the record count, the audit
   * chain up to the snapshot's head); the scratch folder is removed afterwards.
   */
  async drill(session: Session, request: { from: string[]; passphrase: string }, options: JobCallOptions = {}): Promise<DrillReport> {
    const op = this.op(session);
    const target = { type: 'vault', id: this.vault.info.vaultId };
    authorize(op, 'restore', target);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-restore-drill-'));
    try {
      const report = await this.host.jobManager.run('restore', (job) => restoreInto({ from: request.from, to: path.join(scratch, 'vault'), passphrase: request.passphrase, signal: job.signal, report: (p) => job.report(p) }),
        { ...this.jobOptions(options), params: { drill: true, from: request.from } });
      const restoredDb = openRestoredCatalog(report.to);
      let differences: string[];
      try {
        differences = compareWithLive(op.db, restoredDb, report);
      } finally {
        restoredDb.close();
      }
      const out: DrillReport = { ...report, differences, matchesLive: differences.length === 0 && report.complete };
      recordAudit(op, 'restore', target, out.matchesLive ? 'ok' : 'failed', { op: 'drill', from: request.from, snapshot: report.snapshot, objects: report.objects, restored: report.restored + report.alreadyThere, missing: report.missing.length, differences: differences.slice(0, 50) });
      return out;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'restore', target, 'failed', failureDetail(e));
      throw e;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** Writes the restore into the restored vault's own audit log, as the person who did it (authorized 'restore'). */
  recordRestore(session: Session, report: RestoreReport): void {
    const op = this.op(session);
    const target = { type: 'vault', id: report.vaultId };
    authorize(op, 'restore', target);
    recordAudit(op, 'restore', target, report.complete ? 'ok' : 'failed', {
      op: 'restore', media: report.media, snapshot: report.snapshot, objects: report.objects, restored: report.restored + report.alreadyThere,
      missing: report.missing.slice(0, 100).map((m) => ({ sha256: m.sha256, codes: m.archivalCodes })), auditOk: report.audit.ok, auditHead: report.audit.head,
    });
  }
}

/**
 * Restore into a new folder from media and the passphrase (no vault open, no one logged in:
 * on a fresh machine there is no one to log in yet; the passphrase is the authority, and the
 * restorer's login into the restored vault then records it there). The object phase runs as a
 * 'restore' job of the restored vault's own job manager, so it is persisted and resumable.
 */
export async function restoreInto(request: { from: string[]; to: string; passphrase: string; resumeJobId?: number; signal?: AbortSignal; report?: (p: { done: number; total: number; failed?: number }) => void; onJobEvent?: JobListener }): Promise<RestoreReport> {
  const to = path.resolve(request.to);
  const media = await openMediaSet(request.from);
  const key = await unlockMediaKey(media, request.passphrase);
  const { snapshot, anchor } = await restoreCatalog(media, key, to);
  const db = openRestoredCatalog(to);
  try {
    // Running the same restore again takes over its unfinished job (the same row, as a resume
    // does); the jobs the snapshot caught running elsewhere are closed, not left "running".
    const own = request.resumeJobId ?? unfinishedJobs(db, 'restore').find((j) => (JSON.parse(j.params) as { to?: string }).to === to)?.id;
    cancelUnfinishedJobs(db, own, 'running when the catalog snapshot was taken, on the machine backed up: not resumable in a restored vault');
    const jobs = new JobManager(db);
    // The desktop follows this job like any other (its progress and end events), though it
    // belongs to the restored vault's job manager, not to an open vault's.
    const unsubscribe = request.onJobEvent ? jobs.subscribe(request.onJobEvent) : undefined;
    const objects = await jobs.run('restore', (job) => restoreObjects(db, to, media, key, { signal: job.signal, report: (p) => { job.report(p); request.report?.(p); } }),
      { ...(request.signal ? { signal: request.signal } : {}), ...(own !== undefined ? { existingJobId: own } : {}), params: { from: media.map((m) => m.root), to }, statusOf: (r) => (r.missing.length ? 'failed' : 'done') })
      .catch((e: unknown) => {
        // Cancelled (the desktop's button, Ctrl-C): said in words, with how to go on.
        if (request.signal?.aborted) throw VaultError.of('RESTORE_CANCELLED', mediaMessages.restoreCancelled, { to }, {}, e);
        throw e;
      })
      .finally(() => unsubscribe?.());
    const audit = auditOf(db, anchor);
    const report: RestoreReport = { vaultId: media[0]!.label.vaultId, to, media: media.map((m) => m.label.mediumId), snapshot, ...objects, audit, complete: objects.missing.length === 0 && audit.ok };
    if (objects.missing.length === 0) {
      db.close();
      await finishRestore(to, report.vaultId, key);
    }
    return report;
  } finally {
    if (db.open) db.close();
  }
}

/**
 * `lantai resume ID` in a folder a restore was interrupted in: the job row in the restored
 * catalog names the media it came from, so the same restore runs again under the same job.
 */
export async function resumeRestoreInto(request: { to: string; jobId: number; passphrase: string; signal?: AbortSignal; report?: (p: { done: number; total: number; failed?: number }) => void }): Promise<RestoreReport> {
  const to = path.resolve(request.to);
  const db = openRestoredCatalog(to);
  let from: string[];
  try {
    const job = getJob(db, request.jobId);
    if (!job || job.kind !== 'restore') throw VaultError.of('JOB_NOT_FOUND', mediaMessages.restoreJobNotFound, { id: request.jobId, dir: to });
    from = (JSON.parse(job.params) as { from?: string[] }).from ?? [];
  } finally {
    db.close();
  }
  return restoreInto({ from, to, passphrase: request.passphrase, resumeJobId: request.jobId, ...(request.signal ? { signal: request.signal } : {}), ...(request.report ? { report: request.report } : {}) });
}

/** Whether dir holds a restore that has not finished (resumable with the same media and passphrase). */
export function restoreInProgress(dir: string): boolean {
  return fs.existsSync(path.join(dir, RESTORE_MARKER)) && fs.existsSync(path.join(dir, 'catalog.sqlite'));
}

/** Used by restore drills and by `lantai restore`: the head recorded in the restored vault. */
export function restoredHead(dbFile: string): { seq: number; hash: string } {
  const db = openRestoredCatalog(path.dirname(dbFile));
  try {
    return auditHead(db);
  } finally {
    db.close();
  }
}
