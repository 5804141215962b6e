import { formatOxum, infoValues, parseOxum } from './bag-info.js';
import type { BagContext } from './context.js';
import { walkPayload } from './walk.js';

/**
 * Stage 3, Payload-Oxum: lists the payload (sizes from lstat, nothing read) and compares the
 * file count and octet total with Payload-Oxum, the cheap test that catches a truncated copy
 * or a stray file before any byte is hashed. Links and special files are reported here, as
 * the walk finds them.
 */
export async function checkPayloadOxum(ctx: BagContext): Promise<void> {
  if (!ctx.payloadDirOk) return;
  const walk = await walkPayload(ctx.dir, ctx.signal);
  ctx.walk = walk;
  for (const link of walk.symlinks) ctx.findings.problem({ code: 'SYMLINK_IN_BAG', path: link });
  for (const other of walk.special) ctx.findings.problem({ code: 'UNSUPPORTED_FILE_TYPE', path: other });
  if (!ctx.allowHardLinks) for (const linked of walk.hardLinks) ctx.findings.problem({ code: 'HARD_LINK_IN_BAG', path: linked });
  const found = { octets: walk.files.reduce((sum, f) => sum + f.size, 0), count: walk.files.length };
  ctx.progress({ stage: 'payload-oxum', done: found.count, total: found.count, bytesDone: 0, bytesTotal: found.octets });
  const declared = [...new Set(ctx.info ? infoValues(ctx.info, 'Payload-Oxum') : [])];
  const oxum = declared.length === 1 ? parseOxum(declared[0]!) : null;
  if (oxum && (oxum.octets !== found.octets || oxum.count !== found.count)) {
    ctx.findings.problem({ code: 'PAYLOAD_OXUM_MISMATCH', path: 'bag-info.txt', expected: formatOxum(oxum), found: formatOxum(found) });
  }
}
