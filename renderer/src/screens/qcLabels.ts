import type { BatchRow, FailReason, QcCheck } from '../../../electron/contract.js';
import type { MessageKey } from '../i18n/index.js';

// Keyed by the engine's own types: a reason or check the engine adds (or drops) is a compile
// error here until it has its label in the catalogs. The order is the engine's FAIL_REASONS.
export const FAIL_REASON_KEYS: Record<FailReason, MessageKey> = {
  blur: 'qcReasonBlur',
  skew: 'qcReasonSkew',
  incomplete: 'qcReasonIncomplete',
  missing_page: 'qcReasonMissingPage',
  extra_page: 'qcReasonExtraPage',
  wrong_order: 'qcReasonWrongOrder',
  colour: 'qcReasonColour',
  resolution: 'qcReasonResolution',
  dirty: 'qcReasonDirty',
  cropped: 'qcReasonCropped',
  wrong_item: 'qcReasonWrongItem',
  other: 'qcReasonOther',
};

export const FAIL_REASONS = Object.keys(FAIL_REASON_KEYS) as FailReason[];

export const CHECK_KEYS: Record<QcCheck, MessageKey> = {
  blank: 'qcCheckBlank',
  skew: 'qcCheckSkew',
  blur: 'qcCheckBlur',
  resolution: 'qcCheckResolution',
  colour_mode: 'qcCheckColourMode',
  duplicate: 'qcCheckDuplicate',
  page_count: 'qcCheckPageCount',
  unreadable: 'qcCheckUnreadable',
};

export const BATCH_STATE_KEYS: Record<BatchRow['state'], MessageKey> = {
  checking: 'qcStateChecking',
  checked: 'qcStateChecked',
  sampled: 'qcStateSampled',
  returned: 'qcStateReturned',
  accepted: 'qcStateAccepted',
};

/** A pass rate as the engine gives it (percent, two decimals; "–" before any page is judged). */
export function rateText(rate: number | null): string {
  return rate === null ? '–' : `${rate}%`;
}
