import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataKey } from '../crypto/data-key.js';
import { VaultError } from '../errors.js';
import { mediumFileExists, readMediumFile, writeMediumFile } from './medium-io.js';
import { mediaMessages } from './messages.js';
import { isNetworkFs, mountOf, readMounts, type MountEntry } from './mounts.js';
import type { MediaType } from './types.js';

/**
 * What a medium holds:
 *
 *   LANTAI-MEDIUM.json           the label file: which medium this is, of which vault
 *   lantai/key.bin               the backup data key wrapped under the passphrase (useless without it)
 *   lantai/objects/ab/<n>.enc    vault objects, AES-256-GCM (native/crypto/file-cipher); the name is
 *                                HMAC(data key, SHA-256 of the object), so names reveal nothing
 *   lantai/catalog/catalog-<time>.sqlite.enc   catalog snapshots (records, accounts, audit log)
 *   lantai/manifest-sha256.txt   `sha256sum -c` lines of every ciphertext: verifiable without the key
 *   lantai/index.json            the same digests with sizes and the snapshots: written last, atomically
 *
 * Data before index: a file is listed only once it was written and read back, so a medium
 * whose backup stopped anywhere is consistent up to its last index.
 */
export const LABEL_FILE = 'LANTAI-MEDIUM.json';
export const DATA_DIR = 'lantai';
export const KEY_FILE = 'key.bin';
export const INDEX_FILE = 'index.json';
export const MANIFEST_FILE = 'manifest-sha256.txt';
export const RESERVE_FILE = '.reserve';
const LABEL_FORMAT = 'lantai-medium-label';
const INDEX_FORMAT = 'lantai-medium-index';

export interface MediumLabel {
  format: typeof LABEL_FORMAT;
  version: 1;
  mediumId: string;
  label: string;
  type: MediaType;
  vaultId: string;
  registeredAt: string;
}

export interface IndexEntry {
  sha256: string;
  size: number;
}

export interface IndexSnapshot {
  file: string;
  writtenAt: string;
  auditSeq: number;
  auditHash: string;
}

export interface MediumIndex {
  format: typeof INDEX_FORMAT;
  version: 1;
  mediumId: string;
  vaultId: string;
  keyId: string;
  updatedAt: string;
  /** Relative to lantai/, '/' separators. */
  files: Record<string, IndexEntry>;
  snapshots: IndexSnapshot[];
}

export function dataDir(root: string): string {
  return path.join(root, DATA_DIR);
}

export function objectFileName(key: DataKey, sha256: string): string {
  const name = crypto.createHmac('sha256', key.bytes).update(`lantai/object-name/v1:${sha256}`).digest('hex');
  return `objects/${name.slice(0, 2)}/${name}.enc`;
}

export function snapshotFileName(at: Date): string {
  // Milliseconds in the name: two backups within one second keep two snapshots.
  return `catalog/catalog-${at.toISOString().replace(/[-:]/g, '')}.sqlite.enc`;
}

/** Refuses a path that does not exist or sits on a network share. */
export function checkMediumPath(root: string, mounts: readonly MountEntry[] = readMounts()): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw VaultError.of('MEDIUM_NOT_MOUNTED', mediaMessages.notMounted, { path: root });
  }
  if (!st.isDirectory()) throw VaultError.of('MEDIUM_NOT_MOUNTED', mediaMessages.notMounted, { path: root });
  const m = mountOf(root, mounts);
  if (m && isNetworkFs(m.fsType)) throw VaultError.of('MEDIUM_NETWORK_SHARE', mediaMessages.networkShare, { path: root, fsType: m.fsType, mountPoint: m.mountPoint });
}

export async function readLabel(root: string): Promise<MediumLabel | undefined> {
  const file = path.join(root, LABEL_FILE);
  if (!(await mediumFileExists(file))) return undefined;
  let parsed: Partial<MediumLabel>;
  try {
    parsed = JSON.parse((await readMediumFile(file)).toString('utf8')) as Partial<MediumLabel>;
  } catch (e) {
    throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.labelUnreadable, { path: root, reason: e instanceof Error ? e.message : String(e) });
  }
  if (parsed.format !== LABEL_FORMAT || typeof parsed.mediumId !== 'string' || typeof parsed.vaultId !== 'string') {
    throw VaultError.of('MEDIUM_UNKNOWN', mediaMessages.labelUnreadable, { path: root, reason: `format must be ${LABEL_FORMAT} with mediumId and vaultId` });
  }
  return parsed as MediumLabel;
}

export async function writeLabel(root: string, label: Omit<MediumLabel, 'format' | 'version'>): Promise<void> {
  const full: MediumLabel = { format: LABEL_FORMAT, version: 1, ...label };
  await writeMediumFile(path.join(root, LABEL_FILE), `${JSON.stringify(full, null, 2)}\n`);
}

export function emptyIndex(mediumId: string, vaultId: string, keyId: string): MediumIndex {
  return { format: INDEX_FORMAT, version: 1, mediumId, vaultId, keyId, updatedAt: new Date().toISOString(), files: {}, snapshots: [] };
}

/** The medium's index; undefined when it has none yet (a medium never backed up to). */
export async function readIndex(root: string): Promise<MediumIndex | undefined> {
  const file = path.join(dataDir(root), INDEX_FILE);
  if (!(await mediumFileExists(file))) return undefined;
  const bad = (reason: string) => VaultError.of('MEDIUM_INDEX_INVALID', mediaMessages.indexInvalid, { path: root, reason });
  let parsed: Partial<MediumIndex>;
  try {
    parsed = JSON.parse((await readMediumFile(file)).toString('utf8')) as Partial<MediumIndex>;
  } catch (e) {
    if (e instanceof SyntaxError) throw bad('not JSON');
    throw e;
  }
  if (parsed.format !== INDEX_FORMAT || typeof parsed.files !== 'object' || parsed.files === null || !Array.isArray(parsed.snapshots)) throw bad(`format must be ${INDEX_FORMAT}`);
  for (const [name, e] of Object.entries(parsed.files)) {
    if (name.includes('..') || name.startsWith('/') || typeof e?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256) || !Number.isSafeInteger(e.size)) throw bad(`entry ${name}`);
  }
  return parsed as MediumIndex;
}

/** Manifest first, then the index (renamed into place last: the medium's commit point). */
export async function writeIndex(root: string, index: MediumIndex): Promise<void> {
  const names = Object.keys(index.files).sort();
  const manifest = names.map((n) => `${index.files[n]!.sha256}  ${n}\n`).join('');
  await writeMediumFile(path.join(dataDir(root), MANIFEST_FILE), manifest);
  await writeMediumFile(path.join(dataDir(root), INDEX_FILE), `${JSON.stringify({ ...index, updatedAt: new Date().toISOString(), files: Object.fromEntries(names.map((n) => [n, index.files[n]])) })}\n`);
}
