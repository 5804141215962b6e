import type { ExportTransferRequest } from '../../../electron/contract.js';

/**
 * The carriers a transfer can be split across, by the bytes each holds. The renderer may not
 * import native/, so this mirrors native/package/carriers.ts CARRIER_CAPACITY; a test
 * (test/flows/transfer-channels.test.ts) keeps the two equal.
 */
export const CARRIERS = {
  CD: 700 * 1024 * 1024,
  DVD: 4_700_000_000,
  BD25: 25_000_000_000,
  BD50: 50_000_000_000,
} as const satisfies Record<string, number>;

export type CarrierName = keyof typeof CARRIERS;
export const CARRIER_NAMES = Object.keys(CARRIERS) as CarrierName[];

/** The wizard's output form. */
export interface OutputValues {
  output: string;
  kind: 'folder' | 'zip';
  /** Split across carriers of this kind; 'none' writes one package. */
  carrier: CarrierName | 'none';
  toUnit?: string;
  transferName?: string;
}

export const OUTPUT_DEFAULTS: Partial<OutputValues> = { kind: 'folder', carrier: 'none' };

/** The output form's values as the engine's export request (without the selection). */
export function outputRequestOf(o: OutputValues): Omit<ExportTransferRequest, 'selection'> {
  return {
    output: o.output.trim(), kind: o.kind,
    ...(o.carrier && o.carrier !== 'none' ? { carrierCapacity: CARRIERS[o.carrier] } : {}),
    ...(o.toUnit?.trim() ? { toUnit: o.toUnit.trim() } : {}),
    ...(o.transferName?.trim() ? { transferName: o.transferName.trim() } : {}),
  };
}
