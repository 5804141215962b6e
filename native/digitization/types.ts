/** Digitization projects (数字化项目): the shapes that cross the engine's face. */

export const PROCESS_STEPS = ['precheck', 'unbind', 'scan', 'image_processing', 'qc', 'rescan', 'rebind', 'return', 'other'] as const;
export type ProcessStep = (typeof PROCESS_STEPS)[number];

export const PROCESS_STEP_LABELS: Record<ProcessStep, { zh: string; en: string }> = {
  precheck: { zh: '预检', en: 'pre-check' },
  unbind: { zh: '拆卷', en: 'unbinding' },
  scan: { zh: '扫描', en: 'scanning' },
  image_processing: { zh: '图像处理', en: 'image processing' },
  qc: { zh: '质检', en: 'quality check' },
  rescan: { zh: '重扫', en: 're-scan' },
  rebind: { zh: '装订', en: 'rebinding' },
  return: { zh: '退回', en: 'return' },
  other: { zh: '其他', en: 'other' },
};

/** Chinese step names accepted wherever a step is typed. */
export function stepOf(value: string): ProcessStep | undefined {
  const v = value.trim();
  if ((PROCESS_STEPS as readonly string[]).includes(v)) return v as ProcessStep;
  return PROCESS_STEPS.find((s) => PROCESS_STEP_LABELS[s].zh === v);
}

export const COLOUR_RULES = ['any', 'colour', 'grey', 'bilevel'] as const;
export type ColourRule = (typeof COLOUR_RULES)[number];
export const COLOUR_RULE_LABELS: Record<ColourRule, { zh: string; en: string }> = {
  any: { zh: '不限', en: 'any' },
  colour: { zh: '彩色', en: 'colour' },
  grey: { zh: '灰度', en: 'greyscale' },
  bilevel: { zh: '黑白二值', en: 'bilevel' },
};

export const ITEM_STATES = ['pending', 'ready', 'returned', 'scanned', 'in_qc', 'accepted'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const DEVICE_KINDS = ['scanner', 'computer', 'camera', 'usb', 'hdd', 'ssd', 'disc', 'card', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** The QC rule of a project; each batch freezes a copy when it is made. */
export interface QcRule {
  minDpi: number;
  colourMode: ColourRule;
  /** Human sample size in percent of the batch's pages (default 5). */
  samplePercent: number;
  /** Pass mark of the sample in percent (default 95): the pass rate must exceed it (or be 100%). */
  passMark: number;
}

export interface ProjectRow extends QcRule {
  id: number;
  name: string;
  vendor: string;
  inHouse: boolean;
  contractRef: string;
  site: string;
  state: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface ItemRow {
  id: number;
  projectId: number;
  seq: number;
  archivalCode: string;
  title: string;
  expectedPages: number | null;
  state: ItemState;
  recordId: number | null;
  recordCode: string | null;
  pageCount: number | null;
}

export interface NewItem {
  archivalCode: string;
  title?: string;
  expectedPages?: number;
}

export interface NewProject extends Partial<QcRule> {
  name: string;
  vendor?: string;
  inHouse?: boolean;
  contractRef?: string;
  site?: string;
  items: NewItem[];
}

export interface OperatorRow {
  username: string;
  displayName: string;
  roles: string[];
  status: string;
  addedAt: string;
}

export interface PrecheckInput {
  /** The classification mark on the paper (e.g. 秘密★10年), '' when none. */
  classificationMark?: string;
  /** A declassification mark (解密标志) is on the paper. */
  declassified?: boolean;
  complete: boolean;
  orderOk: boolean;
  matchesCatalog: boolean;
  /** Pages counted on the paper. */
  pageCount?: number;
  note?: string;
  /** Whom a stopped item is handed back to (the archive room's person). */
  returnedTo?: string;
}

export interface PrecheckRow {
  id: number;
  archivalCode: string;
  at: string;
  by: string;
  classificationMark: string;
  declassified: boolean;
  complete: boolean;
  orderOk: boolean;
  matchesCatalog: boolean;
  pageCount: number | null;
  result: 'pass' | 'fix' | 'stopped';
  problems: string[];
  note: string;
}

export interface ReturnRow {
  id: number;
  archivalCode: string;
  at: string;
  by: string;
  reasonCode: string;
  reason: string;
  returnedTo: string;
}

export interface SheetStepRow {
  id: number;
  archivalCode: string;
  step: ProcessStep;
  deviceId: string;
  count: number;
  operator: string;
  at: string;
  source: 'auto' | 'manual';
  note: string;
}

export interface NewSheetStep {
  step: ProcessStep;
  deviceId?: string;
  count?: number;
  /** The person who did the step; the session's display name when omitted. */
  operator?: string;
  at?: string;
  note?: string;
}

/** The 流程单 of one item: a plain data shape (printing as PDF comes with native/print). */
export interface ProcessSheet {
  project: string;
  vendor: string;
  archivalCode: string;
  title: string;
  recordCode: string | null;
  steps: SheetStepRow[];
}

export interface PageProcessMetadata {
  pageNo: number;
  imageSha256: string;
  captureForm: string;
  deviceId: string;
  software: string;
  dpi: number | null;
  colourMode: string;
  compression: string;
  capturedAt: string;
  operator: string;
}

export interface DeviceRow {
  id: number;
  projectId: number;
  kind: DeviceKind;
  label: string;
  serial: string;
  description: string;
  holder: string;
  state: 'in_use' | 'returned' | 'wiped';
  registeredAt: string;
  endedAt: string | null;
  endNote: string;
  uses: { at: string; holder: string; purpose: string }[];
}

export interface NewDevice {
  kind: DeviceKind;
  label: string;
  serial?: string;
  description?: string;
  holder: string;
}

export interface ProjectDetail {
  project: ProjectRow;
  items: ItemRow[];
  counts: Record<ItemState, number>;
  operators: OperatorRow[];
  returns: ReturnRow[];
  devices: DeviceRow[];
}
