import type { BagContext, LoadedManifest } from './context.js';
import { DiskIndex } from './disk-index.js';
import type { ManifestEntry } from './manifest.js';
import { bagMessages } from './messages.js';
import { atLeast, isSystemFile, normalizationKey } from './paths.js';

/**
 * Stage 4, completeness, both ways: every payload-manifest line names a file that is there,
 * and every payload file is in every payload manifest (RFC 8493 §3). Also decides which disk
 * file each line means (see DiskIndex) and records the digests the next stage must check.
 */
export function checkCompleteness(ctx: BagContext): void {
  if (!ctx.walk) return;
  const disk = new DiskIndex(ctx.walk.files.map((f) => f.path));
  const fetched = new Set(ctx.fetch.map((e) => normalizationKey(e.path)));
  const warnedNames = new Set<string>();

  for (const manifest of ctx.manifests.filter((m) => m.kind === 'payload')) {
    const byFile = new Map<string, ManifestEntry[]>();
    for (const entry of manifest.entries) {
      const match = disk.resolve(entry.path);
      if (match.kind === 'missing') {
        // A file fetch.txt promises is reported once, by the fetch check below.
        if (!fetched.has(normalizationKey(entry.path))) ctx.findings.problem({ code: 'FILE_MISSING', path: entry.path, manifest: manifest.file });
        continue;
      }
      if (match.kind !== 'exact' && !warnedNames.has(`${entry.path}\0${match.path}`)) {
        warnedNames.add(`${entry.path}\0${match.path}`);
        const code = match.kind === 'normalization' ? 'NAME_NORMALIZATION' : 'NAME_CASE_MISMATCH';
        ctx.findings.warning({ code, path: entry.path, found: match.path });
      }
      const list = byFile.get(match.path);
      if (list) list.push(entry);
      else byFile.set(match.path, [entry]);
    }
    reportDuplicates(ctx, manifest, byFile);
    for (const [file, entries] of byFile) {
      const expected = ctx.expectations.get(file) ?? [];
      for (const e of entries) expected.push({ manifest: manifest.file, algorithm: manifest.algorithm, digest: e.digest, listedAs: e.path });
      ctx.expectations.set(file, expected);
    }
    for (const f of ctx.walk.files) {
      if (!byFile.has(f.path)) ctx.findings.problem({ code: 'FILE_NOT_IN_MANIFEST', path: f.path, manifest: manifest.file });
    }
  }

  checkFetch(ctx, disk);
  for (const group of disk.collisions()) {
    ctx.findings.warning({ code: 'NAME_CASE_MISMATCH', path: group[0]!, found: group.slice(1).join(', ') });
  }
  for (const f of ctx.walk.files) if (isSystemFile(f.path)) ctx.findings.warning({ code: 'SYSTEM_FILE', path: f.path });
}

/**
 * One file listed more than once in one manifest. Conflicting digests are always a problem.
 * The same digest twice under the very same name is a problem from BagIt 1.0 on and a warning
 * before (the suite has it in v1.0/invalid and v0.97/warning); under names that differ only in
 * case or normalization it is a warning, the name warning already saying why.
 */
function reportDuplicates(ctx: BagContext, manifest: LoadedManifest, byFile: Map<string, ManifestEntry[]>): void {
  for (const [file, entries] of byFile) {
    if (entries.length < 2) continue;
    const first = entries[0]!;
    const conflicting = entries.find((e) => e.digest !== first.digest);
    const other = conflicting ?? entries[1]!;
    const detail = conflicting ? bagMessages.detailConflicting : bagMessages.detailSameDigest;
    const fields = {
      code: 'DUPLICATE_ENTRY',
      manifest: manifest.file,
      path: file,
      algorithm: manifest.algorithm,
      expected: first.digest,
      found: other.digest,
      detail: detail.en,
    } as const;
    const sameName = entries.some((e, i) => entries.findIndex((x) => x.path === e.path) !== i);
    if (conflicting || (sameName && atLeast(ctx.version, 1, 0))) ctx.findings.problem(fields, { detail });
    else ctx.findings.warning(fields, { detail });
  }
}

/**
 * The vault never fetches: a fetch.txt entry whose file is not already in the payload makes
 * the bag incomplete here. When every listed file is present (the suite's holey-bag) the bag
 * is complete and fetch.txt is only mentioned.
 */
function checkFetch(ctx: BagContext, disk: DiskIndex): void {
  if (ctx.fetch.length === 0) return;
  let missing = 0;
  for (const entry of ctx.fetch) {
    if (disk.resolve(entry.path).kind !== 'missing') continue;
    missing++;
    ctx.findings.problem({ code: 'FETCH_NOT_SUPPORTED', path: entry.path, url: entry.url });
  }
  if (missing === 0) ctx.findings.warning({ code: 'FETCH_IGNORED', path: 'fetch.txt', count: ctx.fetch.length });
}
