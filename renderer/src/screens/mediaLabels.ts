import type { MediaAlert, MediaRun, MediaType } from '../../../electron/contract.js';
import type { MessageKey, T } from '../i18n/index.js';

const TYPE_KEYS: Record<MediaType, MessageKey> = {
  cd_r: 'mediaTypeCdR', dvd_r: 'mediaTypeDvdR', bd_r: 'mediaTypeBdR', hdd: 'mediaTypeHdd', ssd: 'mediaTypeSsd', usb: 'mediaTypeUsb', lto: 'mediaTypeLto',
};
export const MEDIA_TYPE_LIST = Object.keys(TYPE_KEYS) as MediaType[];

const ALERT_KEYS: Record<MediaAlert['kind'], MessageKey> = {
  mismatch: 'mediaAlertKindMismatch', unreadable: 'mediaAlertKindUnreadable', missing: 'mediaAlertKindMissing', extra: 'mediaAlertKindExtra',
  overdue: 'mediaAlertKindOverdue', batch: 'mediaAlertKindBatch', index: 'mediaAlertKindIndex', label: 'mediaAlertKindLabel', full: 'mediaAlertKindFull',
};

const RUN_RESULT_KEYS: Record<MediaRun['result'], MessageKey> = { clean: 'mediaRunClean', problems: 'mediaRunProblems', failed: 'mediaRunFailed', running: 'mediaRunRunning' };
const RUN_KIND_KEYS: Record<MediaRun['kind'], MessageKey> = { backup: 'mediaRunBackup', full: 'mediaRunFull', sample: 'mediaRunSample' };

export const mediaTypeName = (t: T, type: MediaType): string => t(TYPE_KEYS[type]);
export const alertKindName = (t: T, kind: MediaAlert['kind']): string => (ALERT_KEYS[kind] ? t(ALERT_KEYS[kind]) : kind);
export const runResultName = (t: T, r: MediaRun['result']): string => t(RUN_RESULT_KEYS[r]);
export const runKindName = (t: T, k: MediaRun['kind']): string => t(RUN_KIND_KEYS[k]);
