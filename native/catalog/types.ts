/** Retention codes issued by the vault (DA/T 22-2015): Y permanent, D30 / D10 fixed terms. */
export const RETENTIONS = ['Y', 'D30', 'D10'] as const;
export type Retention = (typeof RETENTIONS)[number];

export const CLASSIFICATIONS = ['public', 'internal', 'secret', 'confidential', 'top_secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Printed names of the classification levels (GB/T 9704). */
export const CLASSIFICATION_LABELS: Record<Classification, { zh: string; en: string }> = {
  public: { zh: '公开', en: 'public' },
  internal: { zh: '内部', en: 'internal' },
  secret: { zh: '秘密', en: 'secret' },
  confidential: { zh: '机密', en: 'confidential' },
  top_secret: { zh: '绝密', en: 'top secret' },
};

/** State-secret levels (涉密); 内部 is not one of them and is flagged separately. */
export function isStateSecret(c: Classification): boolean {
  return c === 'secret' || c === 'confidential' || c === 'top_secret';
}

/** The parts that make one class: item numbers run 1..n without gaps inside it. */
export interface RecordClass {
  fondsCode: string;
  categoryCode: string;
  year: number;
  retention: Retention;
  orgUnit: string;
}

export interface RecordFields extends RecordClass {
  title: string;
  creator: string;
  docNumber: string;
  docDate: string | null;
  classification: Classification;
  classificationPeriod: string;
  remarks: string;
}

export interface RecordRow extends RecordFields {
  id: number;
  itemNumber: number;
  archivalCode: string;
  pageCount: number;
  classifiedHold: boolean;
  sourceName: string;
  createdAt: string;
  updatedAt: string;
  /** provisional until the archivist confirms it (or it is printed, transferred, imported fixed). */
  codeStatus: 'provisional' | 'fixed';
  /** awaiting: catalogued from a catalog file, its scans not yet ingested. */
  scanStatus: 'scanned' | 'awaiting';
  /** 'destroyed': the objects are gone after an approved appraisal; the entry stays. */
  disposal: '' | 'destroyed';
  /** The retention an appraisal set (the 档号 keeps the one it was filed under). */
  appraisedRetention: Retention | null;
  /** 开放 / 控制使用 after review; unreviewed until then. */
  accessStatus: 'unreviewed' | 'open' | 'restricted';
}
