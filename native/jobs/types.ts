export type JobStatus = 'queued' | 'running' | 'interrupted' | 'done' | 'failed' | 'cancelled';
export type JobItemStatus = 'pending' | 'staged' | 'done' | 'failed' | 'skipped';

export interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  params: string;
  paramsKey: string;
  ownerPid: number | null;
  heartbeatAt: string | null;
  total: number;
  done: number;
  failed: number;
  message: string;
  createdAt: string;
  updatedAt: string;
}

export interface JobItemRow {
  id: number;
  jobId: number;
  seq: number;
  key: string;
  status: JobItemStatus;
  attempts: number;
  result: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** What a long-running operation reports; throttled so a UI is not flooded. */
export interface Progress {
  jobId: number;
  done: number;
  total: number;
  failed: number;
  message: string;
}

export type ProgressListener = (p: Progress) => void;
