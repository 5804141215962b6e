import path from 'node:path';
import type { BagContext, Expectation } from './context.js';
import type { BagStage } from './problems.js';
import { hashFiles, type HashOutcome } from './hash-files.js';

/** What one file must hash to, and where it sits in the bag. */
export interface DigestJob {
  rel: string;
  size: number;
  expected: Expectation[];
}

/**
 * Hashes each file once with every algorithm its manifests name (two files at a time, on two
 * cores) and compares. Shared by the payload stage and the tag-manifest stage.
 */
export async function verifyDigests(ctx: BagContext, stage: BagStage, jobs: readonly DigestJob[]): Promise<void> {
  const bytesTotal = jobs.reduce((sum, j) => sum + j.size, 0);
  let bytesDone = 0;
  let done = 0;
  const report = (): void => ctx.progress({ stage, done, total: jobs.length, bytesDone, bytesTotal });
  report();
  const tasks = jobs.map((j) => ({ file: path.join(ctx.dir, j.rel), algorithms: [...new Set(j.expected.map((e) => e.algorithm))] }));
  await hashFiles(tasks, {
    signal: ctx.signal,
    totalBytes: bytesTotal,
    onBytes: (n) => {
      bytesDone += n;
      report();
    },
    onFile: (index, outcome) => {
      done++;
      compare(ctx, jobs[index]!, outcome);
      report();
    },
  });
}

function compare(ctx: BagContext, job: DigestJob, outcome: HashOutcome): void {
  if ('error' in outcome) {
    ctx.findings.problem({ code: 'FILE_UNREADABLE', path: job.rel, detail: outcome.error.code ?? outcome.error.message });
    return;
  }
  for (const e of job.expected) {
    const found = outcome.digests[e.algorithm];
    if (found !== e.digest) {
      ctx.findings.problem({ code: 'DIGEST_MISMATCH', path: e.listedAs, manifest: e.manifest, algorithm: e.algorithm, expected: e.digest, found: found ?? '' });
    }
  }
}

/** Stage 5: every payload file against every payload manifest that lists it. */
export async function checkPayloadDigests(ctx: BagContext): Promise<void> {
  const jobs = (ctx.walk?.files ?? [])
    .filter((f) => ctx.expectations.has(f.path))
    .map((f) => ({ rel: f.path, size: f.size, expected: ctx.expectations.get(f.path)!.filter((e) => ctx.payloadAlgorithms?.has(e.algorithm) ?? true) }))
    .filter((j) => j.expected.length > 0);
  await verifyDigests(ctx, 'digests', jobs);
}
