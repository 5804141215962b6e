import fs from 'node:fs';
import path from 'node:path';
import type { ManifestKind } from './algorithms.js';
import type { ParsedInfo } from './bag-info.js';
import type { FetchEntry } from './fetch.js';
import type { ManifestEntry } from './manifest.js';
import type { BagVersion } from './paths.js';
import type { Findings } from './problems.js';
import type { ValidationProgress } from './progress.js';
import { decodeTagBytes } from './tag-text.js';
import { resolveInsideBag, type PayloadWalk } from './walk.js';

export interface LoadedManifest {
  /** File name at the bag root, e.g. `manifest-sha256.txt`. */
  file: string;
  kind: ManifestKind;
  algorithm: string;
  entries: ManifestEntry[];
}

/** One digest a payload file must have, from one manifest line. */
export interface Expectation {
  manifest: string;
  algorithm: string;
  digest: string;
  /** The name as the manifest gives it (may differ from the disk name in normalization or case). */
  listedAs: string;
}

/** What the stages learn and hand on to the later ones. */
export interface BagContext {
  dir: string;
  findings: Findings;
  /** From bagit.txt; 1.0 rules when it could not be read. */
  version: BagVersion;
  versionText: string | null;
  encoding: string;
  payloadDirOk: boolean;
  manifests: LoadedManifest[];
  fetch: FetchEntry[];
  info: ParsedInfo | null;
  walk: PayloadWalk | null;
  /** Disk path (`data/…`) → the digests the payload manifests expect of it. */
  expectations: Map<string, Expectation[]>;
  signal: AbortSignal | undefined;
  /** Payload digests recomputed only with these algorithms (undefined: every one the manifests name). */
  payloadAlgorithms: ReadonlySet<string> | undefined;
  /** See ValidateBagOptions.allowHardLinks. */
  allowHardLinks: boolean;
  progress: (p: ValidationProgress) => void;
}

export type TagRead = { kind: 'ok'; bytes: Buffer } | { kind: 'missing' } | { kind: 'symlink'; at: string } | { kind: 'other' };

/** Reads a tag file whole (tag files are small) without following a link on the way. */
export async function readTagFile(dir: string, rel: string): Promise<TagRead> {
  const resolved = await resolveInsideBag(dir, rel);
  if (resolved.kind !== 'file') return resolved;
  const handle = await fs.promises.open(path.join(dir, rel), fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return { kind: 'ok', bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

/**
 * Reads and decodes a tag file in the bag's declared encoding, reporting what goes wrong
 * (link, undecodable bytes, BOM). Null when there is nothing to parse; `missing` is left to
 * the caller, since some tag files are optional.
 */
export async function readTagText(ctx: BagContext, rel: string): Promise<string | null | 'missing'> {
  const read = await readTagFile(ctx.dir, rel);
  if (read.kind === 'missing') return 'missing';
  if (read.kind === 'symlink') {
    ctx.findings.problem({ code: 'SYMLINK_IN_BAG', path: read.at });
    return null;
  }
  if (read.kind === 'other') {
    ctx.findings.problem({ code: 'UNSUPPORTED_FILE_TYPE', path: rel });
    return null;
  }
  const decoded = decodeTagBytes(read.bytes, ctx.encoding);
  if (!decoded.ok) {
    ctx.findings.problem({ code: 'TAG_FILE_ENCODING', path: rel, encoding: ctx.encoding });
    return null;
  }
  if (decoded.bom) ctx.findings.warning({ code: 'TAG_FILE_BOM', path: rel });
  return decoded.text;
}
