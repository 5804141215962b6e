import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { LineRole, SourceDocument } from './documents.js';
import { loadFonts, type Face } from './fonts.js';

/**
 * Lays a document out on A4 pages in millimetres following GB/T 9704: type area 156 × 225 mm
 * starting 37 mm from the top and 28 mm from the left, 22 lines of 28 characters in 三号
 * (16 pt), title in 二号 (22 pt), page numbers "— n —" below the type area. Rendering at any
 * dpi reuses the same layout, so a 200-dpi variant has the same lines as the 300-dpi page.
 */
export const A4_MM = { width: 210, height: 297 } as const;
const TOP = 37;
const LEFT = 28;
const AREA_W = 156;
const AREA_H = 225;
const LINE_H = AREA_H / 22;
const PITCH = AREA_W / 28;
const PT = 25.4 / 72;
const BODY_PT = 16;

export interface PlacedLine {
  text: string;
  role: LineRole;
  /** Index of the source paragraph this line belongs to (absent for page numbers). */
  paragraph?: number;
  face: Face;
  sizePt: number;
  red: boolean;
  /** Baseline, mm from the page top. */
  y: number;
  /** Left edge of each character, mm from the page's left edge. */
  xs: number[];
}

export interface PageLayout {
  lines: PlacedLine[];
  /** Red rule under the document number (mm). */
  rule?: { x: number; y: number; w: number; h: number };
  /** Seal centre (mm) and ring text. */
  seal?: { cx: number; cy: number; text: string };
}

const CLOSING = new Set(Array.from('，。、；：！？）》」』”’%'));

const widthCache = new Map<string, number>();
let probe: SKRSContext2D | undefined;

/** Advance of one character in mm at `sizePt`; CJK characters sit in grid cells of PITCH. */
function advance(ch: string, face: Face, sizePt: number): number {
  const key = `${face}|${ch}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    probe ??= createCanvas(8, 8).getContext('2d');
    probe.font = `100px ${loadFonts().family[face]}`;
    w = probe.measureText(ch).width / 100;
    widthCache.set(key, w);
  }
  const mm = w * sizePt * PT;
  return mm > 0.8 * sizePt * PT ? Math.max(mm, (PITCH * sizePt) / BODY_PT) : mm;
}

/** Breaks text into lines no wider than `width` (closing punctuation may hang past it). */
function breakLines(text: string, face: Face, sizePt: number, width: number, firstIndent: number): { chars: string[]; xs: number[] }[] {
  const out: { chars: string[]; xs: number[] }[] = [];
  let chars: string[] = [];
  let xs: number[] = [];
  let x = firstIndent;
  for (const ch of Array.from(text)) {
    const a = advance(ch, face, sizePt);
    if (x + a > width + 0.01 && chars.length > 0 && !CLOSING.has(ch)) {
      out.push({ chars, xs });
      chars = [];
      xs = [];
      x = 0;
    }
    chars.push(ch);
    xs.push(x);
    x += a;
  }
  if (chars.length > 0) out.push({ chars, xs });
  return out;
}

function widthOf(chars: string[], face: Face, sizePt: number): number {
  return chars.reduce((w, ch) => w + advance(ch, face, sizePt), 0);
}

export interface LayoutOptions {
  bodyFace?: Face;
  /** Stop after this many pages (long seed texts); the manifest records the truncation. */
  maxPages?: number;
}

export function layoutDocument(doc: SourceDocument, options: LayoutOptions = {}): { pages: PageLayout[]; truncated: boolean } {
  const bodyFace = options.bodyFace ?? 'song';
  const maxPages = options.maxPages ?? Infinity;
  const paragraphs = doc.paragraphs;
  const pages: PageLayout[] = [];
  let page: PageLayout = { lines: [] };
  let y = TOP; // top of the next line
  const bottom = TOP + AREA_H;
  let finished = paragraphs.length === 0;
  const newPage = (): boolean => {
    pages.push(page);
    if (pages.length >= maxPages) return false;
    page = { lines: [] };
    y = TOP;
    return true;
  };
  const place = (line: Omit<PlacedLine, 'y'>, height: number): boolean => {
    if (y + height > bottom + 0.01 && page.lines.length > 0 && !newPage()) return false;
    const size = line.sizePt * PT;
    page.lines.push({ ...line, y: y + (height + size * 0.76) / 2 });
    y += height;
    return true;
  };
  const centred = (chars: string[], face: Face, sizePt: number) => {
    const w = widthOf(chars, face, sizePt);
    let x = LEFT + (AREA_W - w) / 2;
    return chars.map((ch) => {
      const at = x;
      x += advance(ch, face, sizePt);
      return at;
    });
  };
  const signatureAt = paragraphs.findIndex((p) => p.role === 'signature' || p.role === 'date');
  outer: for (const [k, p] of paragraphs.entries()) {
    switch (p.role) {
      case 'classification': {
        const [line] = breakLines(p.text, 'hei', BODY_PT, AREA_W, 0);
        if (!place({ text: p.text, role: p.role, paragraph: k, face: 'hei', sizePt: BODY_PT, red: false, xs: line!.xs.map((x) => LEFT + x) }, LINE_H)) break outer;
        break;
      }
      case 'header': {
        const chars = Array.from(p.text);
        // As wide as it looks on real documents, but never wider than the type area.
        const sizePt = Math.min(52, (AREA_W * 0.92) / (chars.length * PT));
        y += LINE_H * 0.6;
        if (!place({ text: p.text, role: p.role, paragraph: k, face: 'title', sizePt, red: true, xs: centred(chars, 'title', sizePt) }, sizePt * PT * 1.3)) break outer;
        y += LINE_H * 0.9;
        break;
      }
      case 'docNumber': {
        const chars = Array.from(p.text);
        if (!place({ text: p.text, role: p.role, paragraph: k, face: bodyFace, sizePt: BODY_PT, red: false, xs: centred(chars, bodyFace, BODY_PT) }, LINE_H)) break outer;
        if (paragraphs.some((q) => q.role === 'header')) {
          page.rule = { x: LEFT, y: y + 1, w: AREA_W, h: 0.8 };
          y += LINE_H;
        }
        break;
      }
      case 'title': {
        // Balanced lines, so a long title does not leave one character alone on its last line.
        const n = breakLines(p.text, 'title', 22, AREA_W * 0.86, 0).length;
        const even = widthOf(Array.from(p.text), 'title', 22) / n + 22 * PT;
        for (const l of breakLines(p.text, 'title', 22, Math.min(AREA_W * 0.86, even), 0)) {
          if (!place({ text: l.chars.join(''), role: p.role, paragraph: k, face: 'title', sizePt: 22, red: false, xs: centred(l.chars, 'title', 22) }, LINE_H * 1.15)) break outer;
        }
        y += LINE_H * 0.8;
        break;
      }
      case 'signature':
      case 'date': {
        const chars = Array.from(p.text);
        if (k === signatureAt) {
          // The signature block stays together on one page, with room for the seal.
          const block = paragraphs.slice(k).filter((q) => q.role === 'signature' || q.role === 'date').length;
          y += LINE_H;
          if (y + (block + 1) * LINE_H > bottom && !newPage()) break outer;
        }
        const w = widthOf(chars, bodyFace, BODY_PT);
        const right = LEFT + AREA_W - 4 * PITCH;
        let x = right - w;
        const xs = chars.map((ch) => {
          const at = x;
          x += advance(ch, bodyFace, BODY_PT);
          return at;
        });
        if (!place({ text: p.text, role: p.role, paragraph: k, face: bodyFace, sizePt: BODY_PT, red: false, xs }, LINE_H)) break outer;
        // 压年盖月: the seal sits over the date, centred a little left of its middle.
        if (p.role === 'date') page.seal = { cx: right - w / 2, cy: y - LINE_H * 1.1, text: doc.sealText };
        break;
      }
      default: {
        const indent = p.role === 'body' ? 2 * PITCH : 0;
        for (const l of breakLines(p.text, bodyFace, BODY_PT, AREA_W, indent)) {
          if (!place({ text: l.chars.join(''), role: p.role, paragraph: k, face: bodyFace, sizePt: BODY_PT, red: false, xs: l.xs.map((x) => LEFT + x) }, LINE_H)) break outer;
        }
      }
    }
    if (k === paragraphs.length - 1) finished = true;
  }
  if (finished && page.lines.length > 0) pages.push(page);
  const truncated = !finished;
  // Page numbers: odd pages right, even pages left, one character in from the type area.
  pages.forEach((pg, i) => {
    const text = `— ${i + 1} —`;
    const chars = Array.from(text);
    const w = widthOf(chars, 'song', 14);
    let x = i % 2 === 0 ? LEFT + AREA_W - PITCH - w : LEFT + PITCH;
    const xs = chars.map((ch) => {
      const at = x;
      x += advance(ch, 'song', 14);
      return at;
    });
    pg.lines.push({ text, role: 'pageNumber', face: 'song', sizePt: 14, red: false, y: bottom + 9, xs });
  });
  return { pages, truncated };
}
