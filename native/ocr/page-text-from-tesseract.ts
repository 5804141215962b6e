import { isCjk } from '../text/cjk.js';
import type { OcrBox, OcrLayout, OcrLine, OcrWord } from './types.js';

/**
 * Turns tesseract's block tree into page_text.text and its layout.
 *
 * tesseract (chi_sim) joins its "words" with spaces, so Chinese comes out as "档案 局 印发 ，"; those
 * spaces are not in the document and break phrase search. We drop a space unless both sides are
 * Latin-script text (letters, digits, ASCII punctuation), and we record for every line and every
 * unit (one Han character / CJK mark, or one Latin run) its [start, end) offsets into the cleaned
 * text together with its box, so a search hit maps back to what to highlight.
 */

/** The subset of tesseract.js's `blocks` output we read (Tesseract.Block etc.). */
export interface TessBbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface TessSymbol {
  text: string;
  confidence: number;
  bbox: TessBbox;
}
export interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBbox;
  symbols?: TessSymbol[] | null;
}
export interface TessLine {
  text: string;
  confidence: number;
  bbox: TessBbox;
  words: TessWord[];
}
export interface TessParagraph {
  lines: TessLine[];
}
export interface TessBlock {
  paragraphs: TessParagraph[];
}

export interface BuildOptions {
  /** Size of the image the boxes are mapped into (the normalized page image). */
  width: number;
  height: number;
  /** Maps a box from the image tesseract saw back to the normalized page image. */
  mapBox?: (box: OcrBox) => OcrBox;
}

export interface CleanPage {
  text: string;
  layout: OcrLayout;
  /** Mean of the kept units' confidences weighted by their length; null when nothing was read. */
  meanConfidence: number | null;
}

/** Whether a space tesseract put between `left` and `right` belongs to the text. */
export function keepSpaceBetween(left: string, right: string): boolean {
  const a = lastChar(left);
  const b = firstChar(right);
  if (a === '' || b === '') return false;
  return !isCjk(a) && !isCjk(b);
}

function firstChar(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function lastChar(s: string): string {
  const chars = Array.from(s);
  return chars[chars.length - 1] ?? '';
}

/** Removes spurious spaces from plain tesseract text (no boxes), line by line. */
export function cleanText(raw: string): string {
  return raw
    .split('\n')
    .map((line) => {
      const tokens = line.split(/[ \t\u00a0]+/).filter((t) => t !== '');
      let out = '';
      for (const t of tokens) {
        if (out !== '' && keepSpaceBetween(out, t)) out += ' ';
        out += t;
      }
      return out;
    })
    .filter((l) => l !== '')
    .join('\n');
}

interface Unit {
  text: string;
  box: OcrBox;
  confidence: number;
  /** Index of the tesseract word the unit came from: a space may only sit between words. */
  word: number;
}

function toBox(b: TessBbox): OcrBox {
  return [b.x0, b.y0, b.x1, b.y1];
}

function union(boxes: OcrBox[]): OcrBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/**
 * Splits a tesseract word into units: each CJK symbol alone, consecutive non-CJK symbols
 * together. Without symbols (or when they do not spell the word) the word stays one unit.
 */
function wordUnits(word: TessWord, index: number): Unit[] {
  const text = word.text.trim();
  if (text === '') return [];
  const symbols = (word.symbols ?? []).filter((s) => s.text.trim() !== '');
  if (symbols.length === 0 || symbols.map((s) => s.text.trim()).join('') !== text) {
    return [{ text, box: toBox(word.bbox), confidence: word.confidence, word: index }];
  }
  const units: Unit[] = [];
  let run: TessSymbol[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    units.push({
      text: run.map((s) => s.text.trim()).join(''),
      box: union(run.map((s) => toBox(s.bbox))),
      confidence: run.reduce((sum, s) => sum + s.confidence, 0) / run.length,
      word: index,
    });
    run = [];
  };
  for (const s of symbols) {
    const t = s.text.trim();
    if (Array.from(t).some(isCjk)) {
      flush();
      run = [s];
      flush();
    } else {
      run.push(s);
    }
  }
  flush();
  if (units.length === 1 && units[0]) units[0] = { ...units[0], box: toBox(word.bbox), confidence: word.confidence };
  return units;
}

/**
 * LSTM symbol boxes are loose: the last character of a word often reaches into the next one.
 * A single CJK character is about as wide as the line is tall, so clip a box that is far wider
 * than that, and never let it run past the start of the next unit.
 */
function tightenCjkBoxes(units: Unit[], lineBox: OcrBox): void {
  const lineHeight = Math.max(1, lineBox[3] - lineBox[1]);
  units.forEach((u, i) => {
    if (Array.from(u.text).length !== 1 || !isCjk(u.text)) return;
    const next = units[i + 1];
    let x1 = u.box[2];
    if (x1 - u.box[0] > 1.5 * lineHeight) x1 = u.box[0] + lineHeight;
    if (next && next.box[0] > u.box[0] && x1 > next.box[0]) x1 = next.box[0];
    u.box = [u.box[0], u.box[1], Math.max(u.box[0] + 1, x1), u.box[3]];
  });
}

/** Width of a unit in ems: Chinese characters and full-width marks are square, Latin about half. */
function emWidth(text: string): number {
  let w = 0;
  for (const c of text) w += isCjk(c) ? 1 : 0.55;
  return w;
}

/**
 * tesseract's LSTM places symbol boxes poorly for Chinese (often half a character off, or a
 * sliver), but its line box comes from the ink and is right. Chinese is set on a fixed
 * advance (GB/T 9704: a grid of equal squares), so when a line's width divided by its ems
 * gives a plausible advance (0.75–1.4 × the line's height) every unit gets its share of the
 * line box in reading order. Lines that are not evenly set (tables, big gaps) keep tesseract's
 * boxes. Returns whether the line was fitted.
 */
function fitToLine(units: Unit[], lineBox: OcrBox): boolean {
  const height = lineBox[3] - lineBox[1];
  const gaps: number[] = units.map((u, i) => (i > 0 && units[i - 1]!.word !== u.word && keepSpaceBetween(units[i - 1]!.text, u.text) ? 0.3 : 0));
  const widths = units.map((u) => emWidth(u.text));
  const ems = widths.reduce((a, b) => a + b, 0) + gaps.reduce((a, b) => a + b, 0);
  if (ems === 0 || height <= 0) return false;
  const advance = (lineBox[2] - lineBox[0]) / ems;
  if (advance < 0.75 * height || advance > 1.4 * height) return false;
  let x = lineBox[0];
  units.forEach((u, i) => {
    x += (gaps[i] ?? 0) * advance;
    const w = (widths[i] ?? 0) * advance;
    u.box = [x, lineBox[1], x + w, lineBox[3]];
    x += w;
  });
  return true;
}

function clampBox(b: OcrBox, width: number, height: number): OcrBox {
  const cx = (v: number): number => Math.min(Math.max(Math.round(v), 0), width);
  const cy = (v: number): number => Math.min(Math.max(Math.round(v), 0), height);
  return [cx(b[0]), cy(b[1]), cx(b[2]), cy(b[3])];
}

export function buildPageText(blocks: readonly TessBlock[] | null | undefined, options: BuildOptions): CleanPage {
  const map = options.mapBox ?? ((b: OcrBox) => b);
  const place = (b: OcrBox): OcrBox => clampBox(map(b), options.width, options.height);
  const lines: OcrLine[] = [];
  let text = '';
  let confSum = 0;
  let confWeight = 0;
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs ?? []) {
      for (const line of para.lines ?? []) {
        const units = line.words.flatMap((w, i) => wordUnits(w, i));
        if (units.length === 0) continue;
        const lineBox = toBox(line.bbox);
        if (!fitToLine(units, lineBox)) tightenCjkBoxes(units, lineBox);
        if (lines.length > 0) text += '\n';
        const lineStart = text.length;
        const words: OcrWord[] = [];
        let prev: Unit | undefined;
        for (const u of units) {
          if (prev && prev.word !== u.word && keepSpaceBetween(prev.text, u.text)) text += ' ';
          const start = text.length;
          text += u.text;
          words.push({ text: u.text, start, end: text.length, bbox: place(u.box), confidence: round1(u.confidence) });
          const n = Array.from(u.text).length;
          confSum += u.confidence * n;
          confWeight += n;
          prev = u;
        }
        lines.push({
          text: text.slice(lineStart),
          start: lineStart,
          end: text.length,
          bbox: place(lineBox),
          confidence: round1(line.confidence),
          words,
        });
      }
    }
  }
  return {
    text,
    layout: { width: options.width, height: options.height, lines },
    meanConfidence: confWeight === 0 ? null : round1(confSum / confWeight),
  };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
