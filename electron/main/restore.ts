/**
 * The desktop's whole-vault restore (恢复整个档案库): like `lantai restore`, it needs no open
 * vault and no login (on a fresh machine there is no one to log in yet; the backup passphrase
 * is the authority). The restore's job belongs to the restored vault's own job manager; its
 * events are forwarded to the window like an open vault's. The first login into the restored
 * vault by someone allowed to restore writes the restore into that vault's audit log, as the
 * CLI does with --user.
 */
import path from 'node:path';
import { VaultApi, VaultError, type JobEvent, type RestoreReport } from '../../native/api/index.js';
import type { Req } from '../contract.js';
import type { HandlerHost, ShellState } from './handlers.js';
import { shellMessages } from './messages.js';

export async function restoreVault(state: ShellState, request: Req<'media:restore'>, host: HandlerHost): Promise<RestoreReport> {
  if (state.restoring) throw VaultError.of('RESTORE_RUNNING', shellMessages.restoreRunning);
  const controller = new AbortController();
  state.restoring = controller;
  let report: RestoreReport;
  try {
    report = await VaultApi.restoreFromMedia(request, {
      signal: controller.signal,
      onJobEvent: (e: JobEvent) => host.emit(e.type === 'progress' ? { type: 'job:progress', progress: e.progress, elsewhere: true } : { type: 'job:end', end: e.end, elsewhere: true }),
    });
  } finally {
    state.restoring = null;
  }
  // An incomplete restore left no vault to open (it is resumed, not logged into).
  if (report.missing.length === 0) state.restored = report;
  return report;
}

/** The wizard's 取消 button: the running restore stops after the object it is writing. */
export function cancelRestore(state: ShellState): { cancelled: boolean } {
  if (!state.restoring) return { cancelled: false };
  state.restoring.abort(new Error('cancelled'));
  return { cancelled: true };
}

/** After a login: the pending restore is recorded when this is the restored vault and the person may restore. */
export function recordPendingRestore(state: ShellState): void {
  const report = state.restored;
  if (!report || !state.api || !state.session) return;
  if (path.resolve(state.api.vault.paths.root) !== path.resolve(report.to)) return;
  // Someone without the restore right (an archivist) logging in first did not restore: the
  // record waits for the login of someone who may (the backup officer), without a refusal row.
  if (!state.api.accounts.permissions(state.session).actions.includes('restore')) return;
  state.api.media.recordRestore(state.session, report);
  state.restored = null;
}
