import type { Message } from '../i18n/messages.js';

/**
 * The four-property check (四性检测, DA/T 70-2018): authenticity, integrity, usability and
 * security. Built once and reused: the transfer runs it on the selection before writing and on
 * the written package before sealing; accession, long-term storage and media checks call the
 * same runners. Each check is one row: an id, its property, a result and a detail.
 */

export const FOUR_PROPERTIES = ['authenticity', 'integrity', 'usability', 'security'] as const;
export type FourProperty = (typeof FOUR_PROPERTIES)[number];

export type CheckResult = 'pass' | 'fail' | 'warn';

export interface FourPropertyCheck {
  /** Stable id, e.g. AUT-02 (property prefix + number); tests and reports key on it. */
  id: string;
  property: FourProperty;
  result: CheckResult;
  /** What was checked: a 档号, a path in the package, a class, or '*' for the whole run. */
  subject: string;
  detail: Message;
}

export interface RefusedItem {
  subject: string;
  recordId?: number;
  reasons: { id: string; detail: Message }[];
}

export interface FourPropertyReport {
  scope: 'selection' | 'package';
  at: string;
  /** 100% pass: no check failed (warnings allowed, listed). */
  passed: boolean;
  summary: Record<FourProperty, Record<CheckResult, number>>;
  checks: FourPropertyCheck[];
  /** The items that must not go out, each with every reason. */
  refused: RefusedItem[];
}

/** Collects checks of one run and makes the report. */
export class CheckCollector {
  readonly checks: FourPropertyCheck[] = [];
  private readonly recordIds = new Map<string, number>();

  add(id: string, property: FourProperty, result: CheckResult, subject: string, detail: Message, recordId?: number): void {
    this.checks.push({ id, property, result, subject, detail });
    if (recordId !== undefined) this.recordIds.set(subject, recordId);
  }

  report(scope: FourPropertyReport['scope'], at = new Date()): FourPropertyReport {
    const summary = Object.fromEntries(FOUR_PROPERTIES.map((p) => [p, { pass: 0, fail: 0, warn: 0 }])) as FourPropertyReport['summary'];
    const refused = new Map<string, RefusedItem>();
    for (const c of this.checks) {
      summary[c.property][c.result]++;
      if (c.result !== 'fail') continue;
      let item = refused.get(c.subject);
      if (!item) {
        const recordId = this.recordIds.get(c.subject);
        item = { subject: c.subject, ...(recordId !== undefined ? { recordId } : {}), reasons: [] };
        refused.set(c.subject, item);
      }
      item.reasons.push({ id: c.id, detail: c.detail });
    }
    return { scope, at: at.toISOString(), passed: refused.size === 0, summary, checks: this.checks, refused: [...refused.values()] };
  }
}
