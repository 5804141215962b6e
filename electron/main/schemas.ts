/**
 * One request schema per IPC channel, applied in one place (dispatch) before any handler runs:
 * what the renderer sends is untrusted, so each channel's request is rebuilt from checked
 * fields only (unknown fields are dropped, lengths bounded). The engine still validates
 * meanings (user names, dates, query syntax).
 */
import type { AccountSpec, FirstRunInput, IngestMetadata, Role } from '../../native/api/index.js';
import type { Channel, Req } from '../contract.js';
import { int, obj, oneOf, optBool, optInt, optObj, optOneOf, optStr, str, strList, type Obj } from './request.js';

const META_STRINGS = ['fondsCode', 'categoryCode', 'retention', 'orgUnit', 'title', 'creator', 'docNumber', 'docDate', 'classification', 'classificationPeriod', 'remarks'] as const;
const ROLE_NAMES = ['sysadmin', 'security_officer', 'auditor', 'archivist', 'backup_officer'] as const satisfies readonly Role[];
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
    return defined({ paths: strList(o, 'paths', 1000), ...(metadata ? { metadata } : {}), eachFile: optBool(o, 'eachFile') });
  },
  'jobs:list': none,
  'jobs:running': none,
  'jobs:cancel': (raw) => ({ jobId: int(obj(raw), 'jobId') }),
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
};
