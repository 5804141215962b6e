import type { ErrorCode } from '../error-codes.js';
import { VaultError } from '../errors.js';
import { msg, type Message } from '../i18n/messages.js';
import { ingestMessages } from './messages.js';

/**
 * Codes by which a reader refuses one file for what it holds. After one of them the item's
 * other files are still checked, so that a folder with several bad scans is reported whole
 * and fixed in one go, not one file per attempt. Anything else (a full disk, a cancel, a bug)
 * stops the item at once.
 */
const FILE_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INGEST_CORRUPT', 'INGEST_EMPTY_FILE', 'INGEST_ENCRYPTED', 'INGEST_NOT_A_SCAN', 'INGEST_TIMEOUT',
  'INGEST_TOO_LARGE', 'INGEST_TOO_MANY_PAGES', 'INGEST_UNREADABLE', 'INGEST_UNSUPPORTED_FORMAT',
]);

/** One refused file of an item, as the item's error details list it. */
export interface RefusedFile {
  file: string;
  code: ErrorCode;
  message: Message;
}

/** The files of one item refused so far. */
export class Refusals {
  private readonly errors: VaultError[] = [];
  private readonly files: string[] = [];

  /** `order`: the item's files in page order, the order the report lists them in whichever step refused them. */
  constructor(private readonly order: readonly string[]) {}

  /** Keeps e if it refuses `file`; rethrows anything else. */
  add(e: unknown, file: string): void {
    if (!(e instanceof VaultError) || !FILE_REFUSALS.has(e.code)) throw e;
    this.errors.push(e);
    this.files.push(file);
  }

  any(): boolean {
    return this.errors.length > 0;
  }

  has(file: string): boolean {
    return this.files.includes(file);
  }

  /** One refusal is thrown as it is (its code says what is wrong); several as INGEST_FILES_REFUSED listing each. */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    if (this.errors.length === 1) throw this.errors[0]!;
    const refused: RefusedFile[] = this.errors
      .map((e, i) => ({ file: this.files[i]!, code: e.code, message: e.text }))
      .sort((a, b) => this.order.indexOf(a.file) - this.order.indexOf(b.file));
    const count = refused.length;
    // Each language lists the files' own messages in that language, on one line (job items keep zh and en one line each).
    const text: Message = {
      zh: msg(ingestMessages.filesRefused, { count, list: refused.map((r) => r.message.zh).join(' ') }).zh,
      en: msg(ingestMessages.filesRefused, { count, list: refused.map((r) => r.message.en).join(' ') }).en,
    };
    throw new VaultError('INGEST_FILES_REFUSED', text, { count, refused });
  }
}

/** The refused files an item's stored error details list (none for a single refusal). */
export function refusedFilesOf(details: unknown): RefusedFile[] | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const refused = (details as { refused?: unknown }).refused;
  return Array.isArray(refused) ? (refused as RefusedFile[]) : undefined;
}
