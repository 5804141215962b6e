import { BAG_INFO_TXT, NON_REPEATABLE_LABELS, PACKAGE_INFO_TXT, infoValues, parseBagInfo, parseOxum } from './bag-info.js';
import { readTagText, type BagContext } from './context.js';
import { atLeast } from './paths.js';

/**
 * Stage 2, bag-info: labels, continuation lines and a well-formed Payload-Oxum. bag-info.txt
 * is optional (the suite's v1.0 basicBag has none); drafts before 0.96 called it
 * package-info.txt.
 */
export async function checkBagInfo(ctx: BagContext): Promise<void> {
  let file = BAG_INFO_TXT;
  let text = await readTagText(ctx, file);
  if (text === 'missing' && !atLeast(ctx.version, 0, 96)) {
    file = PACKAGE_INFO_TXT;
    text = await readTagText(ctx, file);
  }
  if (text === null || text === 'missing') return;
  const info = parseBagInfo(text);
  ctx.info = info;
  for (const e of info.errors) {
    ctx.findings.problem({ code: 'BAG_INFO_LINE_INVALID', path: file, line: e.line, detail: e.detail.en }, { detail: e.detail });
  }
  const oxums = infoValues(info, 'Payload-Oxum');
  // Two different Oxums cannot both be checked against the disk: the bag contradicts itself.
  if (new Set(oxums).size > 1) ctx.findings.problem({ code: 'BAG_INFO_REPEATED', path: file, label: 'Payload-Oxum' });
  for (const value of new Set(oxums)) {
    if (!parseOxum(value)) ctx.findings.problem({ code: 'PAYLOAD_OXUM_INVALID', path: file, found: value });
  }
  // RFC 8493 made these labels non-repeatable; older drafts did not (the suite's
  // duplicate-metadata-entries repeats Bagging-Date), so only 1.0 bags are warned about.
  if (atLeast(ctx.version, 1, 0)) {
    for (const label of NON_REPEATABLE_LABELS) {
      if (label !== 'Payload-Oxum' && infoValues(info, label).length > 1) ctx.findings.warning({ code: 'BAG_INFO_REPEATED', path: file, label });
    }
  }
}
