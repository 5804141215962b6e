import type { FourPropertyReport } from '../check/four-property.js';
import type { RecordRow } from '../catalog/types.js';

/** One master of a record as it goes into a package. */
export interface PackageMaster {
  seq: number;
  /** The object file in the vault's store. */
  source: string;
  /** File extension by content (jpg, tif …). */
  ext: string;
  sha256: string;
  sm3: string;
  size: number;
  pageCount: number;
  /** OCR text of the master's pages in order, '' for a page without text; empty when none has text. */
  pageTexts: string[];
}

export interface PackageItem {
  record: RecordRow;
  masters: PackageMaster[];
}

/** The 电子档案移交与接收登记表 data (its printed form is the archive's to render). */
export interface TransferFormData {
  transferId: string;
  transferName: string;
  description: string;
  fromUnit: string;
  toUnit: string;
  records: number;
  pages: number;
  files: number;
  bytes: number;
  /** Data volume in GB to three decimals, as the form asks. */
  gigabytes: string;
  carrier: { sequence: string; kind: 'folder' | 'zip'; spec: string };
  checks: { authenticity: string; integrity: string; usability: string; security: string; carrierAppearance: string };
  digestAlgorithms: string[];
  transferredBy: string;
  approvedBy: string;
  transferDate: string;
  receivedBy: string;
  receivedDate: string;
}

export interface PackagePlanInput {
  transferId: string;
  sourceOrganization: string;
  toUnit: string;
  transferName: string;
  items: readonly PackageItem[];
  report: FourPropertyReport;
  transferredBy: string;
  approvedBy: string;
  outputKind: 'folder' | 'zip';
  /** This carrier's place in a set split by capacity (1 of 1 when omitted). */
  carrier?: { index: number; total: number };
  /** 顺序号 of this carrier's first item minus one (items are numbered across the set). */
  seqOffset?: number;
  /** YYYY-MM-DD; today when omitted. */
  date?: string;
}
