import { msg, type Message, type Params } from '../i18n/messages.js';
import { bagMessages } from './messages.js';

/** The validation stages, cheapest first (DESIGN.md: structure → counts → completeness → digests). */
export const BAG_STAGES = ['structure', 'bag-info', 'payload-oxum', 'completeness', 'digests', 'tag-manifests'] as const;
export type BagStage = (typeof BAG_STAGES)[number];

/**
 * One finding, typed like bagit-python's details: a code, where, and what was expected. The same
 * shape serves problems (the bag is not valid) and warnings (valid, but worth a look).
 */
export type BagProblemFields =
  | { code: 'BAG_NOT_FOUND'; path: string }
  | { code: 'BAGIT_TXT_MISSING'; path: string }
  | { code: 'BAGIT_TXT_BOM'; path: string }
  | { code: 'BAGIT_TXT_INVALID'; path: string; detail: string }
  | { code: 'UNSUPPORTED_VERSION'; path: string; found: string }
  | { code: 'TAG_FILE_ENCODING'; path: string; encoding: string }
  | { code: 'TAG_FILE_BOM'; path: string }
  | { code: 'PAYLOAD_DIR_MISSING'; path: string }
  | { code: 'NO_MANIFEST'; path: string }
  | { code: 'ALGORITHM_UNSUPPORTED'; path: string; algorithm: string }
  | { code: 'MANIFEST_LINE_INVALID'; manifest: string; line: number; detail: string }
  | { code: 'MANIFEST_DOT_SLASH'; manifest: string; path: string }
  | { code: 'MANIFEST_BINARY_MARKER'; manifest: string; path: string }
  | { code: 'PATH_OUTSIDE_BAG'; manifest: string; path: string; reason: string }
  | { code: 'PATH_NOT_IN_PAYLOAD'; manifest: string; path: string }
  | { code: 'DUPLICATE_ENTRY'; manifest: string; path: string; algorithm: string; expected: string; found: string; detail: string }
  | { code: 'BAG_INFO_LINE_INVALID'; path: string; line: number; detail: string }
  | { code: 'BAG_INFO_REPEATED'; path: string; label: string }
  | { code: 'PAYLOAD_OXUM_INVALID'; path: string; found: string }
  | { code: 'PAYLOAD_OXUM_MISMATCH'; path: string; expected: string; found: string }
  | { code: 'FETCH_LINE_INVALID'; path: string; line: number; detail: string }
  | { code: 'FETCH_NOT_SUPPORTED'; path: string; url: string }
  | { code: 'FETCH_IGNORED'; path: string; count: number }
  | { code: 'FILE_MISSING'; path: string; manifest: string }
  | { code: 'FILE_NOT_IN_MANIFEST'; path: string; manifest: string }
  | { code: 'SYMLINK_IN_BAG'; path: string }
  | { code: 'HARD_LINK_IN_BAG'; path: string }
  | { code: 'UNSUPPORTED_FILE_TYPE'; path: string }
  | { code: 'NAME_NORMALIZATION'; path: string; found: string }
  | { code: 'NAME_CASE_MISMATCH'; path: string; found: string }
  | { code: 'SYSTEM_FILE'; path: string }
  | { code: 'FILE_UNREADABLE'; path: string; detail: string }
  | { code: 'DIGEST_MISMATCH'; path: string; manifest: string; algorithm: string; expected: string; found: string };

export type BagProblemCode = BagProblemFields['code'];

/** A finding with the stage that found it and its bilingual message. */
export type BagProblem = BagProblemFields & { stage: BagStage; message: Message };

/**
 * Builds a finding. `localized` gives bilingual text for placeholders that are themselves
 * sentences (`{detail}`, `{reason}`): each language of the message gets its own, while the
 * field itself (passed in `fields`) keeps the English text for logs and tests.
 */
export function makeProblem(stage: BagStage, fields: BagProblemFields, localized: Record<string, Message> = {}): BagProblem {
  // Every field is a string or a number, so the fields double as the message parameters.
  const zh: Params = { ...fields };
  const en: Params = { ...fields };
  for (const [name, text] of Object.entries(localized)) {
    zh[name] = text.zh;
    en[name] = text.en;
  }
  const entry = bagMessages[fields.code];
  return { ...fields, stage, message: { zh: msg(entry, zh).zh, en: msg(entry, en).en } };
}

/** Collects problems and warnings of one validation run, remembering which stage is running. */
export class Findings {
  readonly problems: BagProblem[] = [];
  readonly warnings: BagProblem[] = [];
  stage: BagStage = 'structure';

  problem(fields: BagProblemFields, localized?: Record<string, Message>): void {
    this.problems.push(makeProblem(this.stage, fields, localized));
  }

  warning(fields: BagProblemFields, localized?: Record<string, Message>): void {
    this.warnings.push(makeProblem(this.stage, fields, localized));
  }

  /** Problems found by the given stage (used to decide whether later stages run). */
  failedIn(stage: BagStage): boolean {
    return this.problems.some((p) => p.stage === stage);
  }
}
