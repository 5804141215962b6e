import type { Message } from '../i18n/messages.js';

export type Severity = 'error' | 'warning' | 'info';

/** One finding, typed like bagit-python's validation details: a code, where, and what was expected. */
export interface CheckProblem {
  code: string;
  severity: Severity;
  message: Message;
  details: Record<string, unknown>;
}

export interface CheckReport {
  ok: boolean;
  records: number;
  pages: number;
  objects: number;
  bytesVerified: number;
  problems: CheckProblem[];
}
