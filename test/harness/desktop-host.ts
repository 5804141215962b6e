import { dispatch, type HandlerHost, type ShellState } from '../../electron/main/handlers.js';
import type { Channel, Req, Res, Result, VaultEvent } from '../../electron/contract.js';

/**
 * A stand-in for the window: it keeps every event the main process sends, and lets a test act
 * on one as it arrives (press cancel at the first progress, say), as a person would.
 */
export function recordingHost(onEvent: (e: VaultEvent) => void = () => undefined): { host: HandlerHost; events: VaultEvent[] } {
  const events: VaultEvent[] = [];
  const host: HandlerHost = {
    device: 'desktop-test',
    choosePaths: async () => [],
    emit: (e) => {
      events.push(e);
      onEvent(e);
    },
  };
  return { host, events };
}

/** dispatch() with the channel's own result type. */
export function ask<C extends Channel>(state: ShellState, host: HandlerHost, channel: C, request: Req<C>): Promise<Result<Res<C>>> {
  return dispatch(state, host, channel, request) as Promise<Result<Res<C>>>;
}
