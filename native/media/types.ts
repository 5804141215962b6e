import type { Message } from '../i18n/messages.js';

/** Kinds of carrier (载体) the registry knows. LTO tape is used through an LTFS mount. */
export const MEDIA_TYPES = ['cd_r', 'dvd_r', 'bd_r', 'hdd', 'ssd', 'usb', 'lto'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(v: unknown): v is MediaType {
  return typeof v === 'string' && (MEDIA_TYPES as readonly string[]).includes(v);
}

/** Families that share a check interval (ARCHIVAL-RULES.md: magnetic, optical; flash assumed). */
export type MediaFamily = 'optical' | 'magnetic' | 'flash';

export const MEDIA_FAMILY: Readonly<Record<MediaType, MediaFamily>> = {
  cd_r: 'optical', dvd_r: 'optical', bd_r: 'optical', hdd: 'magnetic', lto: 'magnetic', ssd: 'flash', usb: 'flash',
};

export const MEDIA_TYPE_LABELS: Readonly<Record<MediaType, Message>> = {
  cd_r: { zh: 'CD-R 光盘', en: 'CD-R disc' },
  dvd_r: { zh: 'DVD-R 光盘', en: 'DVD-R disc' },
  bd_r: { zh: 'BD-R 蓝光光盘', en: 'BD-R disc' },
  hdd: { zh: '硬磁盘', en: 'hard disk' },
  ssd: { zh: '固态硬盘', en: 'SSD' },
  usb: { zh: 'U 盘', en: 'USB flash drive' },
  lto: { zh: 'LTO 磁带（LTFS）', en: 'LTO tape (LTFS)' },
};

export function isOptical(type: MediaType): boolean {
  return MEDIA_FAMILY[type] === 'optical';
}

export type MediumState = 'active' | 'checked_out' | 'failing' | 'retired';

/** One registered medium, as the registry returns it. */
export interface MediumRow {
  id: string;
  type: MediaType;
  label: string;
  brand: string;
  batch: string;
  capacityBytes: number;
  writtenAt: string | null;
  expectedLifeYears: number;
  site: string;
  custodian: string;
  state: MediumState;
  mountPath: string | null;
  earlyCheck: boolean;
  earlyCheckReason: string;
  lastVerifiedAt: string | null;
  lastFullVerifiedAt: string | null;
  smart: string | null;
  createdAt: string;
  retiredAt: string | null;
}

/** What registering a medium needs. */
export interface NewMedium {
  id?: string;
  type: MediaType;
  label?: string;
  brand?: string;
  batch?: string;
  /** Bytes; the usual size of the type when omitted (optical), else required. */
  capacityBytes?: number;
  expectedLifeYears?: number;
  site: string;
  custodian?: string;
  /** Where it is mounted now: the label file is written there. */
  mountPath?: string;
}

/** smart: the disk holding the medium reports failing health (smartctl). */
export type AlertKind = 'mismatch' | 'unreadable' | 'missing' | 'extra' | 'overdue' | 'batch' | 'index' | 'label' | 'full' | 'smart';

export interface MediaAlert {
  id: number;
  mediumId: string;
  kind: AlertKind;
  subject: string;
  detail: Record<string, unknown>;
  raisedAt: string;
  runId: number | null;
  handledAt: string | null;
  handledBy: number | null;
  note: string;
}

export interface MediaRun {
  id: number;
  mediumId: string;
  kind: 'full' | 'sample' | 'backup';
  jobId: number | null;
  startedAt: string;
  finishedAt: string | null;
  checked: number;
  problems: number;
  result: 'running' | 'clean' | 'problems' | 'failed';
  detail: Record<string, unknown>;
}
