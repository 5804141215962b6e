import type { BagContext } from './context.js';
import { bagMessages } from './messages.js';
import { verifyDigests, type DigestJob } from './stage-digests.js';
import { resolveInsideBag } from './walk.js';

/**
 * Stage 6, tag manifests: every tag file they list is there (the suite's missing-baginfo lists
 * a bag-info.txt that is not) and has the listed digest (corrupt-tag-file). Last, as DESIGN.md
 * says: verify in the reverse order of writing, and tag manifests are written last.
 */
export async function checkTagManifests(ctx: BagContext): Promise<void> {
  const jobs = new Map<string, DigestJob>();
  for (const manifest of ctx.manifests.filter((m) => m.kind === 'tag')) {
    const seen = new Map<string, string>();
    for (const entry of manifest.entries) {
      const earlier = seen.get(entry.path);
      if (earlier !== undefined) {
        const detail = earlier === entry.digest ? bagMessages.detailSameDigest : bagMessages.detailConflicting;
        const fields = { code: 'DUPLICATE_ENTRY', manifest: manifest.file, path: entry.path, algorithm: manifest.algorithm, expected: earlier, found: entry.digest, detail: detail.en } as const;
        if (earlier === entry.digest) ctx.findings.warning(fields, { detail });
        else ctx.findings.problem(fields, { detail });
        continue;
      }
      seen.set(entry.path, entry.digest);
      const resolved = await resolveInsideBag(ctx.dir, entry.path);
      if (resolved.kind === 'missing') ctx.findings.problem({ code: 'FILE_MISSING', path: entry.path, manifest: manifest.file });
      else if (resolved.kind === 'symlink') ctx.findings.problem({ code: 'SYMLINK_IN_BAG', path: resolved.at });
      else if (resolved.kind === 'other') ctx.findings.problem({ code: 'UNSUPPORTED_FILE_TYPE', path: entry.path });
      else {
        const job = jobs.get(entry.path) ?? { rel: entry.path, size: resolved.size, expected: [] };
        job.expected.push({ manifest: manifest.file, algorithm: manifest.algorithm, digest: entry.digest, listedAs: entry.path });
        jobs.set(entry.path, job);
      }
    }
  }
  await verifyDigests(ctx, 'tag-manifests', [...jobs.values()]);
}
