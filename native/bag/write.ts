import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { VaultError, errnoCode } from '../errors.js';
import { digestBuffer } from '../hash/digests.js';
import { throttleProgress } from '../jobs/progress.js';
import { fsyncDir, writeError, writeNewFileSynced } from '../store/atomic-write.js';
import { BAG_INFO_TXT, formatBagInfo, formatBagSize, formatOxum, type Oxum } from './bag-info.js';
import { BAGIT_TXT, formatBagitTxt } from './bagit-txt.js';
import { formatManifest } from './manifest.js';
import { bagMessages } from './messages.js';
import type { BagProgress } from './progress.js';
import { checkInfoElements, checkPayloadPaths, checkTagPaths } from './write-checks.js';
import { copyWithDigests, linkWithKnownDigests } from './write-file.js';
import { localDate } from '../util/local-date.js';

export interface PayloadEntry {
  /** Where the file goes, relative to data/, `/`-separated (e.g. `2024/文书/0001.pdf`). */
  path: string;
  /** A file to copy, or the bytes themselves. */
  source: string | Uint8Array;
  /**
   * The file's digests as recorded elsewhere (the vault's catalog). The copy then computes
   * SHA-256 only, must match `known.sha256`, and takes SM3 from `known`: the bytes are the
   * ones that SM3 was computed over, and SM3 runs at a quarter of SHA-256's speed here.
   */
  known?: { sha256: string; sm3: string };
}

export interface TagFileEntry {
  /** Relative to the bag root, outside data/ (e.g. `signature/manifest.p7s`). */
  path: string;
  content: string | Uint8Array;
}

export interface BagInfoInput {
  sourceOrganization?: string;
  externalIdentifier?: string;
  /** Default: today (local date). */
  baggingDate?: Date | string;
  /** This bag's place in a series: `Bag-Count: 2 of 5`. */
  bagCount?: { index: number; total: number };
  /** Further labels, written in this order after the standard ones. */
  extra?: ReadonlyArray<readonly [string, string]>;
}

export interface WriteBagOptions {
  info?: BagInfoInput;
  tagFiles?: readonly TagFileEntry[];
  signal?: AbortSignal;
  /** Throttled; the final event (everything done) is always delivered. */
  onProgress?: (p: BagProgress) => void;
  /**
   * A bag that lives only until it is zipped: payload files with `known` digests are hard-linked
   * where the disk allows, not copied (write-file.ts linkWithKnownDigests). Their bytes are then
   * not read here: the caller must check the bag's payload digests before trusting it.
   */
  linkSources?: boolean;
}

export interface WrittenFile {
  /** Relative to the bag root: `data/…`. */
  path: string;
  size: number;
  sha256: string;
  sm3: string;
}

export interface WrittenBag {
  path: string;
  oxum: Oxum;
  payload: WrittenFile[];
  /** Every tag file, tag manifests included. */
  tagFiles: string[];
}

const PARTIAL_MARK = '.bag-partial-';

/** The sibling folder a bag is assembled in; a name no finished bag has (cleanup tools look for it). */
export function isPartialBagName(name: string): boolean {
  return name.startsWith('.') && name.includes(PARTIAL_MARK);
}


async function sizeOf(entry: PayloadEntry): Promise<number> {
  if (typeof entry.source !== 'string') return entry.source.byteLength;
  const stat = await fs.promises.stat(entry.source).catch((e: unknown) => {
    throw VaultError.of('BAG_SOURCE_UNREADABLE', bagMessages.sourceUnreadable, { path: entry.path, source: entry.source as string, reason: errnoCode(e) ?? String(e) }, {}, e);
  });
  if (!stat.isFile()) {
    throw VaultError.of('BAG_SOURCE_UNREADABLE', bagMessages.sourceUnreadable, { path: entry.path, source: entry.source, reason: 'not a regular file' });
  }
  return stat.size;
}

/** Every folder from `dir` down, deepest first, so each is fsynced after its children. */
async function foldersDeepestFirst(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await foldersDeepestFirst(path.join(dir, e.name))));
  }
  out.push(dir);
  return out;
}

/**
 * Writes a BagIt 1.0 bag at `target` with SHA-256 and SM3 manifests and tag manifests.
 *
 * The bag is assembled in a hidden sibling folder, every file and folder fsynced, then renamed
 * to `target` in one step, so a crash or a cancel never leaves something at `target` that
 * looks finished (DESIGN.md: temp → fsync → rename → fsync the directory). Inputs are checked
 * before anything is written (see write-checks.ts). Cancelling rejects with BAG_CANCELLED.
 */
export async function writeBag(target: string, payload: readonly PayloadEntry[], options: WriteBagOptions = {}): Promise<WrittenBag> {
  const { signal } = options;
  const info = options.info ?? {};
  const tagFiles = options.tagFiles ?? [];
  checkPayloadPaths(payload.map((e) => e.path));
  checkTagPaths(tagFiles.map((t) => t.path));
  const generatedLabels = [
    ...(info.sourceOrganization !== undefined ? ['Source-Organization'] : []),
    'Bagging-Date',
    'Payload-Oxum',
    'Bag-Size',
    ...(info.bagCount ? ['Bag-Count'] : []),
    ...(info.externalIdentifier !== undefined ? ['External-Identifier'] : []),
  ];
  checkInfoElements(
    [
      ...(info.sourceOrganization !== undefined ? [['Source-Organization', info.sourceOrganization] as const] : []),
      ...(info.externalIdentifier !== undefined ? [['External-Identifier', info.externalIdentifier] as const] : []),
    ],
    [],
  );
  checkInfoElements(info.extra ?? [], generatedLabels);

  const absolute = path.resolve(target);
  if (fs.existsSync(absolute)) throw VaultError.of('BAG_TARGET_EXISTS', bagMessages.targetExists, { path: absolute });
  const parent = path.dirname(absolute);
  await fs.promises.mkdir(parent, { recursive: true }).catch((e: unknown) => {
    throw writeError(parent, e);
  });
  const sizes = await Promise.all(payload.map(sizeOf));
  const progress = { done: 0, total: payload.length, bytesDone: 0, bytesTotal: sizes.reduce((a, b) => a + b, 0) };
  const throttled = throttleProgress<BagProgress>(options.onProgress);
  const temp = path.join(parent, `.${path.basename(absolute)}${PARTIAL_MARK}${crypto.randomBytes(6).toString('hex')}`);

  try {
    await fs.promises.mkdir(path.join(temp, 'data'), { recursive: true });
    throttled.emit({ ...progress });
    const written: WrittenFile[] = [];
    for (const [i, entry] of payload.entries()) {
      signal?.throwIfAborted();
      const dest = path.join(temp, 'data', ...entry.path.split('/'));
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      const linked = options.linkSources && entry.known && typeof entry.source === 'string' ? await linkWithKnownDigests(entry.source, dest, sizes[i]!, entry.known) : null;
      if (linked) {
        progress.bytesDone += linked.size;
        throttled.emit({ ...progress });
      }
      const digests = linked ?? await copyWithDigests(entry.path, entry.source, dest, sizes[i]!, entry.known, (n) => {
        progress.bytesDone += n;
        throttled.emit({ ...progress });
      }, signal);
      written.push({ path: `data/${entry.path}`, size: digests.size, sha256: digests.sha256, sm3: digests.sm3 });
      progress.done++;
      throttled.emit({ ...progress });
    }
    signal?.throwIfAborted();

    // Tag files: data before manifests before tag manifests (verify runs in reverse).
    const oxum: Oxum = { octets: progress.bytesTotal, count: written.length };
    const infoText = formatBagInfo([
      ...(info.sourceOrganization !== undefined ? [['Source-Organization', info.sourceOrganization] as const] : []),
      ['Bagging-Date', typeof info.baggingDate === 'string' ? info.baggingDate : localDate(info.baggingDate ?? new Date())],
      ['Payload-Oxum', formatOxum(oxum)],
      ['Bag-Size', formatBagSize(oxum.octets)],
      ...(info.bagCount ? [['Bag-Count', `${info.bagCount.index} of ${info.bagCount.total}`] as const] : []),
      ...(info.externalIdentifier !== undefined ? [['External-Identifier', info.externalIdentifier] as const] : []),
      ...(info.extra ?? []),
    ]);
    const tags: Array<{ path: string; content: string | Uint8Array }> = [
      { path: BAGIT_TXT, content: formatBagitTxt() },
      { path: BAG_INFO_TXT, content: infoText },
      { path: 'manifest-sha256.txt', content: formatManifest(written.map((f) => ({ path: f.path, digest: f.sha256 }))) },
      { path: 'manifest-sm3.txt', content: formatManifest(written.map((f) => ({ path: f.path, digest: f.sm3 }))) },
      ...tagFiles,
    ];
    const tagDigests = [];
    for (const tag of tags) {
      const bytes = typeof tag.content === 'string' ? Buffer.from(tag.content, 'utf8') : tag.content;
      await writeNewFileSynced(path.join(temp, ...tag.path.split('/')), bytes);
      tagDigests.push({ path: tag.path, ...digestBuffer(bytes) });
    }
    await writeNewFileSynced(path.join(temp, 'tagmanifest-sha256.txt'), formatManifest(tagDigests.map((t) => ({ path: t.path, digest: t.sha256 }))));
    await writeNewFileSynced(path.join(temp, 'tagmanifest-sm3.txt'), formatManifest(tagDigests.map((t) => ({ path: t.path, digest: t.sm3 }))));

    for (const dir of await foldersDeepestFirst(temp)) await fsyncDir(dir);
    signal?.throwIfAborted();
    // rename() would silently replace an empty folder created at target meanwhile: look once more.
    if (fs.existsSync(absolute)) throw VaultError.of('BAG_TARGET_EXISTS', bagMessages.targetExists, { path: absolute });
    await fs.promises.rename(temp, absolute);
    await fsyncDir(parent);
    throttled.flush();
    return {
      path: absolute,
      oxum,
      payload: written,
      tagFiles: [...tags.map((t) => t.path), 'tagmanifest-sha256.txt', 'tagmanifest-sm3.txt'],
    };
  } catch (e) {
    await fs.promises.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (signal?.aborted) throw VaultError.of('BAG_CANCELLED', bagMessages.cancelled, { path: absolute }, {}, e);
    throw writeError(temp, e);
  }
}
