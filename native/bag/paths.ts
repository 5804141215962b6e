import type { BagMessageKey } from './messages.js';

/**
 * Paths as they appear in manifests and fetch.txt: always `/`-separated and relative to the bag
 * root. One set of rules serves the writer (which refuses) and the validator (which reports).
 */

export type PathReason = Extract<
  BagMessageKey,
  'reasonEmpty' | 'reasonAbsolute' | 'reasonDotDot' | 'reasonBackslash' | 'reasonDrive' | 'reasonEmptySegment' | 'reasonControl' | 'reasonTilde'
>;

/**
 * Why a relative bag path is unsafe, or null when it is fine. Windows forms (drive letters,
 * backslashes, UNC) are refused on every platform: a bag accepted on Linux today is copied to a
 * Windows workstation tomorrow, where `C:\…` or `..\` would escape the bag.
 */
export function unsafePathReason(p: string): PathReason | null {
  if (p.length === 0) return 'reasonEmpty';
  if (p.includes('\0')) return 'reasonControl';
  if (p.startsWith('/')) return 'reasonAbsolute';
  if (p.includes('\\')) return 'reasonBackslash';
  if (/^[A-Za-z]:/.test(p)) return 'reasonDrive';
  const segments = p.split('/');
  if (segments[0]!.startsWith('~')) return 'reasonTilde';
  if (segments.some((s) => s === '..' || s === '.')) return 'reasonDotDot';
  if (segments.some((s) => s === '')) return 'reasonEmptySegment';
  return null;
}

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded (% first, so it is not doubled). */
export function encodeManifestPath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * The inverse for a bag of the given version. BagIt 1.0 encodes exactly %, CR and LF; the drafts
 * before it encoded only CR and LF, so a literal `%` (the suite's `data/%test2.txt`,
 * `data/%7Etest1.txt`) stays as it is there. Other `%XX` sequences are never decoded: they
 * name files whose names really contain them.
 */
export function decodeManifestPath(p: string, version: BagVersion): string {
  const pattern = atLeast(version, 1, 0) ? /%(25|0D|0A)/gi : /%(0D|0A)/gi;
  return p.replace(pattern, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface BagVersion {
  major: number;
  minor: number;
}

export function atLeast(v: BagVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** Key under which two names that differ only in Unicode normalization form are the same. */
export function normalizationKey(p: string): string {
  return p.normalize('NFC');
}

/**
 * Key under which names that differ in case or normalization are the same, as on a
 * case-insensitive file system (macOS, Windows). Upper-then-lower folds ß/SS and the like.
 */
export function caseKey(p: string): string {
  return p.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** Files that operating systems leave in folders on their own; harmless but worth a warning. */
export function isSystemFile(p: string): boolean {
  const base = p.slice(p.lastIndexOf('/') + 1);
  return /^(\.DS_Store|Thumbs\.db|desktop\.ini|\.Spotlight-V100|\.Trashes|Icon\r)$/i.test(base) || base.startsWith('._');
}
