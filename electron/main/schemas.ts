/**
 * One request schema per IPC channel, applied in one place (dispatch) before any handler runs:
 * what the renderer sends is untrusted, so each channel's request is rebuilt from checked
 * fields only (unknown fields are dropped, lengths bounded). The engine still validates
 * meanings (user names, dates, query syntax).
 */
import {
  COLOUR_RULES, DEVICE_KINDS, FAIL_REASONS, MEDIA_TYPES, PROCESS_STEPS,
  type AccountSpec, type CatalogSelection, type EditPatch, type FirstRunInput, type IngestMetadata, type ItemsSpec, type MediumRef, type NewItem, type NewMedium, type PrecheckInput, type ProposalAction, type QcRule, type Retention, type Role, type TransferSelection,
} from '../../native/api/index.js';
import type { ApprovalInput, Channel, Req } from '../contract.js';
import { registerSchemas } from './schemas-registers.js';
import { reviewSchemas } from './schemas-review.js';
import { settingsSchemas } from './schemas-settings.js';
import { int, obj, oneOf, optBool, optInt, optIntList, optObj, optOneOf, optStr, str, strList, type Obj } from './request.js';

const META_STRINGS = ['fondsCode', 'categoryCode', 'retention', 'orgUnit', 'title', 'creator', 'docNumber', 'docDate', 'classification', 'classificationPeriod', 'remarks'] as const;
const ROLE_NAMES = ['sysadmin', 'security_officer', 'auditor', 'archivist', 'backup_officer', 'vendor_operator'] as const satisfies readonly Role[];
const FILTER_NAMES = ['year', 'retention', 'classification', 'category', 'org', 'code', 'fonds'] as const;

function metadataOf(o: Obj): IngestMetadata | undefined {
  if (o['metadata'] === undefined || o['metadata'] === null) return undefined;
  const m = obj(o['metadata'], 'metadata');
  const out: IngestMetadata = {};
  for (const k of META_STRINGS) {
    const v = optStr(m, k, 1000);
    if (v !== undefined) out[k] = v;
  }
  const year = optInt(m, 'year');
  if (year !== undefined) out.year = year;
  return out;
}

function newAccount(o: Obj, key: string): { username: string; password: string; displayName: string } {
  const a = obj(o[key], key);
  return { username: str(a, 'username', 64), password: str(a, 'password', 1024), displayName: optStr(a, 'displayName', 64) ?? '' };
}

/** Copies the defined optional values only (the engine's types use absent, not undefined). */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

const none = (): void => undefined;

function mediumRef(raw: unknown, field = 'request'): MediumRef {
  const o = obj(raw, field);
  return defined({ mediumId: str(o, 'mediumId', 64), path: optStr(o, 'path') });
}

function mediumRefs(o: Obj, key: string): MediumRef[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 20) return [mediumRef(undefined, key)];
  return v.map((x) => mediumRef(x, key));
}

function move(raw: unknown, siteRequired: boolean) {
  const o = obj(raw);
  return defined({
    mediumId: str(o, 'mediumId', 64), toSite: siteRequired ? str(o, 'toSite', 200) : optStr(o, 'toSite', 200),
    courier: optStr(o, 'courier', 200), count: optInt(o, 'count'), note: optStr(o, 'note', 1000),
  });
}

/** Refuses a field as BAD_REQUEST (obj() throws for anything that is not an object). */
function refuse(field: string): never {
  obj(undefined, field);
  throw new Error('unreachable');
}

/** A digitization project by id (number) or name (string). */
function projectRef(o: Obj): string | number {
  const v = o['project'];
  if (typeof v === 'number') return int(o, 'project');
  return str(o, 'project', 200);
}

function optNumber(o: Obj, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) refuse(key);
  return v;
}

function qcRule(o: Obj): Partial<QcRule> {
  return defined({ minDpi: optInt(o, 'minDpi'), colourMode: optOneOf(o, 'colourMode', COLOUR_RULES), samplePercent: optNumber(o, 'samplePercent'), passMark: optNumber(o, 'passMark') });
}

function itemsSpec(o: Obj): ItemsSpec {
  const raw = o['items'];
  let items: NewItem[] | undefined;
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw) || raw.length > 100_000) refuse('items');
    items = raw.map((x) => {
      const i = obj(x, 'items');
      return defined({ archivalCode: str(i, 'archivalCode', 200), title: optStr(i, 'title', 1000), expectedPages: optInt(i, 'expectedPages') });
    });
  }
  return defined({ items, itemsFile: optStr(o, 'itemsFile'), range: optStr(o, 'range', 500) });
}

function precheckInput(raw: unknown): PrecheckInput {
  const o = obj(raw, 'input');
  const flag = (k: string) => {
    const v = optBool(o, k);
    return v === undefined ? refuse(k) : v;
  };
  return defined({
    classificationMark: optStr(o, 'classificationMark', 100), declassified: optBool(o, 'declassified'), complete: flag('complete'), orderOk: flag('orderOk'),
    matchesCatalog: flag('matchesCatalog'), pageCount: optInt(o, 'pageCount'), note: optStr(o, 'note', 1000), returnedTo: optStr(o, 'returnedTo', 200),
  });
}

const batchOnly = (raw: unknown) => ({ batchId: int(obj(raw), 'batchId') });
const projectOnly = (raw: unknown) => ({ project: projectRef(obj(raw)) });
const decide = (raw: unknown) => {
  const o = obj(raw);
  return defined({ batchId: int(o, 'batchId'), archiveSignatory: optStr(o, 'archiveSignatory', 200), vendorSignatory: optStr(o, 'vendorSignatory', 200) });
};

const passphrase = (raw: unknown) => ({ passphrase: str(obj(raw), 'passphrase', 1024) });
const EDIT_FIELDS = ['fondsCode', 'categoryCode', 'year', 'retention', 'orgUnit', 'title', 'creator', 'docNumber', 'docDate', 'classification', 'classificationPeriod', 'remarks'] as const;
const RETENTION_CODES = ['Y', 'D30', 'D10'] as const satisfies readonly Retention[];
const PROPOSAL_KINDS = ['keep', 'open', 'restrict', 'destroy'] as const satisfies readonly ProposalAction[];

/** What a transfer takes: a year, a category, 档号 and/or a search query (all given must hold). */
function transferSelectionOf(raw: unknown, field = 'selection'): TransferSelection {
  const o = obj(raw, field);
  return defined({
    year: optInt(o, 'year'), categoryCode: optStr(o, 'categoryCode', 8), query: optStr(o, 'query', 2000),
    codes: o['codes'] === undefined ? undefined : strList(o, 'codes', 100_000),
  });
}

function approvalOf(raw: unknown): ApprovalInput {
  const o = obj(raw, 'approval');
  return { username: str(o, 'username', 64), password: str(o, 'password', 1024), keyPassphrase: str(o, 'keyPassphrase', 1024) };
}

const PACKAGE_KINDS = ['folder', 'zip'] as const;

function packageRef(raw: unknown) {
  const o = obj(raw);
  return defined({ path: str(o, 'path'), pin: optStr(o, 'pin') });
}

/** A selection of records: ids, 档号 and class filters (the engine checks what they mean). */
function selectionOf(raw: unknown, field = 'selection'): CatalogSelection {
  const o = optObj(raw, field);
  const ids = optIntList(o, 'ids');
  const codes = o['codes'] === undefined ? undefined : strList(o, 'codes', 100_000);
  return defined({
    ids, codes,
    year: optInt(o, 'year'),
    categoryCode: optStr(o, 'categoryCode', 8),
    fondsCode: optStr(o, 'fondsCode', 40),
    retention: optStr(o, 'retention', 8),
    orgUnit: optStr(o, 'orgUnit', 80),
  });
}

/** The fields an edit may carry: strings (year a number or a string), unknown ones dropped. */
function editPatchOf(raw: unknown): EditPatch {
  const o = obj(raw, 'patch');
  const out: Record<string, string | number | null> = {};
  for (const k of EDIT_FIELDS) {
    if (o[k] === undefined) continue;
    if (k === 'year' && typeof o[k] === 'number') out[k] = int(o, k);
    else if (k === 'docDate' && o[k] === null) out[k] = null;
    else out[k] = str(o, k, 2000);
  }
  return out as EditPatch;
}
const recordSuggestion = (raw: unknown) => {
  const o = obj(raw);
  return { recordId: int(o, 'recordId'), suggestionId: int(o, 'suggestionId') };
};

export const schemas: { [C in Channel]: (raw: unknown) => Req<C> } = {
  'app:status': none,
  'vault:open': (raw) => ({ path: str(obj(raw), 'path') }),
  'vault:create': (raw) => ({ path: str(obj(raw), 'path') }),
  'vault:close': none,
  'dialog:choosePaths': (raw) => ({ kind: oneOf(obj(raw), 'kind', ['files', 'folder', 'vault'] as const) }),
  'auth:setup': (raw): FirstRunInput => {
    const o = obj(raw);
    return { sysadmin: newAccount(o, 'sysadmin'), securityOfficer: newAccount(o, 'securityOfficer'), auditor: newAccount(o, 'auditor') };
  },
  'auth:login': (raw) => {
    const o = obj(raw);
    return { username: str(o, 'username', 64), password: str(o, 'password', 1024) };
  },
  'auth:logout': none,
  'auth:unlock': (raw) => ({ password: str(obj(raw), 'password', 1024) }),
  'auth:changePassword': (raw) => {
    const o = obj(raw);
    return { oldPassword: str(o, 'oldPassword', 1024), newPassword: str(o, 'newPassword', 1024) };
  },
  'records:list': (raw) => {
    const o = optObj(raw);
    return defined({
      year: optInt(o, 'year'),
      retention: optStr(o, 'retention', 8),
      categoryCode: optStr(o, 'categoryCode', 8),
      held: optBool(o, 'held'),
      limit: optInt(o, 'limit'),
      offset: optInt(o, 'offset'),
    });
  },
  'records:get': (raw) => ({ id: int(obj(raw), 'id') }),
  'records:pageImage': (raw) => {
    const o = obj(raw);
    return { imageSha256: str(o, 'imageSha256', 64), kind: oneOf(o, 'kind', ['thumb', 'normalized'] as const) };
  },
  'suggestions:accept': recordSuggestion,
  'suggestions:reject': recordSuggestion,
  'review:clearHold': (raw) => {
    const o = obj(raw);
    return { recordId: int(o, 'recordId'), basis: str(o, 'basis', 500) };
  },
  'ingest:start': (raw) => {
    const o = obj(raw);
    const metadata = metadataOf(o);
    return defined({ paths: strList(o, 'paths', 1000), ...(metadata ? { metadata } : {}), eachFile: optBool(o, 'eachFile'), attachTo: optStr(o, 'attachTo', 200) });
  },
  'jobs:list': none,
  'jobs:running': none,
  'dashboard:summary': none,
  'jobs:cancel': (raw) => ({ jobId: int(obj(raw), 'jobId') }),
  'jobs:resume': (raw) => ({ jobId: int(obj(raw), 'jobId') }),
  'ocr:start': none,
  'search:query': (raw) => {
    const o = obj(raw);
    const f = optObj(o['filters'], 'filters');
    const filters = defined(Object.fromEntries(FILTER_NAMES.map((k) => [k, optStr(f, k, 100)])));
    return defined({
      query: str(o, 'query', 1000),
      from: optStr(o, 'from', 32),
      to: optStr(o, 'to', 32),
      limit: optInt(o, 'limit'),
      offset: optInt(o, 'offset'),
      sort: optOneOf(o, 'sort', ['relevance', 'dateAsc', 'dateDesc'] as const),
      dateField: optOneOf(o, 'dateField', ['docDate', 'anyDate'] as const),
      pages: optOneOf(o, 'pages', ['best', 'all'] as const),
      fuzzy: optBool(o, 'fuzzy'),
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
    });
  },
  'audit:read': (raw) => {
    const o = optObj(raw);
    return defined({
      limit: optInt(o, 'limit'),
      offset: optInt(o, 'offset'),
      username: optStr(o, 'username', 64),
      action: optStr(o, 'action', 64),
      result: optOneOf(o, 'result', ['ok', 'denied', 'failed'] as const),
    });
  },
  'audit:verify': none,
  'accounts:list': none,
  'accounts:create': (raw): AccountSpec => {
    const o = obj(raw);
    const roles = strList(o, 'roles', 5).map((r) => oneOf({ r }, 'r', ROLE_NAMES));
    return { username: str(o, 'username', 64), password: str(o, 'password', 1024), displayName: optStr(o, 'displayName', 64) ?? '', roles };
  },
  'media:list': (raw) => defined({ includeRetired: optBool(optObj(raw), 'includeRetired') }),
  'media:show': (raw) => ({ mediumId: str(obj(raw), 'mediumId', 64) }),
  'media:add': (raw): NewMedium => {
    const o = obj(raw);
    return defined({
      type: oneOf(o, 'type', MEDIA_TYPES), site: str(o, 'site', 200), id: optStr(o, 'id', 64), label: optStr(o, 'label', 200), brand: optStr(o, 'brand', 200),
      batch: optStr(o, 'batch', 200), capacityBytes: optInt(o, 'capacityBytes'), expectedLifeYears: optInt(o, 'expectedLifeYears'), custodian: optStr(o, 'custodian', 200),
      mountPath: optStr(o, 'mountPath'),
    });
  },
  'media:label': (raw) => {
    const o = obj(raw);
    return { mediumId: str(o, 'mediumId', 64), outDir: str(o, 'outDir') };
  },
  'media:recognize': (raw) => ({ path: str(obj(raw), 'path') }),
  'media:checkout': (raw) => move(raw, true) as { mediumId: string; toSite: string },
  'media:checkin': (raw) => move(raw, false),
  'media:retire': (raw) => {
    const o = obj(raw);
    return { mediumId: str(o, 'mediumId', 64), reason: str(o, 'reason', 1000) };
  },
  'media:transport': (raw) => defined({ mediumId: optStr(optObj(raw), 'mediumId', 64) }),
  'media:rotation': (raw) => defined({ horizonDays: optInt(optObj(raw), 'horizonDays') }),
  'media:keyCreate': passphrase,
  'media:keyUnlock': passphrase,
  'media:recoverySheet': none,
  'media:settings': none,
  'media:setSetting': (raw) => {
    const o = obj(raw);
    return { name: str(o, 'name', 64), value: str(o, 'value', 200) };
  },
  'media:backup': (raw) => mediumRef(raw),
  'media:verify': (raw) => defined({ ...mediumRef(raw), mode: optOneOf(obj(raw), 'mode', ['full', 'sample'] as const) }),
  'media:runs': (raw) => defined({ mediumId: optStr(optObj(raw), 'mediumId', 64) }),
  'media:alerts': (raw) => {
    const o = optObj(raw);
    return defined({ all: optBool(o, 'all'), mediumId: optStr(o, 'mediumId', 64) });
  },
  'media:handleAlert': (raw) => {
    const o = obj(raw);
    return { id: int(o, 'id'), note: str(o, 'note', 1000) };
  },
  'media:erasures': (raw) => {
    const o = optObj(raw);
    return defined({ all: optBool(o, 'all'), mediumId: optStr(o, 'mediumId', 64) });
  },
  'media:confirmErasure': (raw) => ({ ...mediumRef(raw), note: str(obj(raw), 'note', 1000) }),
  'media:coverage': none,
  'media:where': (raw) => ({ archivalCode: str(obj(raw), 'archivalCode', 200) }),
  'media:repair': (raw) => ({ ...mediumRef(raw), sources: mediumRefs(obj(raw), 'sources') }),
  'media:repairVault': (raw) => ({ sources: mediumRefs(obj(raw), 'sources') }),
  'media:migrate': (raw) => {
    const o = obj(raw);
    return defined({ from: str(o, 'from', 64), to: mediumRef(o['to'], 'to'), fromPath: optStr(o, 'fromPath', 4096), reason: optStr(o, 'reason', 1000) });
  },
  'media:drill': (raw) => {
    const o = obj(raw);
    return { from: strList(o, 'from', 20), passphrase: str(o, 'passphrase', 1024) };
  },
  'media:restoreCancel': none,
  'media:restore': (raw) => {
    const o = obj(raw);
    return { from: strList(o, 'from', 20), to: str(o, 'to'), passphrase: str(o, 'passphrase', 1024) };
  },

  'digitization:list': none,
  'digitization:show': projectOnly,
  'digitization:create': (raw) => {
    const o = obj(raw);
    return defined({
      name: str(o, 'name', 200), vendor: optStr(o, 'vendor', 200), inHouse: optBool(o, 'inHouse'), contractRef: optStr(o, 'contractRef', 200), site: optStr(o, 'site', 200),
      ...qcRule(o), ...itemsSpec(o),
    });
  },
  'digitization:addItems': (raw) => {
    const o = obj(raw);
    return { project: projectRef(o), ...itemsSpec(o) };
  },
  'digitization:addOperator': (raw) => {
    const o = obj(raw);
    return { project: projectRef(o), username: str(o, 'username', 64) };
  },
  'digitization:setQcRule': (raw) => {
    const o = obj(raw);
    return { project: projectRef(o), rule: qcRule(obj(o['rule'], 'rule')) };
  },
  'digitization:close': projectOnly,
  'digitization:precheck': (raw) => {
    const o = obj(raw);
    return { project: projectRef(o), code: str(o, 'code', 200), input: precheckInput(o['input']) };
  },
  'digitization:scan': (raw) => {
    const o = obj(raw);
    const items = o['items'];
    if (!Array.isArray(items) || items.length === 0 || items.length > 10_000) refuse('items');
    return defined({
      project: projectRef(o),
      items: items.map((x) => {
        const i = obj(x, 'items');
        return { code: str(i, 'code', 200), path: str(i, 'path') };
      }),
      deviceId: str(o, 'deviceId', 100),
      software: optStr(o, 'software', 200),
    });
  },
  'digitization:sheet': (raw) => {
    const o = obj(raw);
    return { project: projectRef(o), code: str(o, 'code', 200) };
  },
  'digitization:printSheet': (raw) => {
    const o = obj(raw);
    return { project: projectRef(o), code: str(o, 'code', 200), out: str(o, 'out') };
  },
  'digitization:addSheetStep': (raw) => {
    const o = obj(raw);
    const st = obj(o['step'], 'step');
    return {
      project: projectRef(o), code: str(o, 'code', 200),
      step: defined({ step: oneOf(st, 'step', PROCESS_STEPS), deviceId: optStr(st, 'deviceId', 100), count: optInt(st, 'count'), operator: optStr(st, 'operator', 100), at: optStr(st, 'at', 40), note: optStr(st, 'note', 1000) }),
    };
  },
  'digitization:devices': projectOnly,
  'digitization:addDevice': (raw) => {
    const o = obj(raw);
    const d = obj(o['device'], 'device');
    return { project: projectRef(o), device: defined({ kind: oneOf(d, 'kind', DEVICE_KINDS), label: str(d, 'label', 100), serial: optStr(d, 'serial', 200), description: optStr(d, 'description', 1000), holder: str(d, 'holder', 100) }) };
  },
  'digitization:useDevice': (raw) => {
    const o = obj(raw);
    return defined({ deviceId: int(o, 'deviceId'), purpose: str(o, 'purpose', 1000), holder: optStr(o, 'holder', 100) });
  },
  'digitization:endDevice': (raw) => {
    const o = obj(raw);
    return { deviceId: int(o, 'deviceId'), state: oneOf(o, 'state', ['returned', 'wiped'] as const), note: optStr(o, 'note', 1000) ?? '' };
  },
  'qc:run': (raw) => {
    const o = obj(raw);
    return defined({ project: projectRef(o), seed: optStr(o, 'seed', 200) });
  },
  'qc:batches': projectOnly,
  'qc:findings': batchOnly,
  'qc:sample': (raw) => {
    const o = obj(raw);
    return defined({ batchId: int(o, 'batchId'), seed: optStr(o, 'seed', 200) });
  },
  'qc:samplePages': batchOnly,
  'qc:judge': (raw) => {
    const o = obj(raw);
    return defined({
      batchId: int(o, 'batchId'), record: str(o, 'record', 200), pageNo: int(o, 'pageNo'), verdict: oneOf(o, 'verdict', ['pass', 'fail'] as const),
      reason: optOneOf(o, 'reason', FAIL_REASONS), note: optStr(o, 'note', 1000),
    });
  },
  'qc:result': batchOnly,
  'qc:accept': decide,
  'qc:return': decide,
  'qc:report': batchOnly,
  'qc:printReport': (raw) => {
    const o = obj(raw);
    return { batchId: int(o, 'batchId'), out: str(o, 'out') };
  },
  'qc:rescan': (raw) => {
    const o = obj(raw);
    return defined({ record: str(o, 'record', 200), pageNo: int(o, 'pageNo'), file: str(o, 'file'), reason: str(o, 'reason', 1000), deviceId: optStr(o, 'deviceId', 100), software: optStr(o, 'software', 200) });
  },
  'qc:settings': none,
  'qc:setSetting': (raw) => {
    const o = obj(raw);
    return { name: str(o, 'name', 64), value: str(o, 'value', 32) };
  },
  'transfer:preview': (raw) => transferSelectionOf(raw),
  'transfer:selfCheck': (raw) => transferSelectionOf(raw),
  'transfer:export': (raw) => {
    const o = obj(raw);
    const r = obj(o['request'], 'request');
    const request = defined({
      selection: transferSelectionOf(r['selection']), output: str(r, 'output'), kind: optOneOf(r, 'kind', PACKAGE_KINDS),
      toUnit: optStr(r, 'toUnit', 200), transferName: optStr(r, 'transferName', 500), carrierCapacity: optInt(r, 'carrierCapacity'),
    });
    return { request, approval: approvalOf(o['approval']) };
  },
  'transfer:list': none,
  'transfer:recordReceipt': (raw) => {
    const o = obj(raw);
    return defined({ file: str(o, 'file'), pin: optStr(o, 'pin') });
  },
  'receiving:verify': (raw) => packageRef(raw),
  'receiving:import': (raw) => packageRef(raw),
  'receiving:issueReceipt': (raw) => {
    const o = obj(raw);
    return { importId: int(o, 'importId'), out: str(o, 'out'), approval: approvalOf(o['approval']) };
  },
  'receiving:list': none,
  'catalog:edit': (raw) => {
    const o = obj(raw);
    return defined({ refs: strList(o, 'refs', 10_000), patch: editPatchOf(o['patch']), reason: optStr(o, 'reason', 2000) });
  },
  'catalog:preview': (raw) => selectionOf(raw),
  'catalog:confirm': (raw) => selectionOf(raw),
  'catalog:renumber': (raw) => {
    const o = obj(raw);
    const c = obj(o['cls'], 'cls');
    return defined({
      cls: { fondsCode: optStr(c, 'fondsCode', 40) ?? '', categoryCode: str(c, 'categoryCode', 8), year: int(c, 'year'), retention: oneOf(c, 'retention', RETENTION_CODES), orgUnit: optStr(c, 'orgUnit', 80) ?? '' },
      byDate: optBool(o, 'byDate'), includeFixed: optBool(o, 'includeFixed'), reason: optStr(o, 'reason', 2000), dryRun: optBool(o, 'dryRun'),
    });
  },
  'catalog:export': (raw) => {
    const o = obj(raw);
    return { format: oneOf(o, 'format', ['xlsx', 'csv', 'xml'] as const), out: str(o, 'out'), selection: selectionOf(o['selection']) };
  },
  'catalog:import': (raw) => ({ file: str(obj(raw), 'file') }),
  'print:catalog': (raw) => {
    const o = obj(raw);
    return defined({ out: str(o, 'out'), selection: selectionOf(o['selection']), unitName: optStr(o, 'unitName', 200) });
  },
  'print:stamps': (raw) => {
    const o = obj(raw);
    return { out: str(o, 'out'), selection: selectionOf(o['selection']) };
  },
  'appraisal:due': (raw) => defined({ asOf: optStr(optObj(raw), 'asOf', 10) }),
  'appraisal:propose': (raw) => {
    const o = obj(raw);
    return defined({
      roundId: optInt(o, 'roundId'), title: optStr(o, 'title', 200), recordId: int(o, 'recordId'), action: oneOf(o, 'action', PROPOSAL_KINDS),
      newRetention: optStr(o, 'newRetention', 8), reason: str(o, 'reason', 2000), loweringReason: optStr(o, 'loweringReason', 2000),
    });
  },
  'appraisal:vote': (raw) => {
    const o = obj(raw);
    return defined({ roundId: int(o, 'roundId'), vote: oneOf(o, 'vote', ['agree', 'disagree'] as const), comment: optStr(o, 'comment', 2000), proposalIds: optIntList(o, 'proposalIds', 10_000) });
  },
  'appraisal:approve': (raw) => {
    const o = obj(raw);
    return { roundId: int(o, 'roundId'), basis: str(o, 'basis', 2000) };
  },
  'appraisal:rounds': none,
  'appraisal:round': (raw) => ({ roundId: int(obj(raw), 'roundId') }),
  'appraisal:destroy': (raw) => ({ roundId: int(obj(raw), 'roundId') }),
  'appraisal:printRegister': (raw) => {
    const o = obj(raw);
    return { registerId: int(o, 'registerId'), out: str(o, 'out') };
  },
  'declassify:due': (raw) => defined({ asOf: optStr(optObj(raw), 'asOf', 10) }),
  'declassify:decide': (raw) => {
    const o = obj(raw);
    return defined({ recordId: int(o, 'recordId'), decision: oneOf(o, 'decision', ['declassify', 'extend'] as const), level: optStr(o, 'level', 8), period: optStr(o, 'period', 40), basis: str(o, 'basis', 2000) });
  },  ...registerSchemas,
  ...reviewSchemas,
  ...settingsSchemas,
};
