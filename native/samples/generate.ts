import fs from 'node:fs';
import path from 'node:path';
import { VaultError } from '../errors.js';
import { isoDate } from './chinese-date.js';
import { embeddedDocuments, seedDocuments, type SourceDocument } from './documents.js';
import { loadFonts, type Face } from './fonts.js';
import { layoutDocument, type PageLayout } from './layout.js';
import { MANIFEST_FILE, type OcrBenchmarkManifest, type OcrVariantPage, type PageTruth, type SampleDocument, type SampleManifest } from './manifest.js';
import { samplesMessages } from './messages.js';
import { rngFrom, subSeed } from './prng.js';
import { scanPage, type ScanLook } from './render-page.js';

export const DEFAULT_SEED = 20160315;
export const MAX_DOCUMENTS = 10000;

/** The seed texts beside the project in a development checkout (absent in an installed app). */
export function defaultSeedsDir(): string | undefined {
  const dir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
  return fs.existsSync(dir) ? dir : undefined;
}

export interface SampleOptions {
  /** How many documents (items); beyond the available texts they repeat with other scan noise. Default: each text once. */
  documents?: number;
  /** Stop once this many pages are written (the last document is cut short). */
  totalPages?: number;
  seed?: number;
  /** Folder of seed texts; null for the embedded documents only. Default: the development checkout's. */
  seedsDir?: string | null;
  /** Long seed texts are cut after this many pages. Default 6. */
  maxPagesPerDocument?: number;
  /** Pages rendered at once (painting overlaps encoding). Default 2. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Embedded and seed documents interleaved, so a small count shows both kinds. */
export function sourceDocuments(seedsDir: string | null | undefined): SourceDocument[] {
  const a = embeddedDocuments();
  const b = seedDocuments(seedsDir === null ? undefined : (seedsDir ?? defaultSeedsDir()));
  const out: SourceDocument[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i]!);
    if (b[i]) out.push(b[i]!);
  }
  return out;
}

function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '').slice(0, 60).trim();
}

function ensureEmptyDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw VaultError.of('SAMPLES_OUT_NOT_EMPTY', samplesMessages.outDirNotEmpty, { dir });
  fs.mkdirSync(dir, { recursive: true });
}

function truthOf(layout: PageLayout): Pick<PageTruth, 'lines' | 'text'> {
  const lines = layout.lines.map((l) => ({ text: l.text, role: l.role, ...(l.paragraph !== undefined ? { paragraph: l.paragraph } : {}) }));
  return { lines, text: lines.map((l) => l.text).join('\n') };
}

/** Runs tasks with at most `n` in flight, in order of start. */
async function pool<T>(tasks: (() => Promise<T>)[], n: number, signal?: AbortSignal): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      signal?.throwIfAborted();
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, tasks.length)) }, worker));
  return results;
}

interface PlannedPage {
  doc: number;
  layout: PageLayout;
  look: ScanLook;
  seed: number;
  file: string;
  degradations: string[];
}

/**
 * Writes one folder per document (pages 0001.png …, ready for `lantai ingest OUTDIR`) and
 * manifest.json with every page's ground-truth text. Most documents are greyscale scans, the
 * first is a colour scan (red header and seal), every third is JPEG; every page is slightly
 * skewed and noisy. The same seed gives the same bytes.
 */
export async function generateSampleScans(outDir: string, options: SampleOptions = {}): Promise<SampleManifest> {
  const fonts = loadFonts();
  const seed = options.seed ?? DEFAULT_SEED;
  const sources = sourceDocuments(options.seedsDir);
  const count = options.documents ?? sources.length;
  if (!Number.isInteger(count) || count < 1 || count > MAX_DOCUMENTS) throw VaultError.of('SAMPLES_BAD_COUNT', samplesMessages.badCount, { count, max: MAX_DOCUMENTS });
  ensureEmptyDir(outDir);
  const docs: SampleDocument[] = [];
  const planned: PlannedPage[] = [];
  const usedFolders = new Set<string>();
  let pagesLeft = options.totalPages ?? Infinity;
  for (let i = 0; i < count && pagesLeft > 0; i++) {
    const src = sources[i % sources.length]!;
    const round = Math.floor(i / sources.length);
    const id = round === 0 ? src.id : `${src.id}-${round + 1}`;
    const rng = rngFrom(subSeed(seed, id));
    const colour = i === 0;
    const jpeg = i % 3 === 2;
    const bodyFace: Face = i % 4 === 1 ? 'ming' : 'song';
    const speckle = i % 4 === 3 ? 400 : 40;
    const blur = i % 5 === 4 ? 0.8 : 0;
    const { pages, truncated: cut } = layoutDocument(src, { bodyFace, maxPages: Math.min(options.maxPagesPerDocument ?? 6, pagesLeft) });
    pagesLeft -= pages.length;
    const para = (role: string) => src.paragraphs.find((p) => p.role === role)?.text ?? '';
    const title = para('title') || id;
    let folder = safeName(round === 0 ? title : `${title} (${round + 1})`) || id;
    if (usedFolders.has(folder)) folder = `${folder} ${id}`;
    usedFolders.add(folder);
    fs.mkdirSync(path.join(outDir, folder));
    const mark = para('classification');
    const [classification, period] = mark ? mark.split('★') : ['公开', ''];
    const doc: SampleDocument = {
      id, folder, source: src.source, title, docNumber: para('docNumber'), docDate: isoDate(para('date')),
      issuer: para('signature') || para('header').replace(/文件$/u, ''),
      classification: classification ?? '公开', classificationPeriod: period ?? '', truncated: cut, pages: [],
    };
    docs.push(doc);
    pages.forEach((layout, k) => {
      const skewDeg = Math.round((rng() * 3 - 1.5) * 100) / 100;
      const look: ScanLook = { dpi: 300, colour, format: jpeg ? 'jpeg' : 'png', skewDeg, speckle, blur, jpegQuality: 82 + Math.floor(rng() * 10) };
      const degradations = ['skew', 'noise', ...(speckle > 100 ? ['speckle'] : []), ...(blur ? ['blur'] : []), ...(jpeg ? ['jpeg'] : []), ...(layout.seal ? ['seal'] : []), ...(bodyFace !== 'song' ? [bodyFace] : [])];
      planned.push({ doc: docs.length - 1, layout, look, seed: subSeed(seed, `${id}#${k}`), file: `${String(k + 1).padStart(4, '0')}.${jpeg ? 'jpg' : 'png'}`, degradations });
    });
  }
  let done = 0;
  const truths = await pool(
    planned.map((p) => async () => {
      const scan = await scanPage(p.layout, p.look, rngFrom(p.seed));
      await fs.promises.writeFile(path.join(outDir, docs[p.doc]!.folder, p.file), scan.bytes);
      options.onProgress?.(++done, planned.length);
      const truth: PageTruth = {
        file: p.file, width: scan.width, height: scan.height, dpi: p.look.dpi, colourMode: p.look.colour ? 'colour' : 'grey',
        format: p.look.format, skewDeg: p.look.skewDeg, degradations: p.degradations, ...truthOf(p.layout),
      };
      return truth;
    }),
    options.concurrency ?? 2,
    options.signal,
  );
  planned.forEach((p, i) => docs[p.doc]!.pages.push(truths[i]!));
  const manifest: SampleManifest = { kind: 'lantai-samples', version: 1, seed, fonts: fonts.file, documents: docs };
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export const OCR_VARIANTS = ['clean', 'skew', 'speckle', 'blur', 'jpeg', 'dpi200', 'kai', 'ming', 'seal', 'upside'] as const;
export type OcrVariant = (typeof OCR_VARIANTS)[number];

export interface OcrSetOptions {
  seed?: number;
  variants?: readonly OcrVariant[];
  /** How many documents give a base page (each its first page). Default 3. */
  documents?: number;
  /** Also a second (body-only) page of each document that has one. Default false. */
  bodyPages?: boolean;
  seedsDir?: string | null;
  concurrency?: number;
  signal?: AbortSignal;
}

function variantLook(variant: OcrVariant, rng: () => number): ScanLook {
  const look: ScanLook = { dpi: 300, colour: false, format: 'png', skewDeg: 0, speckle: 0, blur: 0, jpegQuality: 90 };
  if (variant === 'skew') look.skewDeg = Math.round((rng() < 0.5 ? -1 : 1) * (0.8 + rng() * 0.7) * 100) / 100;
  if (variant === 'speckle') look.speckle = 1500;
  if (variant === 'blur') look.blur = 1.3;
  if (variant === 'jpeg') Object.assign(look, { format: 'jpeg', jpegQuality: 20 + Math.floor(rng() * 10) });
  if (variant === 'dpi200') look.dpi = 200;
  if (variant === 'upside') look.upsideDown = true;
  return look;
}

/** Pages for OCR benchmarks: each base page once per variant (one degradation or face at a time). */
export async function renderOcrBenchmarkSet(outDir: string, options: OcrSetOptions = {}): Promise<OcrBenchmarkManifest> {
  const fonts = loadFonts();
  const seed = options.seed ?? DEFAULT_SEED;
  const variants = options.variants ?? OCR_VARIANTS;
  const sources = sourceDocuments(options.seedsDir).slice(0, options.documents ?? 3);
  ensureEmptyDir(outDir);
  const tasks: (() => Promise<OcrVariantPage>)[] = [];
  for (const src of sources) {
    for (const variant of variants) {
      const face: Face = variant === 'kai' || variant === 'ming' ? variant : 'song';
      const { pages } = layoutDocument(src, { bodyFace: face, maxPages: options.bodyPages ? 2 : 1 });
      pages.forEach((layout, k) => {
        const pageSeed = subSeed(seed, `${src.id}#${k}#${variant}`);
        const look = variantLook(variant, rngFrom(pageSeed));
        if (variant === 'seal' && !layout.seal) look.forceSeal = src.sealText;
        const file = `${src.id}-p${k + 1}-${variant}.${look.format === 'jpeg' ? 'jpg' : 'png'}`;
        tasks.push(async () => {
          const scan = await scanPage(layout, look, rngFrom(pageSeed + 1));
          await fs.promises.writeFile(path.join(outDir, file), scan.bytes);
          return {
            file, width: scan.width, height: scan.height, dpi: look.dpi, colourMode: 'grey', format: look.format, skewDeg: look.skewDeg,
            degradations: [variant], document: src.id, pageNo: k + 1, variant, ...truthOf(layout),
          };
        });
      });
    }
  }
  const pages = await pool(tasks, options.concurrency ?? 2, options.signal);
  const manifest: OcrBenchmarkManifest = { kind: 'lantai-ocr-benchmark', version: 1, seed, fonts: fonts.file, variants: [...variants], pages };
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
