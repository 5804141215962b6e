import fs from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { VaultError } from '../errors.js';
import { samplesMessages } from './messages.js';

/**
 * Typefaces of printed official documents: 宋体 for body text (Noto Serif CJK or AR PL Ming),
 * 楷体 (AR PL Kai), 黑体 for classification marks (Noto Sans CJK). Any missing face falls back
 * to one that exists; with no CJK font at all rendering would print empty boxes, so we refuse.
 */
export type Face = 'song' | 'ming' | 'kai' | 'hei' | 'title';

const CANDIDATES: Record<Face, string[]> = {
  song: ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/truetype/arphic/uming.ttc'],
  ming: ['/usr/share/fonts/truetype/arphic/uming.ttc', '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'],
  kai: ['/usr/share/fonts/truetype/arphic/ukai.ttc'],
  hei: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'],
  // Stands in for 小标宋, the heavy Song face of red headers and titles.
  title: ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/truetype/arphic/uming.ttc'],
};
const FALLBACK_ORDER: Face[] = ['song', 'ming', 'title', 'hei', 'kai'];

export interface FontSet {
  /** CSS family name to use for each face (after fallback). */
  family: Record<Face, string>;
  /** The font file actually behind each face, recorded in the manifest. */
  file: Record<Face, string>;
}

let cached: FontSet | undefined;

export function loadFonts(): FontSet {
  if (cached) return cached;
  const found: Partial<Record<Face, string>> = {};
  // The installed app carries the CJK faces (resources/fonts, named in LANTAI_FONTS_DIR): a
  // Windows PC has none of these paths.
  const shipped = process.env['LANTAI_FONTS_DIR'];
  for (const face of Object.keys(CANDIDATES) as Face[]) {
    const candidates = shipped ? [...CANDIDATES[face].map((f) => path.join(shipped, path.basename(f))), ...CANDIDATES[face]] : CANDIDATES[face];
    const file = candidates.find((f) => fs.existsSync(f));
    if (file && GlobalFonts.registerFromPath(file, `Lantai ${face}`)) found[face] = file;
  }
  const first = FALLBACK_ORDER.find((f) => found[f]);
  if (!first) throw VaultError.of('SAMPLES_NO_FONT', samplesMessages.noCjkFont);
  const family = {} as Record<Face, string>;
  const file = {} as Record<Face, string>;
  for (const face of FALLBACK_ORDER) {
    const use = found[face] ? face : first;
    family[face] = `"Lantai ${use}"`;
    file[face] = found[use]!;
  }
  cached = { family, file };
  return cached;
}
