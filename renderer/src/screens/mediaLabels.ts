import type { MediaAlert, MediaRun, MediaType, MediumRow } from '../../../electron/contract.js';
import type { MessageKey, T } from '../i18n/index.js';

const TYPE_KEYS: Record<MediaType, MessageKey> = {
  cd_r: 'mediaTypeCdR', dvd_r: 'mediaTypeDvdR', bd_r: 'mediaTypeBdR', hdd: 'mediaTypeHdd', ssd: 'mediaTypeSsd', usb: 'mediaTypeUsb', lto: 'mediaTypeLto',
};
export const MEDIA_TYPE_LIST = Object.keys(TYPE_KEYS) as MediaType[];

const ALERT_KEYS: Record<MediaAlert['kind'], MessageKey> = {
  mismatch: 'mediaAlertKindMismatch', unreadable: 'mediaAlertKindUnreadable', missing: 'mediaAlertKindMissing', extra: 'mediaAlertKindExtra',
  overdue: 'mediaAlertKindOverdue', batch: 'mediaAlertKindBatch', index: 'mediaAlertKindIndex', label: 'mediaAlertKindLabel', full: 'mediaAlertKindFull', smart: 'mediaAlertKindSmart',
};

const RUN_RESULT_KEYS: Record<MediaRun['result'], MessageKey> = { clean: 'mediaRunClean', problems: 'mediaRunProblems', failed: 'mediaRunFailed', running: 'mediaRunRunning' };
const RUN_KIND_KEYS: Record<MediaRun['kind'], MessageKey> = { backup: 'mediaRunBackup', full: 'mediaRunFull', sample: 'mediaRunSample' };

type MediumState = MediumRow['state'];
const STATE_KEYS: Record<MediumState, MessageKey> = { active: 'mediaStateActive', checked_out: 'mediaStateCheckedOut', failing: 'mediaStateFailing', retired: 'mediaStateRetired' };
const STATE_COLORS: Record<MediumState, string> = { active: 'green', checked_out: 'blue', failing: 'red', retired: 'default' };

export const mediumStateName = (t: T, s: MediumState): string => (STATE_KEYS[s] ? t(STATE_KEYS[s]) : s);
export const mediumStateColor = (s: MediumState): string => STATE_COLORS[s] ?? 'default';
export const mediaTypeName = (t: T, type: MediaType): string => t(TYPE_KEYS[type]);
export const alertKindName = (t: T, kind: MediaAlert['kind']): string => (ALERT_KEYS[kind] ? t(ALERT_KEYS[kind]) : kind);
export const runResultName = (t: T, r: MediaRun['result']): string => t(RUN_RESULT_KEYS[r]);
export const runKindName = (t: T, k: MediaRun['kind']): string => t(RUN_KIND_KEYS[k]);
