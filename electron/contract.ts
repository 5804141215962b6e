/**
 * The typed IPC contract between the renderer and the engine. Only plain DTOs cross it.
 * (Filled in by the desktop-shell work; this is the seed every side imports.)
 */
export interface ErrorDTO {
  code: string;
  message: { zh: string; en: string };
  details: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDTO };
