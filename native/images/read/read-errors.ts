import type { ErrorCode } from '../../error-codes.js';
import { VaultError, errnoCode } from '../../errors.js';
import type { Message } from '../../i18n/messages.js';
import { readMessages } from './messages.js';
import type { ReadLimits } from './types.js';

/** Where a problem is: the file as the caller named it and, when known, the 0-based page. */
export interface Where {
  file: string;
  page?: number;
}

export function fail(code: ErrorCode, entry: Message, where: Where, params: Record<string, string | number> = {}, cause?: unknown): VaultError {
  const page = where.page === undefined ? undefined : where.page + 1;
  return VaultError.of(code, entry, { file: where.file, ...(page === undefined ? {} : { page }), ...params }, {}, cause);
}

/** A library's message cut to one readable line: its first line, without the file path it repeats. */
export function reasonOf(e: unknown, file?: string): string {
  const raw = e instanceof Error ? e.message : String(e);
  let line = raw.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? raw;
  if (file) line = line.split(file).join('').replace(/^[:\s]+/, '');
  line = line.replace(/[.。\s]+$/, ''); // the messages add their own full stop
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}

export function megapixels(n: number): string {
  return (n / 1e6).toFixed(n < 1e6 ? 2 : 1);
}

export function tooLarge(where: Where, width: number, height: number, limits: ReadLimits): VaultError {
  return fail('INGEST_TOO_LARGE', readMessages.tooLarge, where, {
    width, height, megapixels: megapixels(width * height), limit: megapixels(limits.maxPixels),
  });
}

export function corrupt(where: Where, reason: string, cause?: unknown): VaultError {
  return where.page === undefined
    ? fail('INGEST_CORRUPT', readMessages.corruptFile, where, { reason }, cause)
    : fail('INGEST_CORRUPT', readMessages.corruptPage, where, { reason }, cause);
}

export function fileUnreadable(file: string, e: unknown): VaultError {
  return fail('INGEST_UNREADABLE', readMessages.unreadable, { file }, { reason: errnoCode(e) ?? reasonOf(e) }, e);
}

/**
 * Turns a sharp/libvips failure into the VaultError the archivist sees, keeping the original as
 * the cause. The abort of the caller's signal passes through untouched (the job runner tells a
 * cancellation from a failure by it not being a VaultError).
 */
export function decodeError(e: unknown, where: Where, limits: ReadLimits, signal?: AbortSignal): unknown {
  if (e instanceof VaultError) return e;
  if (signal?.aborted) return signal.reason;
  const text = e instanceof Error ? e.message : String(e);
  if (/^timeout:/i.test(text) || /\btimeout\b.*\bcomplete\b/i.test(text)) {
    return fail('INGEST_TIMEOUT', readMessages.timeout, { ...where, page: where.page ?? 0 }, { seconds: limits.timeoutSeconds }, e);
  }
  if (/exceeds pixel limit/i.test(text)) {
    return fail('INGEST_TOO_LARGE', readMessages.tooLargeUnknownSize, { ...where, page: where.page ?? 0 }, { limit: megapixels(limits.maxPixels) }, e);
  }
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EIO') return fileUnreadable(where.file, e);
  if (/not configured|unsupported image format|compression .*not supported/i.test(text)) {
    return fail('INGEST_UNSUPPORTED_FORMAT', readMessages.unsupportedPage, { ...where, page: where.page ?? 0 }, { reason: reasonOf(e, where.file) }, e);
  }
  return corrupt({ ...where, page: where.page ?? 0 }, reasonOf(e, where.file), e);
}

/** Throws the signal's own reason (not a VaultError) so that a cancelled item stays resumable. */
export function checkAbort(signal?: AbortSignal): void {
  signal?.throwIfAborted();
}
