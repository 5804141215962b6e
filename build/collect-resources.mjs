#!/usr/bin/env node
// Gathers what the installers carry beside the app's archive (electron-builder extraResources,
// see build/electron-builder.json): the OCR language data (the models the engine uses, with
// their package.json for provenance) and the CJK fonts that `lantai samples`/`demo` render
// official documents with. A Windows PC has neither, and an isolated one cannot fetch them.
//   node build/collect-resources.mjs [OUTDIR]     default .cache/dist-resources
// Fonts come from LANTAI_FONTS_DIR, or this build machine's Debian/UOS/Kylin font packages
// (fonts-noto-cjk, fonts-arphic-ukai/uming); missing all of them is an error, not a silent gap.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.cache', 'dist-resources'));
/** The model folder the OCR engine loads (native/ocr/engine.ts). */
const MODEL = '4.0.0_best_int';
const LANGUAGES = ['chi_sim', 'eng'];
const FONT_FILES = ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJK-Bold.ttc', 'NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc', 'uming.ttc', 'ukai.ttc'];
const FONT_DIRS = [process.env.LANTAI_FONTS_DIR, '/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/arphic'].filter(Boolean);

fs.rmSync(out, { recursive: true, force: true });
for (const lang of LANGUAGES) {
  const pkg = path.join(root, 'node_modules', '@tesseract.js-data', lang);
  const model = path.join(pkg, MODEL, `${lang}.traineddata.gz`);
  if (!fs.existsSync(model)) throw new Error(`OCR language data missing: ${model} (npm install first)`);
  fs.mkdirSync(path.join(out, 'tessdata', lang, MODEL), { recursive: true });
  fs.copyFileSync(path.join(pkg, 'package.json'), path.join(out, 'tessdata', lang, 'package.json'));
  fs.copyFileSync(model, path.join(out, 'tessdata', lang, MODEL, `${lang}.traineddata.gz`));
}
fs.mkdirSync(path.join(out, 'fonts'), { recursive: true });
const fonts = [];
for (const name of FONT_FILES) {
  const from = FONT_DIRS.map((d) => path.join(d, name)).find((f) => fs.existsSync(f));
  if (from) {
    fs.copyFileSync(from, path.join(out, 'fonts', name));
    fonts.push(name);
  }
}
if (fonts.length === 0) throw new Error(`no CJK font found in ${FONT_DIRS.join(', ')}: install fonts-noto-cjk or set LANTAI_FONTS_DIR`);
console.log(`resources for the installers in ${out}: tessdata ${LANGUAGES.join(', ')}; fonts ${fonts.join(', ')}`);
