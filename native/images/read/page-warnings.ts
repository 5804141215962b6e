import path from 'node:path';
import { msg } from '../../i18n/messages.js';
import { readMessages } from './messages.js';
import { FORMAT_NAMES } from './sniff.js';
import { MIN_DPI, type PageWarning, type SourceFormat } from './types.js';

export interface WarningContext {
  file: string;
  format: SourceFormat;
  extensionMismatch: boolean;
}

/** The warnings every reader attaches the same way: resolution, and a misleading file name (page 1 only). */
export function standardWarnings(ctx: WarningContext, index: number, dpiX: number | null, dpiY: number | null): PageWarning[] {
  const out: PageWarning[] = [];
  const page = index + 1;
  if (index === 0 && ctx.extensionMismatch) {
    const ext = path.extname(ctx.file) || '(none)';
    out.push({ code: 'EXTENSION_MISMATCH', message: msg(readMessages.extensionMismatch, { file: ctx.file, ext, format: FORMAT_NAMES[ctx.format] }) });
  }
  if (dpiX === null || dpiY === null) {
    out.push({ code: 'NO_DPI', message: msg(readMessages.noDpi, { file: ctx.file, page }) });
  } else {
    const dpi = Math.min(dpiX, dpiY);
    if (dpi < MIN_DPI) out.push({ code: 'LOW_DPI', message: msg(readMessages.lowDpi, { file: ctx.file, page, dpi: Math.round(dpi), min: MIN_DPI }) });
  }
  return out;
}
