import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The CJK typeface printouts embed: Noto Sans Hans (思源黑体 simplified, SIL Open Font License)
 * from the npm package @embedpdf/fonts-sc, which ships with the app. Never a system font:
 * an archive room's PC may have none, and a printout must look the same everywhere. Only the
 * glyphs a document uses are embedded (a subset), so a catalog PDF stays small.
 */
export interface PrintFonts {
  regular: string;
  bold: string;
}

let cached: PrintFonts | undefined;

export function printFonts(): PrintFonts {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // The package exports only its index; the fonts sit beside dist/.
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const regular = path.join(dir, 'NotoSansHans-Regular.otf');
  const bold = path.join(dir, 'NotoSansHans-Bold.otf');
  for (const f of [regular, bold]) if (!fs.existsSync(f)) throw new Error(`the printout font ${f} is missing: reinstall the app (npm package @embedpdf/fonts-sc)`);
  cached = { regular, bold };
  return cached;
}
