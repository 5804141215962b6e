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

/** Calls the engine through window.vault; resolves with the value or throws CallError. */
export async function call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const bridge = window.vault;
  if (!bridge) throw new CallError(NO_BRIDGE);
  const r = await bridge.invoke(channel, request);
  if (!r.ok) throw new CallError(r.error);
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
