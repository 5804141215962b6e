import type { BagProblem } from '../bag/index.js';
import { msg, type Message, type Params } from '../i18n/messages.js';
import { packageMessages } from './messages.js';

/**
 * verify-package stages, cheap to expensive as issue 11 orders them; the bag's own stages
 * (native/bag) come first under their names.
 */
export const PACKAGE_STAGES = [
  'structure', 'bag-info', 'payload-oxum', 'completeness', 'digests', 'tag-manifests',
  'signature', 'pin', 'catalog', 'layout', 'four-property', 'carrier-set',
] as const;
export type PackageStage = (typeof PACKAGE_STAGES)[number];

/** One finding: a code, its stage, where, and the fields that say what was expected. */
export interface PackageProblem {
  code: string;
  stage: PackageStage;
  severity: 'error' | 'warning';
  path?: string;
  message: Message;
  details: Record<string, string | number>;
}

type PackageCode = Exclude<keyof typeof packageMessages, 'targetExists' | 'cancelled' | 'selfCheckBeforeSeal' | 'zipFailed' | 'packageNotFound' | 'zipUnsafe' | 'zipCorrupt' | 'zipTooLarge' | 'pinUnreadable' | 'readmeTitle'>;

export class PackageFindings {
  readonly problems: PackageProblem[] = [];
  readonly warnings: PackageProblem[] = [];

  add(severity: 'error' | 'warning', stage: PackageStage, code: PackageCode, details: Params & Record<string, string | number>): void {
    const p: PackageProblem = {
      code, stage, severity, message: msg(packageMessages[code], details), details,
      ...(typeof details['path'] === 'string' ? { path: details['path'] } : {}),
    };
    (severity === 'error' ? this.problems : this.warnings).push(p);
  }

  /** The bag validator's findings, kept with their own codes and fields. */
  addBag(p: BagProblem, severity: 'error' | 'warning'): void {
    const { code, stage, message, ...fields } = p;
    const details: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(fields)) if (typeof v === 'string' || typeof v === 'number') details[k] = v;
    const problem: PackageProblem = { code, stage, severity, message, details, ...(typeof details['path'] === 'string' ? { path: details['path'] } : {}) };
    (severity === 'error' ? this.problems : this.warnings).push(problem);
  }

  failedIn(stage: PackageStage): boolean {
    return this.problems.some((p) => p.stage === stage);
  }
}
