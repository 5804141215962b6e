import { VaultError } from '../errors.js';
import { throttleProgress } from '../jobs/progress.js';
import type { BagContext } from './context.js';
import { bagMessages } from './messages.js';
import { BAG_STAGES, Findings, type BagProblem, type BagStage } from './problems.js';
import type { ValidationProgress } from './progress.js';
import { checkBagInfo } from './stage-info.js';
import { checkCompleteness } from './stage-completeness.js';
import { checkPayloadDigests } from './stage-digests.js';
import { checkPayloadOxum } from './stage-oxum.js';
import { checkStructure } from './stage-structure.js';
import { checkTagManifests } from './stage-tags.js';

export interface ValidateBagOptions {
  /** Stop after Payload-Oxum: structure and counts only, nothing hashed. */
  fast?: boolean;
  /** Skip the later stages once a stage finds a problem (default true): no hashing a bag already known bad. */
  stopAtFirstStage?: boolean;
  /**
   * Recompute payload digests with these algorithms only; the other manifests are still read
   * and checked for completeness both ways. For a writer checking its own bag whose other
   * digests it took from a trusted record of the same bytes (the vault's SM3 of a master whose
   * SHA-256 it has just matched): a received bag is always checked with every algorithm.
   */
  payloadAlgorithms?: readonly string[];
  /**
   * Payload files with other names may pass. Only for a writer checking the folder it is about
   * to zip, whose masters it linked from the vault (WriteBagOptions.linkSources): a zip carries
   * bytes, not links. A received bag never: a link can reach outside it.
   */
  allowHardLinks?: boolean;
  signal?: AbortSignal;
  /** Throttled; the last event of each stage is always delivered. */
  onProgress?: (p: ValidationProgress) => void;
}

export interface BagValidation {
  /** No problem in the stages that ran (with `fast`, only the cheap ones ran: see `checked`). */
  valid: boolean;
  problems: BagProblem[];
  warnings: BagProblem[];
  checked: 'full' | 'fast';
  /** Stages run, in order. */
  stages: BagStage[];
  /** Stages not run, because of `fast` or because an earlier stage failed. */
  skipped: BagStage[];
  /** The stage whose problems stopped the run, if any did. */
  stoppedAt: BagStage | null;
  /** BagIt-Version as bagit.txt gives it. */
  version: string | null;
  payload: { files: number; octets: number } | null;
}

type StageRun = (ctx: BagContext) => Promise<unknown> | void;

const RUNNERS: Record<BagStage, StageRun> = {
  structure: checkStructure,
  'bag-info': checkBagInfo,
  'payload-oxum': checkPayloadOxum,
  completeness: checkCompleteness,
  digests: checkPayloadDigests,
  'tag-manifests': checkTagManifests,
};

/**
 * Validates a bag (RFC 8493, and the drafts 0.93–0.97 the LoC conformance suite covers) in
 * stages from cheap to expensive. Never reads outside the bag, never follows a link, never
 * fetches. Rejects only on cancellation (BAG_VALIDATION_CANCELLED) or on an unexpected I/O
 * error; everything wrong with the bag is a typed problem in the result.
 */
export async function validateBag(dir: string, options: ValidateBagOptions = {}): Promise<BagValidation> {
  const stopAtFirstStage = options.stopAtFirstStage ?? true;
  const throttled = throttleProgress<ValidationProgress>(options.onProgress);
  const ctx: BagContext = {
    dir,
    findings: new Findings(),
    version: { major: 1, minor: 0 },
    versionText: null,
    encoding: 'UTF-8',
    payloadDirOk: false,
    manifests: [],
    fetch: [],
    info: null,
    walk: null,
    expectations: new Map(),
    signal: options.signal,
    payloadAlgorithms: options.payloadAlgorithms ? new Set(options.payloadAlgorithms) : undefined,
    allowHardLinks: options.allowHardLinks === true,
    progress: (p) => throttled.emit(p),
  };
  const wanted = options.fast ? BAG_STAGES.slice(0, BAG_STAGES.indexOf('payload-oxum') + 1) : BAG_STAGES;
  const stages: BagStage[] = [];
  let stoppedAt: BagStage | null = null;
  try {
    for (const stage of wanted) {
      options.signal?.throwIfAborted();
      ctx.findings.stage = stage;
      stages.push(stage);
      const carryOn = await RUNNERS[stage](ctx);
      throttled.flush();
      // structure returns false when there is no folder at all: nothing else can run.
      if (carryOn === false || (stopAtFirstStage && ctx.findings.failedIn(stage))) {
        stoppedAt = stage;
        break;
      }
    }
  } catch (e) {
    if (options.signal?.aborted) throw VaultError.of('BAG_VALIDATION_CANCELLED', bagMessages.validationCancelled, { path: dir }, {}, e);
    throw e;
  }
  const { problems, warnings } = ctx.findings;
  return {
    valid: problems.length === 0,
    problems,
    warnings,
    checked: options.fast ? 'fast' : 'full',
    stages,
    skipped: BAG_STAGES.filter((s) => !stages.includes(s)),
    stoppedAt,
    version: ctx.versionText,
    payload: ctx.walk ? { files: ctx.walk.files.length, octets: ctx.walk.files.reduce((sum, f) => sum + f.size, 0) } : null,
  };
}
