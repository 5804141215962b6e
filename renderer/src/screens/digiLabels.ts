import type { ColourRule, DeviceKind, DeviceRow, ItemState, NewItem, PrecheckOutcome, ProcessStep } from '../../../electron/contract.js';
import type { MessageKey } from '../i18n/index.js';

// Keyed by the engine's own types: a step, state or kind the engine adds is a compile error
// here until it has its label in the catalogs. The order is the engine's.
export const STEP_KEYS: Record<ProcessStep, MessageKey> = {
  precheck: 'digiStepPrecheck',
  unbind: 'digiStepUnbind',
  scan: 'digiStepScan',
  image_processing: 'digiStepImageProcessing',
  qc: 'digiStepQc',
  rescan: 'digiStepRescan',
  rebind: 'digiStepRebind',
  return: 'digiStepReturn',
  other: 'digiStepOther',
};
export const PROCESS_STEPS = Object.keys(STEP_KEYS) as ProcessStep[];

export const ITEM_STATE_KEYS: Record<ItemState, MessageKey> = {
  pending: 'digiItemPending',
  ready: 'digiItemReady',
  returned: 'digiItemReturned',
  scanned: 'digiItemScanned',
  in_qc: 'digiItemInQc',
  accepted: 'digiItemAccepted',
};

export const ITEM_STATE_COLORS: Record<ItemState, string> = {
  pending: 'default', ready: 'blue', returned: 'red', scanned: 'cyan', in_qc: 'orange', accepted: 'green',
};

export const DEVICE_KIND_KEYS: Record<DeviceKind, MessageKey> = {
  scanner: 'digiDeviceScanner',
  computer: 'digiDeviceComputer',
  camera: 'digiDeviceCamera',
  usb: 'digiDeviceUsb',
  hdd: 'digiDeviceHdd',
  ssd: 'digiDeviceSsd',
  disc: 'digiDeviceDisc',
  card: 'digiDeviceCard',
  other: 'digiDeviceOther',
};
export const DEVICE_KINDS = Object.keys(DEVICE_KIND_KEYS) as DeviceKind[];

export const DEVICE_STATE_KEYS: Record<DeviceRow['state'], MessageKey> = {
  in_use: 'digiDeviceInUse',
  returned: 'digiDeviceReturned',
  wiped: 'digiDeviceWiped',
};

export const PRECHECK_RESULT_KEYS: Record<PrecheckOutcome['result'], MessageKey> = {
  pass: 'digiPrecheckPass',
  fix: 'digiPrecheckFix',
  stopped: 'digiPrecheckStopped',
};

export const COLOUR_KEYS: Record<ColourRule, MessageKey> = {
  any: 'digiColourAny',
  colour: 'digiColourColour',
  grey: 'digiColourGrey',
  bilevel: 'digiColourBilevel',
};
export const COLOUR_RULES = Object.keys(COLOUR_KEYS) as ColourRule[];

/**
 * Items typed one a line as the paper catalog lists them: 档号[,题名[,页数]] (a comma, a
 * Chinese comma or a tab between). The engine checks each 档号; here only the page count's
 * shape, so a bad line is named by its number before anything is sent.
 */
export function parseItemLines(text: string): { items: NewItem[]; badLine: number | null } {
  const items: NewItem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const [code = '', title = '', pages = ''] = line.split(/[,，\t]/).map((f) => f.trim());
    if (pages && !/^[1-9]\d{0,5}$/.test(pages)) return { items, badLine: i + 1 };
    items.push({ archivalCode: code, ...(title ? { title } : {}), ...(pages ? { expectedPages: Number(pages) } : {}) });
  }
  return { items, badLine: null };
}
