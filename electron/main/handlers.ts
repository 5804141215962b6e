/**
 * The handler table: one entry per contract channel, each a thin adapter from a request DTO
 * to a VaultApi call. electron/main/ipc.ts registers it with ipcMain; the UI test harness
 * (test/e2e) routes page.exposeBinding calls through the very same dispatch(), so everything
 * here is exercised by the UI tests.
 *
 * Identity lives only in ShellState (the main process): the renderer sends a user name and a
 * password once, and afterwards nothing it sends says who it is.
 */
import { isVaultError, toErrorDTO, VaultApi, VaultError, type JobEvent, type RestoreReport, type Session, type TransferApproval } from '../../native/api/index.js';
import { isChannel, type ApprovalInput, type Channel, type Channels, type Req, type Res, type Result, type StatusDTO, type VaultEvent } from '../contract.js';
import { shellMessages } from './messages.js';
import { cancelRestore, recordPendingRestore, restoreVault } from './restore.js';
import { schemas } from './schemas.js';

/**
 * What the main process keeps for the one window: the open vault and who is logged in. Jobs
 * (their controllers, progress and ends) live in the engine's one job manager; the shell only
 * forwards its events.
 */
export interface ShellState {
  api: VaultApi | null;
  session: Session | null;
  /** The session locked after idling: kept (and its jobs running) until unlocked or logged out. */
  locked: boolean;
  /** Stops forwarding the open vault's job events. */
  unsubscribe: (() => void) | null;
  /** A restore done in this window, written to the restored vault's audit log at a login there (restore.ts). */
  restored: RestoreReport | null;
  /** Stops the restore running in this window, if one is. */
  restoring: AbortController | null;
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
  return { api: null, session: null, locked: false, unsubscribe: null, restored: null, restoring: null };
}

function forwardJobEvents(state: ShellState, host: HandlerHost, api: VaultApi): void {
  state.unsubscribe = api.jobs.subscribe((e: JobEvent) => host.emit(e.type === 'progress' ? { type: 'job:progress', progress: e.progress } : { type: 'job:end', end: e.end }));
}

/**
 * Starts reading the OCR queue in the background unless an OCR job runs; its progress comes
 * through the job events and its result as ocr:done. A run that finds pages queued meanwhile
 * reads them too.
 */
function startOcr(state: ShellState, host: HandlerHost): { started: boolean; jobId: number | null } {
  const a = api(state);
  const s = session(state);
  if (a.jobManager.running().some((j) => j.kind === 'ocr')) return { started: false, jobId: null };
  let jobId: number | null = null;
  void a.ocr
    .run(s, {}, { onProgress: (p) => (jobId = p.jobId) })
    .then(
      (r) => host.emit({ type: 'ocr:done', jobId: jobId ?? 0, result: { ok: true, value: { done: r.done, failed: r.failed, cancelled: r.cancelled } } }),
      (e: unknown) => host.emit({ type: 'ocr:done', jobId: jobId ?? 0, result: { ok: false, error: toErrorDTO(e) } }),
    );
  jobId = a.jobManager.running().find((j) => j.kind === 'ocr')?.jobId ?? null;
  return { started: true, jobId };
}

// Errors after which the session is no use: forget it so the UI shows the login screen.
const SESSION_GONE = new Set(['SESSION_ENDED', 'SESSION_LOCKED', 'ACCOUNT_DISABLED']);

/**
 * Runs one call with the security officer's approval: they are logged in for it (the engine
 * checks their role and that they are not the person asking) and logged out after it, whatever
 * happened. A wrong password fails like any login, in the engine's words.
 */
async function withApprover<T>(state: ShellState, host: HandlerHost, input: ApprovalInput, run: (approval: TransferApproval) => Promise<T>): Promise<T> {
  const a = api(state);
  session(state);
  let approver: Session;
  try {
    approver = await a.accounts.login(input.username, input.password, host.device);
  } catch (e) {
    // The approver's own refusal (a disabled account, say) names them, and must not end the
    // session of the person asking, as dispatch would for those codes: it becomes a refused approval.
    if (isVaultError(e) && SESSION_GONE.has(e.code)) throw new VaultError('TRANSFER_APPROVAL_REQUIRED', e.text, { ...e.details, approverError: e.code });
    throw e;
  }
  try {
    return await run({ approver, keyPassphrase: input.keyPassphrase });
  } finally {
    try {
      a.accounts.logout(approver);
    } catch {
      // Already ended (e.g. locked meanwhile): nothing left to end.
    }
  }
}

type Handler<C extends Channel> = (state: ShellState, request: Req<C>, host: HandlerHost) => Promise<Res<C>> | Res<C>;

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
    needsSetup: a.accounts.needsSetup(),
    session: s ? { username: s.username, displayName: s.displayName, roles: [...s.roles], startedAt: s.startedAt } : null,
    permissions: s ? a.accounts.permissions(s) : null,
    ...(s && state.locked ? { locked: true } : {}),
  };
}

function endSession(state: ShellState): void {
  if (state.api && state.session) {
    try {
      state.api.accounts.logout(state.session);
    } catch {
      // The session may already be gone (ended elsewhere): nothing left to end.
    }
  }
  state.session = null;
  state.locked = false;
  // What the person started stops with their session (finished work is kept, jobs resumable).
  state.api?.jobManager.cancelAll();
}

/** Closes the vault (logging out first); used by vault:close and by app quit. */
export function closeVault(state: ShellState): Promise<void> {
  endSession(state);
  // The window still hears the cancelled jobs end; only then does it stop listening.
  const unsubscribe = state.unsubscribe;
  state.unsubscribe = null;
  const closed = state.api?.close() ?? Promise.resolve();
  state.api = null;
  return closed.finally(() => unsubscribe?.());
}

async function openWith(state: ShellState, host: HandlerHost, open: () => Promise<VaultApi>): Promise<StatusDTO> {
  closeVault(state);
  state.api = await open();
  forwardJobEvents(state, host, state.api);
  return status(state);
}

/** One adapter per channel: the request is already checked against its schema (dispatch). */
export const handlers: { [C in Channel]: Handler<C> } = {
  'app:status': (state) => status(state),

  'vault:open': (state, req, host) => openWith(state, host, () => VaultApi.open(req.path)),
  'vault:create': (state, req, host) => openWith(state, host, () => VaultApi.create(req.path)),
  'vault:close': (state) => {
    closeVault(state);
    return status(state);
  },
  'dialog:choosePaths': (_state, req, host) => host.choosePaths(req.kind),

  'auth:setup': async (state, req, host) => {
    await api(state).accounts.setup(req, host.device);
    return status(state);
  },
  'auth:login': async (state, req, host) => {
    const a = api(state);
    endSession(state);
    state.session = await a.accounts.login(req.username, req.password, host.device);
    recordPendingRestore(state);
    // The index rebuild a migration asked for runs here, in the main process, after the open
    // (the window may close meanwhile; the job panel follows it through the job events).
    a.maintenance.startPendingRebuild(state.session);
    return status(state);
  },
  'auth:logout': (state) => {
    endSession(state);
    return status(state);
  },
  'auth:unlock': async (state, req) => {
    state.session = await api(state).accounts.unlock(session(state), req.password);
    state.locked = false;
    return status(state);
  },
  'auth:changePassword': async (state, req) => {
    await api(state).accounts.changeOwnPassword(session(state), req.oldPassword, req.newPassword);
    return status(state);
  },

  'records:list': (state, req) => api(state).records.list(session(state), req),
  'records:get': (state, req) => api(state).records.get(session(state), req.id),
  'records:pageImage': (state, req) => api(state).records.pageImage(session(state), req.imageSha256, req.kind),
  'suggestions:accept': (state, req) => api(state).records.acceptSuggestion(session(state), req.recordId, req.suggestionId),
  'suggestions:reject': (state, req) => api(state).records.rejectSuggestion(session(state), req.recordId, req.suggestionId),

  'review:clearHold': (state, req) => api(state).review.clearHold(session(state), req.recordId, req.basis),

  'ingest:start': async (state, req, host) => {
    const a = api(state);
    const s = session(state);
    let resolveId!: (id: number) => void;
    const firstId = new Promise<number>((r) => (resolveId = r));
    // Runs in the background; the renderer follows it through job events and may cancel it.
    void a.ingest
      .run(s, req, { onProgress: (p) => resolveId(p.jobId) })
      .then(
        (value) => {
          resolveId(value.jobId);
          host.emit({ type: 'ingest:done', jobId: value.jobId, result: { ok: true, value } });
          // New pages are queued for OCR: read them now, so they become searchable by their text.
          if (state.session === s && value.items.some((i) => i.status === 'done')) startOcr(state, host);
        },
        (e: unknown) => {
          resolveId(0);
          host.emit({ type: 'ingest:done', jobId: 0, result: { ok: false, error: toErrorDTO(e) } });
        },
      );
    return { jobId: await firstId };
  },
  'jobs:list': (state) => api(state).jobs.list(session(state)),
  'jobs:running': (state) => api(state).jobs.running(session(state)),
  'dashboard:summary': (state) => api(state).dashboard.summary(session(state)),
  'jobs:cancel': (state, req) => api(state).jobs.cancel(session(state), req.jobId),
  'jobs:resume': async (state, req) => {
    const a = api(state);
    const s = session(state);
    const kind = a.jobs.get(s, req.jobId).kind;
    const running = a.jobs.resume(s, req.jobId);
    running.catch(() => {
      // Once started, its end (done, failed or cancelled, with the error) goes out as job:end.
    });
    // Refusals (a kind that cannot be resumed, one running already, no right) come before the
    // work starts, within this turn: they are answered; the work runs on in the main process.
    await Promise.race([running, new Promise((resolve) => setImmediate(resolve))]);
    return { jobId: req.jobId, kind };
  },
  'ocr:start': (state, _req, host) => startOcr(state, host),

  'search:query': (state, req) => api(state).search.query(session(state), req),

  'audit:read': (state, req) => api(state).audit.read(session(state), req),
  'audit:verify': (state) => api(state).audit.verify(session(state)),

  'accounts:list': (state) => api(state).accounts.list(session(state)),
  'accounts:create': (state, req) => api(state).accounts.create(session(state), req),

  'media:list': (state, req) => api(state).media.list(session(state), req),
  'media:show': (state, req) => api(state).media.show(session(state), req.mediumId),
  'media:add': (state, req) => api(state).media.add(session(state), req),
  'media:label': (state, req) => api(state).media.label(session(state), req),
  'media:recognize': (state, req) => api(state).media.recognize(session(state), req.path),
  'media:checkout': (state, req) => api(state).media.checkout(session(state), req),
  'media:checkin': (state, req) => api(state).media.checkin(session(state), req),
  'media:retire': (state, req) => api(state).media.retire(session(state), req),
  'media:transport': (state, req) => api(state).media.transport(session(state), req.mediumId),
  'media:rotation': (state, req) => api(state).media.rotation(session(state), req),
  'media:keyCreate': (state, req) => api(state).media.createKey(session(state), req),
  'media:keyUnlock': (state, req) => api(state).media.unlockKey(session(state), req),
  'media:recoverySheet': (state) => api(state).media.recoverySheet(session(state)),
  'media:settings': (state) => api(state).media.settings(session(state)),
  'media:setSetting': (state, req) => api(state).media.setSetting(session(state), req.name, req.value),
  'media:backup': (state, req) => api(state).media.backup(session(state), req),
  'media:verify': (state, req) => api(state).media.verify(session(state), req),
  'media:runs': (state, req) => api(state).media.runs(session(state), req.mediumId),
  'media:alerts': (state, req) => api(state).media.alerts(session(state), req),
  'media:handleAlert': (state, req) => api(state).media.handleAlert(session(state), req),
  'media:erasures': (state, req) => api(state).media.erasures(session(state), req),
  'media:confirmErasure': (state, req) => api(state).media.confirmErasure(session(state), req),
  'media:coverage': (state) => api(state).media.coverage(session(state)),
  'media:where': (state, req) => api(state).media.where(session(state), req.archivalCode),
  'media:repair': (state, req) => api(state).media.repair(session(state), req),
  'media:repairVault': (state, req) => api(state).media.repairVault(session(state), req),
  'media:migrate': (state, req) => api(state).media.migrate(session(state), req),
  'media:drill': (state, req) => api(state).media.drill(session(state), req),
  'media:restore': (state, req, host) => restoreVault(state, req, host),
  'media:restoreCancel': (state) => cancelRestore(state),

  'digitization:list': (state) => api(state).digitization.listProjects(session(state)),
  'digitization:show': (state, req) => api(state).digitization.showProject(session(state), req.project),
  'digitization:create': (state, req) => api(state).digitization.createProject(session(state), req),
  'digitization:addItems': (state, { project, ...spec }) => api(state).digitization.addItems(session(state), project, spec),
  'digitization:addOperator': (state, req) => api(state).digitization.addOperator(session(state), req.project, req.username),
  'digitization:setQcRule': (state, req) => api(state).digitization.setQcRule(session(state), req.project, req.rule),
  'digitization:close': (state, req) => api(state).digitization.closeProject(session(state), req.project),
  'digitization:precheck': (state, req) => api(state).digitization.precheck(session(state), req.project, req.code, req.input),
  'digitization:scan': (state, { project, ...scan }) => api(state).digitization.scan(session(state), project, scan),
  'digitization:sheet': (state, req) => api(state).digitization.sheet(session(state), req.project, req.code),
  'digitization:printSheet': (state, req) => api(state).digitization.printSheet(session(state), req.project, req.code, req.out),
  'digitization:addSheetStep': (state, req) => api(state).digitization.addSheetStep(session(state), req.project, req.code, req.step),
  'digitization:devices': (state, req) => api(state).digitization.devices(session(state), req.project),
  'digitization:addDevice': (state, req) => api(state).digitization.addDevice(session(state), req.project, req.device),
  'digitization:useDevice': (state, { deviceId, ...use }) => api(state).digitization.useDevice(session(state), deviceId, use),
  'digitization:endDevice': (state, req) => api(state).digitization.endDevice(session(state), req.deviceId, req.state, req.note),
  'qc:run': (state, { project, ...request }) => api(state).qc.run(session(state), project, request),
  'qc:batches': (state, req) => api(state).qc.batches(session(state), req.project),
  'qc:findings': (state, req) => api(state).qc.findings(session(state), req.batchId),
  'qc:sample': (state, { batchId, ...request }) => api(state).qc.sample(session(state), batchId, request),
  'qc:samplePages': (state, req) => api(state).qc.samplePages(session(state), req.batchId),
  'qc:judge': (state, { batchId, ...request }) => api(state).qc.judge(session(state), batchId, request),
  'qc:result': (state, req) => api(state).qc.result(session(state), req.batchId),
  'qc:accept': (state, { batchId, ...request }) => api(state).qc.accept(session(state), batchId, request),
  'qc:return': (state, { batchId, ...request }) => api(state).qc.returnBatch(session(state), batchId, request),
  'qc:report': (state, req) => api(state).qc.report(session(state), req.batchId),
  'qc:printReport': (state, req) => api(state).qc.printReport(session(state), req.batchId, req.out),
  'qc:rescan': (state, req) => api(state).qc.rescan(session(state), req),
  'qc:settings': (state) => api(state).qc.settings(session(state)),
  'qc:setSetting': (state, req) => api(state).qc.setSetting(session(state), req.name, req.value),
  'transfer:preview': (state, req) => api(state).transfer.preview(session(state), req),
  'transfer:selfCheck': (state, req) => api(state).transfer.selfCheck(session(state), req),
  'transfer:export': (state, req, host) => withApprover(state, host, req.approval, (approval) => api(state).transfer.export(session(state), req.request, approval)),
  'transfer:list': (state) => api(state).transfer.list(session(state)),
  'transfer:recordReceipt': (state, req) => {
    const r = api(state).transfer.recordReceipt(session(state), req.file, req.pin !== undefined ? { pin: req.pin } : {});
    return { transferId: r.transferId, records: r.records, alreadyRecorded: r.alreadyRecorded };
  },
  'receiving:verify': (state, req) => api(state).receiving.verify(session(state), req),
  'receiving:import': (state, req) => api(state).receiving.importPackage(session(state), req),
  'receiving:issueReceipt': async (state, req, host) =>
    withApprover(state, host, req.approval, async (approval) => ({ path: (await api(state).receiving.issueReceipt(session(state), req.importId, req.out, approval)).path })),
  'receiving:list': (state) => api(state).receiving.list(session(state)),
  'catalog:edit': (state, req) => api(state).catalog.edit(session(state), req),
  'catalog:preview': (state, req) => api(state).catalog.preview(session(state), req),
  'catalog:confirm': (state, req) => api(state).catalog.confirm(session(state), req),
  'catalog:renumber': (state, req) => api(state).catalog.renumber(session(state), req),
  'catalog:export': (state, req) => api(state).catalog.export(session(state), req),
  'catalog:import': (state, req) => api(state).catalog.import(session(state), req.file),
  'print:catalog': (state, req) => api(state).catalog.print(session(state), { kind: 'catalog', ...req }),
  'print:stamps': (state, req) => api(state).catalog.print(session(state), { kind: 'stamps', ...req }),

  'appraisal:due': (state, req) => api(state).appraisal.due(session(state), req.asOf),
  'appraisal:propose': (state, req) => api(state).appraisal.propose(session(state), req),
  'appraisal:vote': (state, req) => api(state).appraisal.vote(session(state), req.roundId, req.vote, req.comment ?? '', req.proposalIds),
  'appraisal:approve': (state, req) => api(state).appraisal.approve(session(state), req.roundId, req.basis),
  'appraisal:round': (state, req) => api(state).appraisal.round(session(state), req.roundId),
  'appraisal:rounds': (state) => api(state).appraisal.rounds(session(state)),
  'appraisal:destroy': (state, req) => api(state).appraisal.destroy(session(state), req.roundId),
  'appraisal:printRegister': (state, req) => api(state).appraisal.printRegister(session(state), req.registerId, req.out),
  'declassify:due': (state, req) => api(state).appraisal.declassificationDue(session(state), req.asOf),
  'declassify:decide': (state, req) => api(state).appraisal.declassify(session(state), req),
  'registers:access': (state, req) => api(state).registers.accessRegister(session(state), req),
  'registers:registerAccess': (state, req) => {
    const { records, items, ...rest } = req;
    const s = session(state);
    // Records named by 档号 are linked (their access state is checked); other items stay as written.
    const linked = records.map((ref) => ({ recordId: api(state).records.resolve(s, 'register_access', ref).id }));
    return api(state).registers.registerAccess(s, { ...rest, items: [...linked, ...items.map((itemRef) => ({ itemRef }))] });
  },
  'registers:checkouts': (state, req) => api(state).registers.checkouts(session(state), req),
  'registers:checkOut': (state, req) => {
    const { items, ...rest } = req;
    return api(state).registers.checkOut(session(state), { ...rest, items: items.map((itemRef) => ({ itemRef })) });
  },
  'registers:return': (state, req) => {
    const { id, ...rest } = req;
    return api(state).registers.returnCheckout(session(state), id, rest);
  },
  'registers:stackEvents': (state, req) => api(state).registers.stackEvents(session(state), req),
  // The second person logs in for this one call and out after it (as an approver does).
  'registers:seal': (state, req, host) => {
    const { second, ...input } = req;
    return withApprover(state, host, { ...second, keyPassphrase: '' }, async ({ approver }) => api(state).registers.seal(session(state), approver, input));
  },
  'registers:unseal': (state, req, host) => {
    const { second, ...input } = req;
    return withApprover(state, host, { ...second, keyPassphrase: '' }, async ({ approver }) => api(state).registers.unseal(session(state), approver, input));
  },
  'settings:get': (state) => {
    const s = session(state);
    // The catalog settings as the sysadmin reads them (authorized and audited as change_settings).
    return { auth: api(state).accounts.settings(), catalog: api(state).catalog.settingsForAdmin(s) };
  },
  'settings:setAuth': (state, req) => api(state).accounts.updateSettings(session(state), req),
  'settings:setCatalog': (state, req) => api(state).catalog.changeSettings(session(state), req),
  'review:grants': (state, req) => api(state).review.grants(session(state), req),
  'review:grant': (state, req) => {
    const { records, ...rest } = req;
    const s = session(state);
    return api(state).review.grant(s, { ...rest, recordIds: records.map((ref) => api(state).records.resolve(s, 'approve_access', ref).id) });
  },
  'review:revoke': (state, req) => {
    api(state).review.revoke(session(state), req.grantId);
    return { revoked: true };
  },
  'review:record': (state, req) => {
    const s = session(state);
    const recordId = api(state).records.resolve(s, 'review_classification', req.archivalCode).id;
    if (req.kind === 'classification') api(state).review.classify(s, recordId, req.classification, req.period, req.basis);
    else api(state).review.setAccessStatus(s, recordId, req.status, req.basis);
    return { recordId };
  },
};


/**
 * Runs one request: never throws; every failure becomes an ErrorDTO (a bug becomes INTERNAL,
 * without its stack). The channel name is checked here too, not only in the preload.
 */
export async function dispatch(state: ShellState, host: HandlerHost, channel: unknown, request: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannel(channel)) throw VaultError.of('UNKNOWN_CHANNEL', shellMessages.unknownChannel, { channel: String(channel).slice(0, 64) });
    const handler = handlers[channel] as Handler<typeof channel>;
    const checked = schemas[channel](request) as Req<typeof channel>;
    const value: Channels[typeof channel]['res'] = await handler(state, checked, host);
    return { ok: true, value };
  } catch (e) {
    if (isVaultError(e) && e.code === 'SESSION_LOCKED' && state.session) {
      // Idle lock: the session and what the screen shows are kept; the window asks for the password.
      if (!state.locked) host.emit({ type: 'session:locked' });
      state.locked = true;
    } else if (isVaultError(e) && SESSION_GONE.has(e.code) && state.session) {
      state.session = null;
      state.locked = false;
      host.emit({ type: 'session:ended', reason: e.code });
    }
    return { ok: false, error: toErrorDTO(e) };
  }
}
