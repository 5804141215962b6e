import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPageText, cleanText, keepSpaceBetween, type TessBlock, type TessWord } from '../../../native/ocr/page-text-from-tesseract.js';

function word(text: string, x0: number, symbols = true): TessWord {
  const chars = Array.from(text);
  const w = 20;
  return {
    text,
    confidence: 90,
    bbox: { x0, y0: 10, x1: x0 + w * chars.length, y1: 30 },
    symbols: symbols ? chars.map((c, i) => ({ text: c, confidence: 90, bbox: { x0: x0 + w * i, y0: 10, x1: x0 + w * (i + 1), y1: 30 } })) : null,
  };
}

function block(words: TessWord[]): TessBlock[] {
  const x0 = Math.min(...words.map((w) => w.bbox.x0));
  const x1 = Math.max(...words.map((w) => w.bbox.x1));
  return [{ paragraphs: [{ lines: [{ text: words.map((w) => w.text).join(' '), confidence: 90, bbox: { x0, y0: 10, x1, y1: 30 }, words }] }] }];
}

test('spaces tesseract puts between Chinese characters are dropped, spaces between Latin words kept', () => {
  assert.equal(cleanText('档案 局 印发 ，\n GB/T 9704 规定'), '档案局印发，\nGB/T 9704规定');
  assert.equal(keepSpaceBetween('GB/T', '9704'), true);
  assert.equal(keepSpaceBetween('档案', '2016'), false);
  assert.equal(keepSpaceBetween('“', '档'), false);
});

test('every character keeps its own box and its offsets into the cleaned text', () => {
  const words = [word('国家', 0), word('档案局', 60), word('GB/T', 140), word('9704', 240), word('〔2016〕', 340)];
  const page = buildPageText(block(words), { width: 1000, height: 100 });
  assert.equal(page.text, '国家档案局GB/T 9704〔2016〕');
  const units = page.layout.lines[0]!.words;
  for (const u of units) assert.equal(page.text.slice(u.start, u.end), u.text, 'offsets point at the unit');
  const byText = new Map(units.map((u) => [u.text, u]));
  // Each Han character is its own unit with its own symbol box.
  assert.deepEqual(byText.get('国')!.bbox, [0, 10, 20, 30]);
  assert.deepEqual(byText.get('局')!.bbox, [100, 10, 120, 30]);
  assert.deepEqual(byText.get('GB/T')!.bbox, [140, 10, 220, 30]);
  // A hit on 档案局 covers exactly those three unit boxes.
  const at = page.text.indexOf('档案局');
  assert.deepEqual(units.filter((u) => u.end > at && u.start < at + 3).map((u) => u.bbox), [[60, 10, 80, 30], [80, 10, 100, 30], [100, 10, 120, 30]]);
});

test('boxes are mapped back into the page frame and clamped to it', () => {
  const page = buildPageText(block([word('档案', 10)]), { width: 50, height: 50, mapBox: (b) => [b[0] * 2, b[1] * 2, b[2] * 2, b[3] * 2] });
  assert.deepEqual(page.layout.lines[0]!.words.map((w) => w.bbox), [[20, 20, 50, 50], [50, 20, 50, 50]]);
});

test('an evenly set Chinese line gives each character its share of the line box, whatever the symbol boxes say', () => {
  // Symbol boxes half a character off and a sliver, as tesseract's LSTM reports them.
  const w: TessWord = {
    text: '档案安全',
    confidence: 90,
    bbox: { x0: 10, y0: 10, x1: 90, y1: 30 },
    symbols: [
      { text: '档', confidence: 90, bbox: { x0: 10, y0: 10, x1: 20, y1: 30 } },
      { text: '案', confidence: 90, bbox: { x0: 30, y0: 10, x1: 33, y1: 30 } },
      { text: '安', confidence: 90, bbox: { x0: 55, y0: 10, x1: 75, y1: 30 } },
      { text: '全', confidence: 90, bbox: { x0: 75, y0: 10, x1: 90, y1: 30 } },
    ],
  };
  const blocks: TessBlock[] = [{ paragraphs: [{ lines: [{ text: '档案安全', confidence: 90, bbox: { x0: 0, y0: 10, x1: 80, y1: 30 }, words: [w] }] }] }];
  const page = buildPageText(blocks, { width: 100, height: 100 });
  assert.deepEqual(page.layout.lines[0]!.words.map((u) => u.bbox), [[0, 10, 20, 30], [20, 10, 40, 30], [40, 10, 60, 30], [60, 10, 80, 30]]);
});
