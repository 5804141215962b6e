import type { BagStage } from './problems.js';

/** Progress of a bag being written: files and bytes (the job manager's {done, total} plus bytes). */
export interface BagProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Progress of a validation: the same counts, for the stage that is running. */
export interface ValidationProgress extends BagProgress {
  stage: BagStage;
}
