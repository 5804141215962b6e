import { authorize, failureDetail, guarded, guardedAsync, recordAudit, wasAudited, type Actor } from '../../auth/authorize.js';
import type { Action } from '../../auth/permissions.js';
import type { OperationContext, Session, Target } from '../../auth/types.js';
import { getRecord, getRecordByTypedCode } from '../../catalog/records.js';
import { nowIso } from '../../db/database.js';
import { itemById, itemOfRecord, listItems, requireOpen, requireProject, setItemState } from '../../digitization/projects.js';
import { addSheetStep } from '../../digitization/sheets.js';
import type { ProjectRow } from '../../digitization/types.js';
import { VaultError } from '../../errors.js';
import { getJob } from '../../jobs/job-store.js';
import { batchItems, batchPages, batchReport, getBatch, insertBatch, lastReturnedBatchOf, listBatches, listFindings, requireBatchState, setBatchSeed, setBatchState } from '../../qc/batches.js';
import { runMachineChecks, summarize } from '../../qc/machine.js';
import { qcMessages } from '../../qc/messages.js';
import { buildReport } from '../../qc/report.js';
import { printAcceptanceReport } from '../../qc/report-pdf.js';
import { rescanPage } from '../../qc/rescan.js';
import { checkVerdict, drawSample, judgePage, sampleResult, saveSample, storedSample } from '../../qc/sample.js';
import { readQcSettings, writeQcSetting, type QcSettings } from '../../qc/settings.js';
import type { AcceptanceReport, BatchRow, MachineSummary, RescanRequest, SamplePage, SampleResult } from '../../qc/types.js';
import { pageDerivedFor } from '../../search/access.js';
import { apiMessages } from '../messages.js';
import { Area, type JobCallOptions } from '../area.js';

export interface QcRunResult {
  batch: BatchRow;
  machine: MachineSummary;
}

export interface JudgeRequest {
  record: string;
  pageNo: number;
  verdict: 'pass' | 'fail';
  reason?: string;
  note?: string;
}

export interface DecideRequest {
  /** The archive room's signatory (the session's display name when omitted). */
  archiveSignatory?: string;
  /** The vendor's representative (required to accept an outsourced batch). */
  vendorSignatory?: string;
}

/**
 * QC and acceptance (DA/T 31): machine checks of a batch as a job ('qc', resumable), the
 * reproducible human sample judged page by page in the review screen (scan, OCR text, catalog
 * fields side by side), then acceptance with a 验收报告 or return with the defect list, and
 * re-scans. The vendor runs machine QC and re-scans; only the archive room samples and decides.
 */
export class QcArea extends Area {
  /**
   * Makes a batch of the project's scanned items not yet in QC (or goes on with the batch a
   * crash interrupted) and runs the machine checks on every page.
   */
  async run(session: Session, ref: string | number, request: { seed?: string } = {}, options: JobCallOptions = {}): Promise<QcRunResult> {
    const op = this.op(session);
    const p = requireProject(op.db, ref);
    const target = projectTarget(p);
    const actor = authorize(op, 'run_qc', target);
    try {
      requireOpen(p);
      const unfinished = listBatches(op.db, p.id).find((b) => b.state === 'checking');
      const batchId = unfinished?.id ?? this.newBatch(op, p, actor, request.seed);
      return await this.check(op, target, batchId, options);
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'run_qc', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  /** `lantai resume ID` of an interrupted machine-check job: pages already measured are not measured again. */
  async resume(session: Session, jobId: number, options: JobCallOptions = {}): Promise<QcRunResult> {
    const op = this.op(session);
    const job = getJob(op.db, jobId);
    if (!job || job.kind !== 'qc') throw VaultError.of('JOB_NOT_FOUND', apiMessages.noJobId, { id: jobId });
    const { batchId } = JSON.parse(job.params) as { batchId: number };
    const batch = getBatch(op.db, batchId);
    const target = { type: 'digitization_project', id: batch.projectId };
    authorize(op, 'run_qc', target);
    try {
      return await this.check(op, target, batchId, { ...options, resumeJobId: jobId });
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'run_qc', target, 'failed', failureDetail(e));
      throw e;
    }
  }

  batches(session: Session, ref: string | number): BatchRow[] {
    const op = this.op(session);
    const p = requireProject(op.db, ref);
    return this.guardedOn(op, 'run_qc', projectTarget(p), 'batches', () => listBatches(op.db, p.id), (l) => ({ returned: l.length }));
  }

  findings(session: Session, batchId: number): MachineSummary {
    return this.onBatch(session, batchId, 'run_qc', 'findings', (op, b) => summarize(b.id, b.pages, listFindings(pageDerivedFor(op), b.id)), (s) => ({ findings: s.findings.length }));
  }

  /**
   * Draws the batch's sample (the first time; a different seed may be given until a page is
   * judged) and returns the sampled pages as the review screen shows them.
   */
  sample(session: Session, batchId: number, request: { seed?: string } = {}): SamplePage[] {
    this.onBatch(session, batchId, 'accept_qc', 'sample', (op, b) => {
      requireBatchState(b, ['checked', 'sampled'], { zh: '抽检', en: 'be sampled' });
      const existing = storedSample(op.db, b.id);
      const reseed = request.seed !== undefined && request.seed.trim() !== '' && request.seed.trim() !== b.seed;
      if (existing.length > 0 && !reseed) return { size: existing.length, seed: b.seed };
      if (existing.some((s) => s.verdict !== null)) requireBatchState(b, ['checked'], { zh: '改变已开始判定的样本', en: 'redraw a sample already being judged' });
      const seed = reseed ? request.seed!.trim() : b.seed;
      if (reseed) setBatchSeed(op.db, b.id, seed);
      const drawn = drawSample(batchPages(op.db, b.id), b.samplePercent, seed);
      saveSample(op.db, b.id, drawn);
      setBatchState(op.db, b.id, 'sampled');
      return { size: drawn.length, seed };
    }, (r) => r);
    return this.samplePages(session, batchId);
  }

  /** The sampled pages for the side-by-side review: the scan, its OCR text and its catalog fields, with the machine findings. */
  samplePages(session: Session, batchId: number): SamplePage[] {
    return this.onBatch(session, batchId, 'accept_qc', 'review', (op, b) => {
      const pages = new Map(batchPages(op.db, b.id).map((p) => [p.pageId, p]));
      const texts = pageDerivedFor(op);
      const textCache = new Map<number, Map<number, string>>();
      return storedSample(op.db, b.id).map((s) => {
        const rec = getRecord(op.db, s.recordId)!;
        const page = pages.get(s.pageId);
        const item = itemOfRecord(op.db, s.recordId);
        if (!textCache.has(s.recordId)) textCache.set(s.recordId, new Map(texts.recordTexts(s.recordId).map((t) => [t.pageNo, t.text])));
        const sha = page?.imageSha256 ?? '';
        return {
          ordinal: s.ordinal, recordId: s.recordId, archivalCode: rec.archivalCode, pageNo: s.pageNo, pageCount: rec.pageCount,
          imageSha256: sha, imagePath: sha ? this.vault.store.pathOf(sha) : '',
          ocrText: textCache.get(s.recordId)!.get(s.pageNo) ?? null,
          catalog: { title: rec.title, creator: rec.creator, docNumber: rec.docNumber, docDate: rec.docDate, year: rec.year, retention: rec.retention, classification: rec.classification, itemTitle: item?.title ?? '', expectedPages: item?.expectedPages ?? null },
          findings: listFindings(texts, b.id, s.recordId, s.pageNo),
          verdict: s.verdict, reason: s.reason as SamplePage['reason'], note: s.note, judgedBy: s.judgedBy, judgedAt: s.judgedAt,
        };
      });
    }, (l) => ({ pages: l.length }));
  }

  judge(session: Session, batchId: number, request: JudgeRequest): SampleResult {
    return this.onBatch(session, batchId, 'accept_qc', 'judge', (op, b, actor) => {
      requireBatchState(b, ['sampled'], { zh: '判定', en: 'be judged' });
      const reason = checkVerdict(request.verdict, request.reason);
      const rec = getRecordByTypedCode(op.db, request.record);
      if (!rec) throw VaultError.of('RECORD_NOT_FOUND', apiMessages.noRecord, { id: request.record });
      judgePage(op.db, b, rec.id, rec.archivalCode, request.pageNo, request.verdict, reason, request.note ?? '', actor.userId, nowIso());
      return sampleResult(b, storedSample(op.db, b.id));
    }, (r) => ({ record: request.record, page: request.pageNo, verdict: request.verdict, reason: request.reason ?? '', judged: r.judged, size: r.size }));
  }

  result(session: Session, batchId: number): SampleResult {
    return this.onBatch(session, batchId, 'accept_qc', 'result', (op, b) => sampleResult(b, storedSample(op.db, b.id)), (r) => ({ verdict: r.verdict }));
  }

  /** Accepts a batch whose sample passed: its items are accepted, the 验收报告 kept with the batch. */
  accept(session: Session, batchId: number, request: DecideRequest): AcceptanceReport {
    return this.decide(session, batchId, 'accepted', request);
  }

  /** Returns a batch whose sample failed to the vendor with its defect list; its items may be re-scanned and checked again. */
  returnBatch(session: Session, batchId: number, request: DecideRequest = {}): AcceptanceReport {
    return this.decide(session, batchId, 'returned', request);
  }

  report(session: Session, batchId: number): AcceptanceReport {
    return this.onBatch(session, batchId, 'accept_qc', 'report', (op, b) => {
      requireBatchState(b, ['accepted', 'returned'], { zh: '出具报告（尚未决定）', en: 'give a report (not decided yet)' });
      return batchReport<AcceptanceReport>(op.db, b.id)!;
    }, (r) => ({ decision: r.decision }));
  }

  /** The decided batch's 验收报告 (or 退回单 with its defect list) printed as a PDF to sign, CJK font embedded. */
  printReport(session: Session, batchId: number, out: string): Promise<{ path: string; pages: number; bytes: number }> {
    const op = this.op(session);
    const b = getBatch(op.db, batchId);
    const target = { type: 'digitization_project', id: b.projectId };
    return guardedAsync(op, 'accept_qc', target, async () => {
      requireBatchState(b, ['accepted', 'returned'], { zh: '打印报告（尚未决定）', en: 'print a report (not decided yet)' });
      const report = batchReport<AcceptanceReport>(op.db, b.id)!;
      const printed = await printAcceptanceReport(report, out);
      recordAudit(op, 'accept_qc', target, 'ok', { op: 'report_print', batch: batchId, decision: report.decision, path: out, pages: printed.pages });
      return { path: out, ...printed };
    });
  }

  /** Replaces one page of a scanned item with a new scan; the old image is kept and the sheet notes it. */
  async rescan(session: Session, request: RescanRequest): Promise<{ archivalCode: string; pageNo: number; oldSha256: string; newSha256: string }> {
    const op = this.op(session);
    const rec = getRecordByTypedCode(op.db, request.record);
    if (!rec) throw VaultError.of('RECORD_NOT_FOUND', apiMessages.noRecord, { id: request.record });
    const item = itemOfRecord(op.db, rec.id);
    if (!item) throw VaultError.of('QC_RESCAN_INVALID', qcMessages.rescanNotInProject, { code: rec.archivalCode });
    const p = requireProject(op.db, item.projectId);
    const target = projectTarget(p);
    const actor = authorize(op, 'digitize', target);
    try {
      requireOpen(p);
      if (item.state !== 'scanned') throw VaultError.of('QC_RESCAN_INVALID', qcMessages.rescanState, { code: rec.archivalCode, state: item.state });
      if (!Number.isInteger(request.pageNo) || request.pageNo < 1 || request.pageNo > rec.pageCount) throw VaultError.of('QC_RESCAN_INVALID', qcMessages.rescanPage, { code: rec.archivalCode, page: request.pageNo });
      if (!request.reason?.trim()) throw VaultError.of('QC_RESCAN_INVALID', qcMessages.rescanFile, { file: request.file, reason: 'a reason is required' });
      const r = await rescanPage(this.vault, {
        recordId: rec.id, archivalCode: rec.archivalCode, pageNo: request.pageNo, file: request.file, reason: request.reason, deviceId: request.deviceId ?? '', software: request.software ?? '',
        item, batchId: lastReturnedBatchOf(op.db, item.id), by: { accountId: actor.userId, name: actor.displayName || actor.username },
      });
      recordAudit(op, 'digitize', target, 'ok', { op: 'rescan', archivalCode: rec.archivalCode, page: request.pageNo, old: r.oldSha256, new: r.newSha256, reason: request.reason });
      return { archivalCode: rec.archivalCode, pageNo: request.pageNo, oldSha256: r.oldSha256, newSha256: r.newSha256 };
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'digitize', target, 'failed', { op: 'rescan', ...failureDetail(e) });
      throw e;
    }
  }

  settings(session: Session): QcSettings {
    const op = this.op(session);
    return this.guardedOn(op, 'accept_qc', { type: 'qc_settings', id: null }, 'settings', () => readQcSettings(op.db));
  }

  setSetting(session: Session, name: string, value: string): QcSettings {
    const op = this.op(session);
    return this.guardedOn(op, 'accept_qc', { type: 'qc_settings', id: name }, 'set_setting', () => writeQcSetting(op.db, name, value), () => ({ name, value }));
  }

  private newBatch(op: OperationContext, p: ProjectRow, actor: Actor, seed: string | undefined): number {
    const waiting = listItems(op.db, p.id).filter((i) => i.state === 'scanned' && i.recordId !== null);
    if (waiting.length === 0) throw VaultError.of('QC_NOTHING_TO_CHECK', qcMessages.nothingToCheck, { project: p.name });
    return op.db.transaction(() =>
      insertBatch(op.db, p.id, { minDpi: p.minDpi, colourMode: p.colourMode, samplePercent: p.samplePercent, passMark: p.passMark, ...(seed ? { seed } : {}) },
        waiting.map((i) => ({ itemId: i.id, recordId: i.recordId! })), actor.userId, nowIso()),
    )();
  }

  private async check(op: OperationContext, target: Target, batchId: number, options: JobCallOptions): Promise<QcRunResult> {
    const machine = await this.host.jobManager.run('qc', (job) => runMachineChecks(this.vault, batchId, {
      signal: job.signal,
      report: (done, total) => job.report({ done, total, message: `batch ${batchId}` }),
    }), { ...this.jobOptions(options), params: { batchId } });
    const batch = getBatch(op.db, batchId);
    op.db.transaction(() => {
      const name = op.session.displayName || op.session.username;
      for (const it of batchItems(op.db, batchId)) {
        const item = itemById(op.db, it.itemId)!;
        const n = machine.findings.filter((f) => f.recordId === it.recordId).length;
        addSheetStep(op.db, batch.projectId, item.id, { step: 'qc', count: item.pageCount ?? 0, operator: name, note: `机器质检 / machine QC, batch ${batch.seq}: ${n} findings` }, op.session.userId, 'auto');
      }
      recordAudit(op, 'run_qc', target, 'ok', { op: 'machine_check', batch: batchId, pages: machine.pages, pagesWithFindings: machine.pagesWithFindings, counts: machine.counts });
    })();
    return { batch, machine };
  }

  private decide(session: Session, batchId: number, decision: 'accepted' | 'returned', request: DecideRequest): AcceptanceReport {
    return this.onBatch(session, batchId, 'accept_qc', decision === 'accepted' ? 'accept' : 'return', (op, b, actor) => {
      requireBatchState(b, ['sampled'], decision === 'accepted' ? { zh: '验收', en: 'be accepted' } : { zh: '退回', en: 'be returned' });
      const p = requireProject(op.db, b.projectId);
      const result = sampleResult(b, storedSample(op.db, b.id));
      if (result.verdict === 'pending') throw VaultError.of('QC_SAMPLE_INCOMPLETE', qcMessages.sampleIncomplete, { left: result.size - result.judged });
      const params = { rate: result.passRate ?? 0, mark: b.passMark, failed: result.failed, size: result.size };
      if (decision === 'accepted' && result.verdict !== 'pass') throw VaultError.of('QC_SAMPLE_FAILED', qcMessages.sampleFailed, params);
      if (decision === 'returned' && result.verdict === 'pass') throw VaultError.of('QC_SAMPLE_PASSED', qcMessages.samplePassed, params);
      const signatory = request.archiveSignatory?.trim() || actor.displayName || actor.username;
      const vendor = request.vendorSignatory?.trim() ?? '';
      if (decision === 'accepted' && !p.inHouse && vendor === '') throw VaultError.of('QC_SIGNATORY_REQUIRED', qcMessages.signatoryRequired);
      const at = nowIso();
      const report = buildReport(op.db, pageDerivedFor(op), p, b, decision, { archiveRoom: signatory, vendor }, at);
      setBatchState(op.db, b.id, decision, { decidedAt: at, decidedBy: actor.userId, report });
      for (const it of batchItems(op.db, b.id)) {
        setItemState(op.db, it.itemId, decision === 'accepted' ? 'accepted' : 'scanned');
        const defects = report.defects.filter((d) => d.archivalCode === it.archivalCode).length;
        addSheetStep(op.db, p.id, it.itemId, {
          step: 'qc', operator: signatory, at,
          note: decision === 'accepted' ? `验收通过 / accepted, batch ${b.seq}` : `退回返工 / returned, batch ${b.seq}: ${defects} defects`,
        }, actor.userId, 'auto');
      }
      return report;
    }, (r) => ({ decision, sample: { size: r.sample.size, failed: r.sample.failed, passRate: r.sample.passRate }, defects: r.defects.length }));
  }

  private onBatch<T>(session: Session, batchId: number, action: Action, what: string, body: (op: OperationContext, b: BatchRow, actor: Actor) => T, detail: (r: T) => Record<string, unknown> = () => ({})): T {
    const op = this.op(session);
    const b = getBatch(op.db, batchId);
    return this.guardedOn(op, action, { type: 'digitization_project', id: b.projectId }, what, (actor) => body(op, getBatch(op.db, batchId), actor), (r) => ({ batch: batchId, ...detail(r) }));
  }

  private guardedOn<T>(op: OperationContext, action: Action, target: Target, what: string, body: (actor: Actor) => T, detail: (r: T) => Record<string, unknown> = () => ({})): T {
    return guarded(op, action, target, (actor) =>
      op.db.transaction(() => {
        const r = body(actor);
        recordAudit(op, action, target, 'ok', { op: what, ...detail(r) });
        return r;
      })(),
    );
  }
}

function projectTarget(p: ProjectRow): Target {
  return { type: 'digitization_project', id: p.id };
}
