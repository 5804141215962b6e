import fs from 'node:fs';
import path from 'node:path';
import { isSupportedAlgorithm, parseManifestName } from './algorithms.js';
import { BAGIT_TXT, parseBagitTxt } from './bagit-txt.js';
import { readTagFile, readTagText, type BagContext, type LoadedManifest } from './context.js';
import { FETCH_TXT, parseFetch } from './fetch.js';
import { parseManifest } from './manifest.js';
import { bagMessages } from './messages.js';
import { unsafePathReason } from './paths.js';
import { decodeTagBytes } from './tag-text.js';

/**
 * Stage 1, structure: bagit.txt, data/, which manifests there are and whether every line of
 * them (and of fetch.txt) is well-formed and names a path inside the bag. Reads only tag files.
 * Returns false when the folder is not there at all, so nothing later can run.
 */
export async function checkStructure(ctx: BagContext): Promise<boolean> {
  const { findings } = ctx;
  const stat = await fs.promises.stat(ctx.dir).catch(() => null);
  if (!stat?.isDirectory()) {
    findings.problem({ code: 'BAG_NOT_FOUND', path: ctx.dir });
    return false;
  }
  await checkBagitTxt(ctx);
  await checkPayloadDir(ctx);
  await loadManifests(ctx);
  await loadFetch(ctx);
  return true;
}

async function checkBagitTxt(ctx: BagContext): Promise<void> {
  const read = await readTagFile(ctx.dir, BAGIT_TXT);
  if (read.kind === 'missing') return ctx.findings.problem({ code: 'BAGIT_TXT_MISSING', path: BAGIT_TXT });
  if (read.kind === 'symlink') return ctx.findings.problem({ code: 'SYMLINK_IN_BAG', path: read.at });
  if (read.kind === 'other') return ctx.findings.problem({ code: 'UNSUPPORTED_FILE_TYPE', path: BAGIT_TXT });
  const parsed = parseBagitTxt(read.bytes);
  if (!parsed.ok) {
    if (parsed.code === 'BAGIT_TXT_BOM') ctx.findings.problem({ code: 'BAGIT_TXT_BOM', path: BAGIT_TXT });
    else if (parsed.code === 'UNSUPPORTED_VERSION') ctx.findings.problem({ code: 'UNSUPPORTED_VERSION', path: BAGIT_TXT, found: parsed.found });
    else ctx.findings.problem({ code: 'BAGIT_TXT_INVALID', path: BAGIT_TXT, detail: parsed.detail.en }, { detail: parsed.detail });
    return;
  }
  ctx.version = parsed.version;
  ctx.versionText = parsed.versionText;
  // An encoding TextDecoder does not know makes every other tag file unreadable: say so once, here.
  if (!decodeTagBytes(new Uint8Array(0), parsed.encoding).ok) {
    ctx.findings.problem({ code: 'TAG_FILE_ENCODING', path: BAGIT_TXT, encoding: parsed.encoding });
    return;
  }
  ctx.encoding = parsed.encoding;
}

async function checkPayloadDir(ctx: BagContext): Promise<void> {
  const stat = await fs.promises.lstat(path.join(ctx.dir, 'data')).catch(() => null);
  if (stat?.isSymbolicLink()) return ctx.findings.problem({ code: 'SYMLINK_IN_BAG', path: 'data' });
  if (!stat?.isDirectory()) return ctx.findings.problem({ code: 'PAYLOAD_DIR_MISSING', path: 'data' });
  ctx.payloadDirOk = true;
}

async function loadManifests(ctx: BagContext): Promise<void> {
  const names = (await fs.promises.readdir(ctx.dir)).sort();
  for (const file of names) {
    const kind = parseManifestName(file);
    if (!kind) continue;
    if (!isSupportedAlgorithm(kind.algorithm)) {
      ctx.findings.warning({ code: 'ALGORITHM_UNSUPPORTED', path: file, algorithm: kind.algorithm });
      continue;
    }
    const text = await readTagText(ctx, file);
    if (text === null || text === 'missing') continue;
    const parsed = parseManifest(text, kind.algorithm, ctx.version);
    for (const e of parsed.errors) {
      ctx.findings.problem({ code: 'MANIFEST_LINE_INVALID', manifest: file, line: e.line, detail: e.detail.en }, { detail: e.detail });
    }
    const manifest: LoadedManifest = { file, ...kind, entries: [] };
    const dotSlash = parsed.entries.find((e) => e.dotSlash);
    if (dotSlash) ctx.findings.warning({ code: 'MANIFEST_DOT_SLASH', manifest: file, path: dotSlash.raw });
    const marker = parsed.entries.find((e) => e.binaryMarker);
    if (marker) ctx.findings.warning({ code: 'MANIFEST_BINARY_MARKER', manifest: file, path: marker.raw });
    for (const entry of parsed.entries) {
      const reason = unsafePathReason(entry.path);
      if (reason) {
        ctx.findings.problem({ code: 'PATH_OUTSIDE_BAG', manifest: file, path: entry.raw, reason: bagMessages[reason].en }, { reason: bagMessages[reason] });
      } else if (kind.kind === 'payload' && !entry.path.startsWith('data/')) {
        ctx.findings.problem({ code: 'PATH_NOT_IN_PAYLOAD', manifest: file, path: entry.raw });
      } else {
        manifest.entries.push(entry);
      }
    }
    ctx.manifests.push(manifest);
  }
  if (!ctx.manifests.some((m) => m.kind === 'payload')) ctx.findings.problem({ code: 'NO_MANIFEST', path: 'manifest-<algorithm>.txt' });
}

async function loadFetch(ctx: BagContext): Promise<void> {
  const text = await readTagText(ctx, FETCH_TXT);
  if (text === null || text === 'missing') return;
  const parsed = parseFetch(text, ctx.version);
  for (const e of parsed.errors) ctx.findings.problem({ code: 'FETCH_LINE_INVALID', path: FETCH_TXT, line: e.line, detail: e.detail.en }, { detail: e.detail });
  for (const entry of parsed.entries) {
    const reason = unsafePathReason(entry.path);
    if (reason) ctx.findings.problem({ code: 'PATH_OUTSIDE_BAG', manifest: FETCH_TXT, path: entry.path, reason: bagMessages[reason].en }, { reason: bagMessages[reason] });
    else if (!entry.path.startsWith('data/')) ctx.findings.problem({ code: 'PATH_NOT_IN_PAYLOAD', manifest: FETCH_TXT, path: entry.path });
    else ctx.fetch.push(entry);
  }
}

