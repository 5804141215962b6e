/**
 * The handler table: one entry per contract channel, each a thin adapter from a request DTO
 * to a VaultApi call. electron/main/ipc.ts registers it with ipcMain; the UI test harness
 * (test/e2e) routes page.exposeBinding calls through the very same dispatch(), so everything
 * here is exercised by the UI tests.
 *
 * Identity lives only in ShellState (the main process): the renderer sends a user name and a
 * password once, and afterwards nothing it sends says who it is.
 */
import crypto from 'node:crypto';
import type { AccountSpec, FirstRunInput } from '../../native/api/types.js';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { isVaultError, toErrorDTO, VaultError } from '../../native/errors.js';
import type { IngestMetadata } from '../../native/ingest/metadata.js';
import { isChannel, type Channel, type Channels, type Res, type Result, type StatusDTO, type VaultEvent } from '../contract.js';
import { shellMessages } from './messages.js';
import { int, obj, oneOf, optBool, optInt, optObj, optOneOf, optStr, str, strList, type Obj } from './request.js';

/** What the main process keeps for the one window. */
export interface ShellState {
  api: VaultApi | null;
  session: Session | null;
  tasks: Map<string, AbortController>;
  /** The background OCR run, when one is going (one at a time per window). */
  ocr: AbortController | null;
}

/** What differs between Electron and the test harness. */
export interface HandlerHost {
  /** Name of this computer, written to the audit log with every action. */
  device: string;
  emit(event: VaultEvent): void;
  /** A native file/folder picker; the harness has none and returns []. */
  choosePaths(kind: 'files' | 'folder' | 'vault'): Promise<string[]>;
}

export function newShellState(): ShellState {
  return { api: null, session: null, tasks: new Map(), ocr: null };
}

/**
 * Starts reading the OCR queue in the background unless a run is going; progress and the end
 * are pushed as events. A run that finds pages queued meanwhile reads them too.
 */
function startOcr(state: ShellState, host: HandlerHost): boolean {
  if (state.ocr) return false;
  const a = api(state);
  const s = session(state);
  const controller = new AbortController();
  state.ocr = controller;
  void a
    .runOcr(s, (p) => host.emit({ type: 'ocr:progress', progress: { done: p.done, failed: p.failed, total: p.total } }), controller.signal)
    .then(
      (r) => host.emit({ type: 'ocr:done', result: { ok: true, value: { done: r.done, failed: r.failed, cancelled: r.cancelled } } }),
      (e: unknown) => host.emit({ type: 'ocr:done', result: { ok: false, error: toErrorDTO(e) } }),
    )
    .finally(() => {
      state.ocr = null;
    });
  return true;
}

type Handler<C extends Channel> = (state: ShellState, request: unknown, host: HandlerHost) => Promise<Res<C>> | Res<C>;

function api(state: ShellState): VaultApi {
  if (!state.api) throw VaultError.of('NO_VAULT', shellMessages.noVault);
  return state.api;
}

function session(state: ShellState): Session {
  api(state);
  if (!state.session) throw VaultError.of('NOT_LOGGED_IN', shellMessages.notLoggedIn);
  return state.session;
}

function status(state: ShellState): StatusDTO {
  const a = state.api;
  if (!a) return { vault: null, needsSetup: false, session: null, permissions: null };
  const s = state.session;
  return {
    vault: a.info(),
    needsSetup: a.firstRunStatus().needsSetup,
    session: s ? { username: s.username, displayName: s.displayName, roles: [...s.roles], startedAt: s.startedAt } : null,
    permissions: s ? a.permissions(s) : null,
  };
}

function endSession(state: ShellState): void {
  if (state.api && state.session) {
    try {
      state.api.logout(state.session);
    } catch {
      // The session may already be gone (ended elsewhere): nothing left to end.
    }
  }
  state.session = null;
  for (const c of state.tasks.values()) c.abort();
  state.ocr?.abort();
}

/** Closes the vault (logging out first); used by vault:close and by app quit. */
export function closeVault(state: ShellState): void {
  endSession(state);
  state.api?.close();
  state.api = null;
}

const META_STRINGS = ['fondsCode', 'categoryCode', 'retention', 'orgUnit', 'title', 'creator', 'docNumber', 'docDate', 'classification', 'classificationPeriod', 'remarks'] as const;

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

const ROLE_NAMES = ['sysadmin', 'security_officer', 'auditor', 'archivist', 'backup_officer'] as const;

export const handlers: { [C in Channel]: Handler<C> } = {
  'app:status': (state) => status(state),

  'vault:open': async (state, req) => {
    const path = str(obj(req), 'path');
    closeVault(state);
    state.api = await VaultApi.open(path);
    return status(state);
  },
  'vault:create': async (state, req) => {
    const path = str(obj(req), 'path');
    closeVault(state);
    state.api = await VaultApi.create(path);
    return status(state);
  },
  'vault:close': (state) => {
    closeVault(state);
    return status(state);
  },
  'dialog:choosePaths': (_state, req, host) => host.choosePaths(oneOf(obj(req), 'kind', ['files', 'folder', 'vault'] as const)),

  'auth:setup': async (state, req, host) => {
    const o = obj(req);
    const input: FirstRunInput = { sysadmin: newAccount(o, 'sysadmin'), securityOfficer: newAccount(o, 'securityOfficer'), auditor: newAccount(o, 'auditor') };
    await api(state).firstRunSetup(input, host.device);
    return status(state);
  },
  'auth:login': async (state, req, host) => {
    const o = obj(req);
    const a = api(state);
    endSession(state);
    state.session = await a.login(str(o, 'username', 64), str(o, 'password', 1024), host.device);
    return status(state);
  },
  'auth:logout': (state) => {
    endSession(state);
    return status(state);
  },
  'auth:changePassword': async (state, req) => {
    const o = obj(req);
    await api(state).changeOwnPassword(session(state), str(o, 'oldPassword', 1024), str(o, 'newPassword', 1024));
    return status(state);
  },

  'records:list': (state, req) => {
    const o = optObj(req);
    const retention = optStr(o, 'retention', 8);
    const categoryCode = optStr(o, 'categoryCode', 8);
    const year = optInt(o, 'year');
    const limit = optInt(o, 'limit');
    const offset = optInt(o, 'offset');
    return api(state).listRecords(session(state), {
      ...(year !== undefined ? { year } : {}),
      ...(retention !== undefined ? { retention } : {}),
      ...(categoryCode !== undefined ? { categoryCode } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(offset !== undefined ? { offset } : {}),
    });
  },
  'records:get': (state, req) => api(state).getRecord(session(state), int(obj(req), 'id')),
  'records:pageImage': (state, req) => {
    const o = obj(req);
    return api(state).pageImage(session(state), str(o, 'imageSha256', 64), oneOf(o, 'kind', ['thumb', 'normalized'] as const));
  },
  'suggestions:accept': (state, req) => {
    const o = obj(req);
    return api(state).acceptSuggestion(session(state), int(o, 'recordId'), int(o, 'suggestionId'));
  },
  'suggestions:reject': (state, req) => {
    const o = obj(req);
    return api(state).rejectSuggestion(session(state), int(o, 'recordId'), int(o, 'suggestionId'));
  },

  'review:clearHold': (state, req) => {
    const o = obj(req);
    return api(state).clearHold(session(state), int(o, 'recordId'), str(o, 'basis', 500));
  },

  'ingest:start': (state, req, host) => {
    const o = obj(req);
    const a = api(state);
    const s = session(state);
    const paths = strList(o, 'paths', 1000);
    const metadata = metadataOf(o);
    const eachFile = optBool(o, 'eachFile');
    const taskId = crypto.randomUUID();
    const controller = new AbortController();
    state.tasks.set(taskId, controller);
    // Runs in the background; the renderer follows it through events and may cancel it.
    void a
      .ingest(s, { paths, ...(metadata ? { metadata } : {}), ...(eachFile !== undefined ? { eachFile } : {}) }, (progress) => host.emit({ type: 'ingest:progress', taskId, progress }), controller.signal)
      .then(
        (value) => {
          host.emit({ type: 'ingest:done', taskId, result: { ok: true, value } });
          // New pages are queued for OCR: read them now, so they become searchable by their text.
          if (state.session === s && value.items.some((i) => i.status === 'done')) startOcr(state, host);
        },
        (e: unknown) => host.emit({ type: 'ingest:done', taskId, result: { ok: false, error: toErrorDTO(e) } }),
      )
      .finally(() => state.tasks.delete(taskId));
    return { taskId };
  },
  'ingest:cancel': (state, req) => {
    const taskId = str(obj(req), 'taskId', 64);
    const c = state.tasks.get(taskId);
    if (!c) throw VaultError.of('NO_TASK', shellMessages.noTask, { taskId });
    c.abort();
    return { cancelled: true };
  },
  'jobs:list': (state) => api(state).jobs(session(state)),
  'ocr:start': (state, _req, host) => ({ started: startOcr(state, host) }),

  'search:query': (state, req) => {
    const o = obj(req);
    const from = optStr(o, 'from', 10);
    const to = optStr(o, 'to', 10);
    const limit = optInt(o, 'limit');
    const offset = optInt(o, 'offset');
    const sort = optOneOf(o, 'sort', ['relevance', 'dateAsc', 'dateDesc'] as const);
    const dateField = optOneOf(o, 'dateField', ['docDate', 'anyDate'] as const);
    const fuzzy = optBool(o, 'fuzzy');
    return api(state).search(session(state), {
      query: str(o, 'query', 1000),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(offset !== undefined ? { offset } : {}),
      ...(sort !== undefined ? { sort } : {}),
      ...(dateField !== undefined ? { dateField } : {}),
      ...(fuzzy !== undefined ? { fuzzy } : {}),
    });
  },

  'audit:read': (state, req) => {
    const o = optObj(req);
    const limit = optInt(o, 'limit');
    const offset = optInt(o, 'offset');
    const username = optStr(o, 'username', 64);
    const action = optStr(o, 'action', 64);
    const result = optOneOf(o, 'result', ['ok', 'denied', 'failed'] as const);
    return api(state).readAudit(session(state), {
      ...(limit !== undefined ? { limit } : {}),
      ...(offset !== undefined ? { offset } : {}),
      ...(username !== undefined ? { username } : {}),
      ...(action !== undefined ? { action } : {}),
      ...(result !== undefined ? { result } : {}),
    });
  },
  'audit:verify': (state) => api(state).verifyAudit(session(state)),

  'accounts:list': (state) => api(state).listAccounts(session(state)),
  'accounts:create': (state, req) => {
    const o = obj(req);
    const roles = strList(o, 'roles', 5).map((r) => oneOf({ r }, 'r', ROLE_NAMES));
    const spec: AccountSpec = { username: str(o, 'username', 64), password: str(o, 'password', 1024), displayName: optStr(o, 'displayName', 64) ?? '', roles };
    return api(state).createAccount(session(state), spec);
  },
};

// Errors after which the session is no use: forget it so the UI shows the login screen.
const SESSION_GONE = new Set(['SESSION_ENDED', 'SESSION_LOCKED', 'ACCOUNT_DISABLED']);

/**
 * Runs one request: never throws; every failure becomes an ErrorDTO (a bug becomes INTERNAL,
 * without its stack). The channel name is checked here too, not only in the preload.
 */
export async function dispatch(state: ShellState, host: HandlerHost, channel: unknown, request: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannel(channel)) throw VaultError.of('UNKNOWN_CHANNEL', shellMessages.unknownChannel, { channel: String(channel).slice(0, 64) });
    const handler = handlers[channel] as Handler<typeof channel>;
    const value: Channels[typeof channel]['res'] = await handler(state, request, host);
    return { ok: true, value };
  } catch (e) {
    if (isVaultError(e) && SESSION_GONE.has(e.code) && state.session) {
      state.session = null;
      host.emit({ type: 'session:ended', reason: e.code });
    }
    return { ok: false, error: toErrorDTO(e) };
  }
}
