import { authorize, failureDetail, guarded, guardedAsync, recordAudit, wasAudited, type Actor } from '../../auth/authorize.js';
import { disableOperatorsWithoutOpenProject } from '../../auth/project-scope.js';
import { isProjectScoped } from '../../auth/permissions.js';
import type { OperationContext, Session, Target } from '../../auth/types.js';
import type { Action } from '../../auth/permissions.js';
import { parseArchivalCode } from '../../catalog/archival-code.js';
import { getRecordByCode } from '../../catalog/records.js';
import { nowIso } from '../../db/database.js';
import { endDevice, getDevice, insertDevice, listDevices, outstandingDevices, recordUse } from '../../digitization/devices.js';
import { itemsOfRange, readItemsFile } from '../../digitization/items-file.js';
import { badInput } from '../../digitization/bad-input.js';
import { digitizationMessages } from '../../digitization/messages.js';
import { pageMetadata, writePageMetadata } from '../../digitization/page-metadata.js';
import { listPrechecks, recordPrecheck, type PrecheckOutcome } from '../../digitization/precheck.js';
import {
  addItems, addOperator, checkQcRule, DEFAULT_QC_RULE, insertProject, itemCounts, linkRecord, listItems, listOperators, listProjects, listReturns, markClosed, requireItem, requireItemState,
  requireOpen, requireProject, updateQcRule,
} from '../../digitization/projects.js';
import { printProcessSheet } from '../../digitization/sheet-pdf.js';
import { addSheetStep, sheetSteps } from '../../digitization/sheets.js';
import type {
  DeviceRow, ItemRow, NewDevice, NewItem, NewProject, NewSheetStep, OperatorRow, PageProcessMetadata, PrecheckInput, PrecheckRow, ProcessSheet, ProjectDetail, ProjectRow, QcRule,
} from '../../digitization/types.js';
import { VaultError } from '../../errors.js';
import { readQcSettings } from '../../qc/settings.js';
import { ingest } from '../../ingest/ingest-job.js';
import type { IngestMetadata } from '../../ingest/metadata.js';
import fs from 'node:fs';
import { Area, type JobCallOptions } from '../area.js';

/** Where a project's items come from: given, a CSV file of the paper catalog, or a range of one class. */
export interface ItemsSpec {
  items?: NewItem[];
  itemsFile?: string;
  range?: string;
}

export type CreateProjectRequest = Omit<NewProject, 'items'> & ItemsSpec;

export interface ScanRequest {
  /** Each item's scans: a folder of page images (or one file), ingested as that item. */
  items: { code: string; path: string }[];
  deviceId: string;
  software?: string;
}

export interface ScanResult {
  items: { code: string; recordId: number; recordCode: string; pages: number; alreadyIngested: boolean; warnings: number }[];
}

export interface SheetView {
  sheet: ProcessSheet;
  prechecks: PrecheckRow[];
  pages: PageProcessMetadata[];
}

function itemsOf(spec: ItemsSpec): NewItem[] {
  return [...(spec.items ?? []), ...(spec.range ? itemsOfRange(spec.range) : []), ...(spec.itemsFile ? readItemsFile(spec.itemsFile) : [])];
}

function projectTarget(p: ProjectRow): Target {
  return { type: 'digitization_project', id: p.id };
}

/**
 * Digitization projects (档案数字化外包安全管理规范): scope, vendor and operators (their accounts
 * limited to the project by the auth rules, disabled when it closes), the pre-check of each
 * item, scanning as ingest jobs that fill the process sheet and per-image process metadata, the
 * process sheets, and the register of devices and removable media at the scanning site.
 * Every operation is authorized on the project (a vendor operator only on their open ones).
 */
export class DigitizationArea extends Area {
  createProject(session: Session, request: CreateProjectRequest): ProjectDetail {
    const op = this.op(session);
    const target = { type: 'digitization_project', id: null };
    return guarded(op, 'manage_digitization', target, (actor) => {
      const items = itemsOf(request);
      const id = op.db.transaction(() => {
        const { items: _i, itemsFile: _f, range: _r, ...rest } = request;
        const defaults = readQcSettings(op.db);
        const base = { ...DEFAULT_QC_RULE, minDpi: defaults['qc.minDpi'], samplePercent: defaults['qc.samplePercent'], passMark: defaults['qc.passMark'] };
        const pid = insertProject(op.db, { ...rest, items }, actor.userId, nowIso(), base);
        recordAudit(op, 'manage_digitization', { type: 'digitization_project', id: pid }, 'ok', { op: 'create', name: request.name, vendor: request.vendor ?? '', inHouse: request.inHouse === true, items: items.length });
        return pid;
      })();
      return this.detail(op, requireProject(op.db, id));
    });
  }

  /** The projects the session works on: all for the archive room, their open ones for a vendor operator. */
  listProjects(session: Session): ProjectRow[] {
    const op = this.op(session);
    return guarded(op, 'digitize', { type: 'digitization_project', id: null }, (actor) => {
      const list = listProjects(op.db, isProjectScoped(actor.roles) ? actor.userId : undefined);
      recordAudit(op, 'digitize', { type: 'digitization_project', id: null }, 'ok', { op: 'list', returned: list.length });
      return list;
    });
  }

  showProject(session: Session, ref: string | number): ProjectDetail {
    return this.onProject(session, ref, 'digitize', 'show', (op, p) => this.detail(op, p));
  }

  addItems(session: Session, ref: string | number, spec: ItemsSpec): ProjectDetail {
    return this.onProject(session, ref, 'manage_digitization', 'add_items', (op, p) => {
      requireOpen(p);
      const items = itemsOf(spec);
      if (items.length === 0) throw VaultError.of('DIGITIZATION_BAD_INPUT', digitizationMessages.noItems);
      addItems(op.db, p.id, items);
      return this.detail(op, p);
    }, (d) => ({ items: d.items.length }));
  }

  addOperator(session: Session, ref: string | number, username: string): OperatorRow {
    return this.onProject(session, ref, 'manage_digitization', 'add_operator', (op, p, actor) => {
      requireOpen(p);
      return addOperator(op.db, p.id, username, actor.userId, nowIso());
    }, (o) => ({ operator: o.username, roles: o.roles }));
  }

  setQcRule(session: Session, ref: string | number, rule: Partial<QcRule>): ProjectRow {
    return this.onProject(session, ref, 'manage_digitization', 'set_qc_rule', (op, p) => {
      requireOpen(p);
      updateQcRule(op.db, p.id, checkQcRule(rule, p));
      return requireProject(op.db, p.id);
    }, (p) => ({ minDpi: p.minDpi, colourMode: p.colourMode, samplePercent: p.samplePercent, passMark: p.passMark }));
  }

  /**
   * Closes a project: refused while a device or medium of the site is neither returned nor
   * wiped; its vendor operators without another open project are disabled at once.
   */
  closeProject(session: Session, ref: string | number): { project: ProjectRow; disabled: string[] } {
    return this.onProject(session, ref, 'manage_digitization', 'close', (op, p, actor) => {
      requireOpen(p);
      const outstanding = outstandingDevices(op.db, p.id);
      if (outstanding.length > 0) {
        throw VaultError.of('DIGITIZATION_DEVICES_OUTSTANDING', digitizationMessages.devicesOutstanding, { count: outstanding.length, labels: outstanding.map((d) => d.label).join(', ') });
      }
      const at = nowIso();
      markClosed(op.db, p.id, actor.userId, at);
      const disabled = disableOperatorsWithoutOpenProject(op.db, p.id, at);
      return { project: requireProject(op.db, p.id), disabled };
    }, (r) => ({ disabled: r.disabled }));
  }

  precheck(session: Session, ref: string | number, code: string, input: PrecheckInput): PrecheckOutcome & { item: ItemRow } {
    return this.onProject(session, ref, 'digitize', 'precheck', (op, p, actor) => {
      requireOpen(p);
      const item = requireItem(op.db, p, code);
      requireItemState(item, ['pending', 'ready'], { zh: '预检', en: 'be pre-checked' });
      const outcome = recordPrecheck(op.db, p, item, input, { accountId: actor.userId, name: actor.displayName || actor.username }, nowIso());
      return { ...outcome, item: requireItem(op.db, p, code) };
    }, (r) => ({ code: r.item.archivalCode, result: r.result, mark: input.classificationMark ?? '' }));
  }

  /**
   * Scans items in: each item's folder is ingested as one record (an ingest job of the job
   * manager), linked to its item, and its process sheet and per-image metadata are written.
   * Only items that passed the pre-check are taken.
   */
  async scan(session: Session, ref: string | number, request: ScanRequest, options: JobCallOptions = {}): Promise<ScanResult> {
    const op = this.op(session);
    const p = requireProject(op.db, ref);
    const target = projectTarget(p);
    const actor = authorize(op, 'digitize', target);
    const result: ScanResult = { items: [] };
    try {
      requireOpen(p);
      if (!request.deviceId?.trim()) badInput('deviceId', '', '须写明扫描设备编号', 'names the scanning device');
      const items = request.items.map((x) => {
        const item = requireItem(op.db, p, x.code);
        requireItemState(item, ['ready'], { zh: '扫描（须先通过预检）', en: 'be scanned (it must pass the pre-check first)' });
        if (!fs.existsSync(x.path)) throw VaultError.of('DIGITIZATION_BAD_INPUT', digitizationMessages.scanPathMissing, { path: x.path });
        return { item, path: x.path };
      });
      for (const { item, path } of items) {
        // An item catalogued from a catalog file (awaiting its scans) gets them attached: its 档号 and fields stay.
        const entry = getRecordByCode(op.db, item.archivalCode);
        // measure: the pages are measured for machine QC as they are stored, so the batch's QC need not decode them again.
        const ingestRequest = entry && entry.scanStatus === 'awaiting' && entry.disposal === '' ? { paths: [path], attachTo: entry.archivalCode, measure: true } : { paths: [path], metadata: metadataOf(item), measure: true };
        // The job's own signal: the jobs panel's cancel (and the caller's signal, linked below) stop the scan.
        const summary = await this.host.jobManager.run('ingest', (job) => ingest(this.vault, ingestRequest, {
          signal: job.signal,
          onProgress: (pr) => {
            job.adopt(pr.jobId);
            job.report(pr);
            options.onProgress?.({ ...pr, kind: 'ingest', etaSeconds: null });
          },
        }), { ...(options.signal ? { signal: options.signal } : {}), params: { project: p.id, item: item.archivalCode }, statusOf: (s) => (s.status === 'cancelled' ? 'cancelled' : s.status === 'done' ? 'done' : 'failed') });
        if (summary.status === 'cancelled') throw VaultError.of('DIGITIZATION_SCAN_CANCELLED', digitizationMessages.scanCancelled, { code: item.archivalCode });
        const one = summary.items[0];
        if (summary.items.length !== 1 || !one || one.recordId === undefined || (one.status !== 'done' && one.status !== 'skipped')) {
          const reason = one?.error?.message ?? (summary.items.length !== 1 ? `${summary.items.length} items found in ${path}` : summary.status);
          throw VaultError.of('DIGITIZATION_SCAN_FAILED', digitizationMessages.scanFailed, { code: item.archivalCode, reason });
        }
        const recordId = one.recordId;
        const at = nowIso();
        const name = actor.displayName || actor.username;
        op.db.transaction(() => {
          linkRecord(op.db, item.id, recordId);
          const pages = writePageMetadata(op.db, recordId, { deviceId: request.deviceId.trim(), software: request.software?.trim() ?? '', operator: name, accountId: actor.userId, capturedAt: at });
          addSheetStep(op.db, p.id, item.id, { step: 'scan', deviceId: request.deviceId, count: pages, operator: name, at, note: `${one.archivalCode ?? ''} ingest job ${summary.jobId}` }, actor.userId, 'auto');
          recordAudit(op, 'digitize', target, 'ok', { op: 'scan', code: item.archivalCode, recordId, archivalCode: one.archivalCode, pages, device: request.deviceId, jobId: summary.jobId });
        })();
        const linked = requireItem(op.db, p, item.archivalCode);
        result.items.push({ code: item.archivalCode, recordId, recordCode: linked.recordCode ?? '', pages: linked.pageCount ?? 0, alreadyIngested: one.alreadyIngested === true, warnings: one.warnings.length });
      }
      return result;
    } catch (e) {
      if (!wasAudited(e)) recordAudit(op, 'digitize', target, 'failed', { op: 'scan', done: result.items.map((i) => i.code), ...failureDetail(e) });
      throw e;
    }
  }

  sheet(session: Session, ref: string | number, code: string): SheetView {
    return this.onProject(session, ref, 'digitize', 'sheet', (op, p) => sheetView(op, p, requireItem(op.db, p, code)), (v) => ({ code: v.sheet.archivalCode }));
  }

  /** The item's 流程单 printed as a PDF (A4 landscape, CJK font embedded), with its per-image process metadata and signature lines. */
  printSheet(session: Session, ref: string | number, code: string, out: string): Promise<{ path: string; pages: number; bytes: number }> {
    const op = this.op(session);
    const p = requireProject(op.db, ref);
    const target = projectTarget(p);
    return guardedAsync(op, 'digitize', target, async () => {
      const view = sheetView(op, p, requireItem(op.db, p, code));
      const printed = await printProcessSheet(view.sheet, view.pages, out);
      recordAudit(op, 'digitize', target, 'ok', { op: 'sheet_print', project: p.name, code: view.sheet.archivalCode, path: out, pages: printed.pages });
      return { path: out, ...printed };
    });
  }

  /** A step done by hand (拆卷, 装订 …) on an item's process sheet. */
  addSheetStep(session: Session, ref: string | number, code: string, step: NewSheetStep): SheetView {
    this.onProject(session, ref, 'digitize', 'sheet_add', (op, p, actor) => {
      requireOpen(p);
      const item = requireItem(op.db, p, code);
      return addSheetStep(op.db, p.id, item.id, { ...step, operator: step.operator ?? (actor.displayName || actor.username) }, actor.userId, 'manual');
    }, (id) => ({ code, step: step.step, stepId: id }));
    return this.sheet(session, ref, code);
  }

  addDevice(session: Session, ref: string | number, device: NewDevice): DeviceRow {
    return this.onProject(session, ref, 'digitize', 'device_add', (op, p, actor) => {
      requireOpen(p);
      return getDevice(op.db, insertDevice(op.db, p.id, device, actor.userId, nowIso()));
    }, (d) => ({ device: d.id, kind: d.kind, label: d.label, holder: d.holder }));
  }

  useDevice(session: Session, deviceId: number, use: { holder?: string; purpose: string }): DeviceRow {
    return this.onDevice(session, deviceId, 'device_use', (op, d, actor) => {
      recordUse(op.db, d, use, actor.userId, nowIso());
      return getDevice(op.db, d.id);
    });
  }

  /** The device or medium goes back (returned) or is wiped at the end (the note says how). */
  endDevice(session: Session, deviceId: number, state: 'returned' | 'wiped', note: string): DeviceRow {
    return this.onDevice(session, deviceId, `device_${state}`, (op, d, actor) => {
      endDevice(op.db, d, state, note, actor.userId, nowIso());
      return getDevice(op.db, d.id);
    });
  }

  devices(session: Session, ref: string | number): DeviceRow[] {
    return this.onProject(session, ref, 'digitize', 'devices', (op, p) => listDevices(op.db, p.id), (l) => ({ returned: l.length }));
  }

  private onDevice<T>(session: Session, deviceId: number, what: string, body: (op: OperationContext, d: DeviceRow, actor: Actor) => T): T {
    const op = this.op(session);
    const d = getDevice(op.db, deviceId);
    return this.onProject(session, d.projectId, 'digitize', what, (o, p, actor) => {
      requireOpen(p);
      return body(o, d, actor);
    }, () => ({ device: deviceId, label: d.label }));
  }

  private detail(op: OperationContext, p: ProjectRow): ProjectDetail {
    const items = listItems(op.db, p.id);
    return { project: p, items, counts: itemCounts(items), operators: listOperators(op.db, p.id), returns: listReturns(op.db, p.id), devices: listDevices(op.db, p.id) };
  }

  /** Authorized on the project (a vendor operator: only their open ones), run in one transaction, audited once. */
  private onProject<T>(session: Session, ref: string | number, action: Action, what: string, body: (op: OperationContext, p: ProjectRow, actor: Actor) => T, detail: (r: T) => Record<string, unknown> = () => ({})): T {
    const op = this.op(session);
    const p = requireProject(op.db, ref);
    const target = projectTarget(p);
    return guarded(op, action, target, (actor) =>
      op.db.transaction(() => {
        const r = body(op, p, actor);
        recordAudit(op, action, target, 'ok', { op: what, project: p.name, ...detail(r) });
        return r;
      })(),
    );
  }
}

function sheetView(op: OperationContext, p: ProjectRow, item: ItemRow): SheetView {
  return {
    sheet: { project: p.name, vendor: p.inHouse ? '' : p.vendor, archivalCode: item.archivalCode, title: item.title, recordCode: item.recordCode, steps: sheetSteps(op.db, item.id) },
    prechecks: listPrechecks(op.db, p.id, item.id),
    pages: item.recordId === null ? [] : pageMetadata(op.db, item.recordId),
  };
}

/** The catalog fields a scanned item gets from its 档号 in the paper catalog (ingest numbers it in that class). */
function metadataOf(item: ItemRow): IngestMetadata {
  try {
    const c = parseArchivalCode(item.archivalCode);
    return { fondsCode: c.fondsCode, categoryCode: c.categoryCode, year: c.year, retention: c.retention, orgUnit: c.orgUnit, title: item.title || item.archivalCode };
  } catch {
    return { title: item.title || item.archivalCode };
  }
}
