import type { LineRole } from './documents.js';

/** The ground truth of one scanned page: every printed line, top to bottom, exactly as drawn. */
export interface PageTruth {
  /** File name inside the item folder (or the OCR set folder). */
  file: string;
  width: number;
  height: number;
  dpi: number;
  colourMode: 'grey' | 'colour';
  format: 'png' | 'jpeg';
  skewDeg: number;
  degradations: string[];
  /** Printed lines; the seal's ring text is not printed text and is not included. */
  lines: { text: string; role: LineRole; paragraph?: number }[];
  /** lines joined with "\n". */
  text: string;
}

export interface SampleDocument {
  id: string;
  /** Item folder, relative to the output folder (one folder = one item for `lantai ingest`). */
  folder: string;
  source: string;
  title: string;
  docNumber: string;
  /** 成文日期 as YYYY-MM-DD when the document has one. */
  docDate: string | null;
  issuer: string;
  classification: string;
  classificationPeriod: string;
  /** True when a long seed text was cut at the page limit (its last page ends mid-text). */
  truncated: boolean;
  pages: PageTruth[];
}

export interface SampleManifest {
  kind: 'lantai-samples';
  version: 1;
  seed: number;
  fonts: Record<string, string>;
  documents: SampleDocument[];
}

export interface OcrVariantPage extends PageTruth {
  document: string;
  pageNo: number;
  variant: string;
}

export interface OcrBenchmarkManifest {
  kind: 'lantai-ocr-benchmark';
  version: 1;
  seed: number;
  fonts: Record<string, string>;
  variants: string[];
  pages: OcrVariantPage[];
}

export const MANIFEST_FILE = 'manifest.json';
