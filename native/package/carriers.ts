import { VaultError } from '../errors.js';
import { packageKeyMessages } from './key-messages.js';
import type { PackageItem } from './types.js';

/** Carrier capacities (decimal bytes as the media are sold), for `--carrier CD|DVD|BD25|BD50`. */
export const CARRIER_CAPACITY: Readonly<Record<string, number>> = {
  CD: 700 * 1024 * 1024,
  DVD: 4_700_000_000,
  BD25: 25_000_000_000,
  BD50: 50_000_000_000,
};

/** Room kept on each carrier for the index, manifests and signatures besides the masters and text. */
const OVERHEAD = 0.02;

function itemBytes(item: PackageItem): number {
  return item.masters.reduce((n, m) => n + m.size + m.pageTexts.reduce((k, t) => k + Buffer.byteLength(t, 'utf8') + 2, 0), 0) + 4096;
}

/**
 * Splits items, in archival order, into carriers of at most `capacity` bytes; an item is never
 * split across carriers. One that alone is too large for a carrier refuses the split.
 */
export function splitIntoCarriers(items: readonly PackageItem[], capacity: number): PackageItem[][] {
  const room = Math.floor(capacity * (1 - OVERHEAD)) - 1_000_000;
  const carriers: PackageItem[][] = [];
  let current: PackageItem[] = [];
  let used = 0;
  for (const item of items) {
    const size = itemBytes(item);
    if (size > room) throw VaultError.of('TRANSFER_ITEM_TOO_LARGE', packageKeyMessages.itemTooLarge, { code: item.record.archivalCode, bytes: size, capacity });
    if (used + size > room && current.length > 0) {
      carriers.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += size;
  }
  if (current.length > 0) carriers.push(current);
  return carriers;
}
