import type { Channel, ErrorDTO, Req, Res, VaultBridge, VaultEvent } from '../../electron/contract.js';
import { en } from './i18n/en.js';
import { zh } from './i18n/zh.js';

declare global {
  interface Window {
    vault?: VaultBridge;
  }
}

/** A failed call, carrying the engine's error as is (code + bilingual message). */
export class CallError extends Error {
  constructor(readonly dto: ErrorDTO) {
    super(`${dto.code}: ${dto.message.en}`);
  }
}

const NO_BRIDGE: ErrorDTO = { code: 'NO_BRIDGE', message: { zh: zh.errorNoBridge, en: en.errorNoBridge }, details: {} };

/** Calls waiting for the idle-locked session to be unlocked (true) or ended (false). */
let lockWaiters: ((unlocked: boolean) => void)[] = [];

/** The unlock dialog succeeded (true) or the person logged out instead (false). */
export function sessionUnlocked(unlocked: boolean): void {
  const waiters = lockWaiters;
  lockWaiters = [];
  for (const w of waiters) w(unlocked);
}

/**
 * Calls the engine through window.vault; resolves with the value or throws CallError. A call
 * refused because the session locked itself after idling waits for the unlock dialog and is
 * then made again (the refusal came before anything was done), so the screen that made it
 * carries on as if nothing happened; if the person logs out instead, the refusal is thrown.
 */
export async function call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const bridge = window.vault;
  if (!bridge) throw new CallError(NO_BRIDGE);
  const r = await bridge.invoke(channel, request);
  if (!r.ok) {
    if (r.error.code === 'SESSION_LOCKED' && channel !== 'auth:unlock' && channel !== 'auth:logout') {
      const unlocked = await new Promise<boolean>((resolve) => lockWaiters.push(resolve));
      if (unlocked) return call(channel, request);
    }
    throw new CallError(r.error);
  }
  return r.value;
}

export function onEvent(listener: (e: VaultEvent) => void): () => void {
  return window.vault ? window.vault.on(listener) : () => undefined;
}

export function asErrorDTO(e: unknown): ErrorDTO {
  if (e instanceof CallError) return e.dto;
  const detail = String(e);
  return { code: 'INTERNAL', message: { zh: zh.errorInternal.replace('{detail}', detail), en: en.errorInternal.replace('{detail}', detail) }, details: {} };
}
