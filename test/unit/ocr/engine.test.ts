import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { describeModel, languageData, OcrEngine } from '../../../native/ocr/engine.js';
import { ocrPage } from '../../../native/ocr/page.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { tempDir } from '../../harness/temp.js';
import { cer } from './cer.js';
import { renderLine, renderPage } from './render.js';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 1 });
});
after(async () => {
  await pool.terminate();
});

test('language data comes from the installed package and nothing is written to the working directory', async () => {
  const data = languageData('chi_sim', '4.0.0_best_int');
  assert.ok(data.file.startsWith(path.join(REPO, 'node_modules', '@tesseract.js-data', 'chi_sim')), data.file);
  const info = describeModel();
  assert.match(info.modelVersion, /chi_sim @tesseract\.js-data \S+ 4\.0\.0_best_int sha256:[0-9a-f]{16}/);
  // The worker threads resolve tsx from the cwd, so the cwd stays put: it must not change.
  const cwd = process.cwd();
  const before = fs.readdirSync(cwd).sort();
  // Offline: the test runner's guard fails any socket; the engine must not even try.
  const engine = await OcrEngine.create();
  try {
    const raw = await engine.recognize(renderLine('档案安全工作'));
    assert.ok(raw.blocks.length > 0);
    assert.match(raw.tesseractVersion, /^\d+\.\d+/);
  } finally {
    await engine.terminate();
  }
  assert.deepEqual(fs.readdirSync(cwd).sort(), before, 'nothing (no traineddata cache) written into the cwd');
  assert.equal(fs.readdirSync(REPO).filter((f) => f.includes('traineddata')).length, 0);
});

test('a rendered Chinese page is read with a low character error rate and no spaces between characters', async () => {
  const page = renderPage({ body: '为进一步加强档案安全工作，保障档案实体安全和信息安全，现提出如下意见。各级档案部门要高度重视档案安全工作，把档案安全作为档案工作的底线。', first: true, dpi: 150 });
  const dir = tempDir();
  const file = path.join(dir, 'page.png');
  fs.writeFileSync(file, page.png);
  const r = await ocrPage(pool, { greyFile: file, colourFile: file, dpi: 150 });
  const e = cer(r.text, page.groundTruth);
  assert.ok(e < 0.05, `CER ${e.toFixed(3)}:\n${r.text}`);
  assert.doesNotMatch(r.text, /\p{Script=Han} +\p{Script=Han}/u);
  assert.equal(r.engine, 'tesseract.js');
  assert.ok(r.settings.steps.includes('red-seals'), 'the red header and seal were handled');
  assert.ok((r.meanConfidence ?? 0) > 70);
});

test("every recognized character's box lies in the grid cell where that character was printed", async () => {
  const dpi = 150;
  const body = '档案部门要建立健全档案安全责任制定期开展档案安全检查及时消除安全隐患确保档案实体安全和信息安全各级档案馆要加强库房管理';
  const page = renderPage({ body, dpi });
  const dir = tempDir();
  const file = path.join(dir, 'page.png');
  fs.writeFileSync(file, page.png);
  const r = await ocrPage(pool, { greyFile: file, dpi });
  // The grid of renderPage: 28 characters a line from 28 mm, lines from 37 mm.
  const mm = dpi / 25.4;
  const left = 28 * mm;
  const pitch = (156 * mm) / 28;
  const lineH = (225 * mm) / 22;
  const bodyPx = Math.round((16 / 72) * dpi);
  const rows = page.groundTruth.split('\n').map((l) => Array.from(l));
  let checked = 0;
  let right = 0;
  for (const line of r.layout.lines) {
    for (const w of line.words) {
      assert.equal(r.text.slice(w.start, w.end), w.text);
      if (Array.from(w.text).length !== 1 || !/\p{Script=Han}/u.test(w.text)) continue;
      const cx = (w.bbox[0] + w.bbox[2]) / 2;
      const cy = (w.bbox[1] + w.bbox[3]) / 2;
      const row = Math.round((cy - (37 * mm + bodyPx - 0.4 * bodyPx)) / lineH);
      const col = Math.floor((cx - left) / pitch);
      checked++;
      if (rows[row]?.[col] === w.text) right++;
      assert.ok(w.bbox[2] - w.bbox[0] <= 1.6 * bodyPx, `box of ${w.text} too wide: ${JSON.stringify(w.bbox)}`);
    }
  }
  assert.ok(checked >= body.length * 0.9, `only ${checked} of ${body.length} characters came back as single-character units`);
  assert.ok(right / checked >= 0.97, `${right}/${checked} boxes in the right cell`);
});

test('a page scanned upside down is turned and read', async () => {
  const page = renderPage({ body: '档案部门要建立健全档案安全责任制定期开展档案安全检查及时消除安全隐患', dpi: 120 });
  const dir = tempDir();
  const file = path.join(dir, 'upside.png');
  const sharp = (await import('sharp')).default;
  await sharp(page.png).rotate(180).toFile(file);
  const r = await ocrPage(pool, { greyFile: file, dpi: 120 });
  assert.ok(cer(r.text, page.groundTruth) < 0.1, r.text);
  assert.equal(r.rotation, 180);
});
