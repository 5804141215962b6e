import type { ColourRule } from '../digitization/types.js';

/** QC and acceptance (DA/T 31): the shapes that cross the engine's face. */

export const QC_CHECKS = ['blank', 'skew', 'blur', 'resolution', 'colour_mode', 'duplicate', 'page_count', 'unreadable'] as const;
export type QcCheck = (typeof QC_CHECKS)[number];

export const QC_CHECK_LABELS: Record<QcCheck, { zh: string; en: string }> = {
  blank: { zh: '空白页', en: 'blank page' },
  skew: { zh: '倾斜', en: 'skew' },
  blur: { zh: '模糊', en: 'blur' },
  resolution: { zh: '分辨率不足', en: 'resolution below the rule' },
  colour_mode: { zh: '色彩模式不符', en: 'colour mode against the rule' },
  duplicate: { zh: '重复图像', en: 'duplicate image' },
  page_count: { zh: '页数与目录不符', en: 'page count differs from the catalog' },
  unreadable: { zh: '图像无法读取', en: 'image cannot be read' },
};

/** Reasons a sampled page is judged failed (a note may add detail). */
export const FAIL_REASONS = ['blur', 'skew', 'incomplete', 'missing_page', 'extra_page', 'wrong_order', 'colour', 'resolution', 'dirty', 'cropped', 'wrong_item', 'other'] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

export const FAIL_REASON_LABELS: Record<FailReason, { zh: string; en: string }> = {
  blur: { zh: '图像模糊', en: 'blurred' },
  skew: { zh: '图像倾斜', en: 'skewed' },
  incomplete: { zh: '内容不完整（裁切、遮挡）', en: 'content incomplete (cut off, covered)' },
  missing_page: { zh: '漏扫', en: 'page missing' },
  extra_page: { zh: '多扫', en: 'extra page' },
  wrong_order: { zh: '页序错误', en: 'wrong order' },
  colour: { zh: '色彩失真或模式不符', en: 'colour wrong' },
  resolution: { zh: '分辨率不足', en: 'resolution too low' },
  dirty: { zh: '污点、黑边', en: 'spots or black borders' },
  cropped: { zh: '裁边不当', en: 'badly cropped' },
  wrong_item: { zh: '图像与条目不符', en: 'image of another item' },
  other: { zh: '其他', en: 'other' },
};

export type BatchState = 'checking' | 'checked' | 'sampled' | 'returned' | 'accepted';

export interface BatchRule {
  minDpi: number;
  colourMode: ColourRule;
  samplePercent: number;
  passMark: number;
  seed: string;
}

export interface BatchRow extends BatchRule {
  id: number;
  projectId: number;
  project: string;
  seq: number;
  state: BatchState;
  createdAt: string;
  createdBy: string;
  checkedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  items: number;
  pages: number;
}

export interface Finding {
  recordId: number;
  archivalCode: string;
  pageNo: number | null;
  check: QcCheck;
  value: number | null;
  detail: Record<string, unknown>;
}

export interface MachineSummary {
  batchId: number;
  pages: number;
  pagesWithFindings: number;
  counts: Record<QcCheck, number>;
  findings: Finding[];
}

/** One sampled page as the side-by-side review screen shows it: the scan, its OCR text, its catalog fields. */
export interface SamplePage {
  ordinal: number;
  recordId: number;
  archivalCode: string;
  pageNo: number;
  pageCount: number;
  imageSha256: string;
  /** The stored master image of the page (the review screen asks records.pageImage for a display copy). */
  imagePath: string;
  ocrText: string | null;
  catalog: { title: string; creator: string; docNumber: string; docDate: string | null; year: number; retention: string; classification: string; itemTitle: string; expectedPages: number | null };
  findings: Finding[];
  verdict: 'pass' | 'fail' | null;
  reason: FailReason | '';
  note: string;
  judgedBy: string | null;
  judgedAt: string | null;
}

export interface SampleResult {
  batchId: number;
  seed: string;
  size: number;
  judged: number;
  passed: number;
  failed: number;
  /** Percent of judged pages that passed. */
  passRate: number | null;
  passMark: number;
  /** Decided once every sampled page is judged. */
  verdict: 'pass' | 'fail' | 'pending';
}

export interface Defect {
  archivalCode: string;
  pageNo: number | null;
  source: 'sample' | 'machine';
  what: string;
  note: string;
}

export interface AcceptanceReport {
  title: string;
  project: string;
  vendor: string;
  batch: number;
  decision: 'accepted' | 'returned';
  decidedAt: string;
  counts: { items: number; pages: number; records: string[] };
  rule: BatchRule;
  machine: { pages: number; pagesWithFindings: number; counts: Record<QcCheck, number> };
  sample: SampleResult;
  defects: Defect[];
  mediaRegister: { total: number; outstanding: { label: string; kind: string; holder: string }[]; checked: boolean };
  rescans: { archivalCode: string; pageNo: number; at: string; reason: string }[];
  signatures: { archiveRoom: string; vendor: string; date: string };
}

export interface RescanRequest {
  record: string;
  pageNo: number;
  file: string;
  reason: string;
  deviceId?: string;
  software?: string;
}
