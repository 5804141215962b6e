import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { msg } from '../../i18n/messages.js';
import { deriveThumbnail, openImage, orient } from './sharp-images.js';
import { readMessages } from './messages.js';
import { analyseOperatorList, placement, type ImagePaint, type Matrix } from './pdf-analysis.js';
import { openPdf, type OpenedPdf } from './pdf-loader.js';
import { compact, pixelsFromPdfjs, type PdfjsImage, type Pixels } from './pdf-pixels.js';
import { standardWarnings } from './page-warnings.js';
import { corrupt, decodeError, fail, megapixels, tooLarge, type Where } from './read-errors.js';
import type { ReaderContext } from './read-image.js';
import type { PageImage, PageWarning, ReadLimits, ReadPage } from './types.js';

/** A page with no image (born-digital) is rendered at this resolution; scans at their own. */
const DEFAULT_RENDER_DPI = 300;
const MIN_RENDER_DPI = 72;
const MAX_RENDER_DPI = 1200;
/** Stored page PNGs are masters: more zlib effort than the derived copies, still no adaptive filtering (4× slower for ~8 %). */
const MASTER_PNG = { compressionLevel: 6, adaptiveFiltering: false } as const;

/** The bits of @napi-rs/canvas that pdfjs' Node canvas factory hands out. */
interface NodeCanvas {
  width: number;
  height: number;
  data(): Buffer;
}
interface CanvasAndContext {
  canvas: NodeCanvas;
  context: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(cc: CanvasAndContext): void;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Rejects with INGEST_TIMEOUT if `p` has not settled in time (pdfjs work that never resolves). */
async function within<T>(p: Promise<T>, where: Where, limits: ReadLimits): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(fail('INGEST_TIMEOUT', readMessages.timeout, where, { seconds: limits.timeoutSeconds })),
      limits.timeoutSeconds * 1000,
    );
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function pageError(e: unknown, where: Where, limits: ReadLimits, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  const text = e instanceof Error ? e.message : String(e);
  if (/exceeded maximum allowed size/i.test(text)) {
    return fail('INGEST_TOO_LARGE', readMessages.tooLargeUnknownSize, where, { limit: megapixels(limits.maxPixels) }, e);
  }
  return decodeError(e, where, limits, signal);
}

async function imagePixels(page: PDFPageProxy, img: ImagePaint): Promise<Pixels> {
  if (typeof img.ref !== 'string') return pixelsFromPdfjs(img.ref as PdfjsImage);
  const objs = img.ref.startsWith('g_') ? page.commonObjs : page.objs;
  const data = await new Promise<PdfjsImage>((resolve) => objs.get(img.ref as string, resolve));
  return pixelsFromPdfjs(data);
}

async function renderPage(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number): Promise<Pixels> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = doc.canvasFactory as unknown as CanvasFactory;
  const cc = factory.create(width, height);
  try {
    cc.context.fillStyle = '#ffffff';
    cc.context.fillRect(0, 0, width, height);
    // The pdfjs types name DOM canvases; in Node its own factory made this @napi-rs/canvas one.
    await page.render({ canvas: cc.canvas as unknown as null, canvasContext: cc.context as unknown as never, viewport, background: '#ffffff' }).promise;
    const rgba = Buffer.from(cc.canvas.data());
    return compact(rgba, width, height, 4);
  } finally {
    factory.destroy(cc);
  }
}

/** Turns pixels upright (orientation baked in: stored PDF page images are always orientation 1). */
async function upright(p: Pixels, orientation: number, limits: ReadLimits): Promise<Pixels> {
  if (orientation === 1) return p;
  let img = orient(openImage({ input: p.data, raw: { width: p.width, height: p.height, channels: p.channels } }, limits), orientation);
  if (p.channels === 1) img = img.toColourspace('b-w');
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 1 | 3 | 4, bilevel: p.bilevel };
}

interface Encoded {
  bytes: Buffer;
  format: PageImage['format'];
  compression: string;
  colourMode: PageImage['colourMode'];
  bitsPerSample: number;
}

async function encodeMaster(p: Pixels, dpi: number, limits: ReadLimits): Promise<Encoded> {
  const img = () => openImage({ input: p.data, raw: { width: p.width, height: p.height, channels: p.channels } }, limits);
  if (p.bilevel) {
    const pxPerMm = dpi / 25.4;
    const bytes = await img()
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: pxPerMm, yres: pxPerMm, resolutionUnit: 'inch' })
      .toBuffer();
    return { bytes, format: 'tiff', compression: 'ccittfax4', colourMode: 'bilevel', bitsPerSample: 1 };
  }
  if (p.channels === 1) {
    const bytes = await img().toColourspace('b-w').png(MASTER_PNG).withDensity(dpi).toBuffer();
    return { bytes, format: 'png', compression: 'deflate', colourMode: 'grey', bitsPerSample: 8 };
  }
  const bytes = await img().flatten({ background: { r: 255, g: 255, b: 255 } }).png(MASTER_PNG).withDensity(dpi).toBuffer();
  return { bytes, format: 'png', compression: 'deflate', colourMode: 'colour', bitsPerSample: 8 };
}

async function readPdfPage(ctx: ReaderContext, pdf: OpenedPdf, page: PDFPageProxy, index: number): Promise<ReadPage> {
  const { file, limits } = ctx;
  const { doc } = pdf;
  const where: Where = { file, page: index };
  const viewport = page.getViewport({ scale: 1 });
  const opList = await within(page.getOperatorList(), where, limits);
  const failure = pdf.operatorListError(index);
  if (failure !== undefined) throw failure;
  const pdfjsOps = pdf.pdfjs.OPS as unknown as Readonly<Record<string, number>>;
  const analysis = analyseOperatorList(pdfjsOps, opList.fnArray, opList.argsArray as unknown[][]);
  const only = analysis.images.length === 1 && !analysis.otherMarks ? analysis.images[0] : undefined;
  const fit = only ? placement(only, viewport.transform as Matrix, viewport.width, viewport.height) : undefined;
  const warnings: PageWarning[] = [];
  let pixels: Pixels;
  let dpiX: number;
  let dpiY: number;
  if (only && fit) {
    if (only.width * only.height > limits.maxPixels) throw tooLarge(where, only.width, only.height, limits);
    pixels = await upright(await within(imagePixels(page, only), where, limits), fit.orientation, limits);
    dpiX = round2((pixels.width * 72) / fit.widthPt);
    dpiY = round2((pixels.height * 72) / fit.heightPt);
  } else {
    let dpi = analysis.pixelsPerPoint > 0 ? analysis.pixelsPerPoint * 72 : DEFAULT_RENDER_DPI;
    dpi = Math.min(MAX_RENDER_DPI, Math.max(MIN_RENDER_DPI, Math.round(dpi)));
    const area = viewport.width * viewport.height;
    const atDpi = area * (dpi / 72) ** 2;
    if (atDpi > limits.maxPixels) {
      dpi = Math.floor(72 * Math.sqrt(limits.maxPixels / area));
      warnings.push({ code: 'PDF_PAGE_DOWNSCALED', message: msg(readMessages.pdfPageDownscaled, { file, page: index + 1, dpi }) });
    }
    pixels = await renderPage(doc, page, dpi);
    const failure = pdf.operatorListError(index);
    if (failure !== undefined) throw failure;
    dpiX = dpiY = dpi;
  }
  ctx.signal?.throwIfAborted();
  const master = await encodeMaster(pixels, Math.round((dpiX + dpiY) / 2), limits);
  const thumbnail = await deriveThumbnail(
    { input: pixels.data, raw: { width: pixels.width, height: pixels.height, channels: pixels.channels }, orientation: 1 },
    limits,
  );
  return {
    page: {
      index,
      bytes: master.bytes,
      isWholeSource: false,
      format: master.format,
      compression: master.compression,
      width: pixels.width,
      height: pixels.height,
      dpiX,
      dpiY,
      colourMode: master.colourMode,
      bitsPerSample: master.bitsPerSample,
      orientation: 1,
      warnings: [...standardWarnings({ file, format: 'pdf', extensionMismatch: ctx.sniffed.extensionMismatch }, index, dpiX, dpiY), ...warnings],
    },
    derived: { thumbnail },
  };
}

/**
 * PDF pages in order, one at a time: each page's operator list, pixels and canvas are released
 * (page.cleanup) before the next page is read, and the document is destroyed at the end, also
 * when the caller stops early or a page fails.
 */
export async function* readPdfFile(ctx: ReaderContext): AsyncGenerator<ReadPage> {
  const { file, limits, signal } = ctx;
  const pdf = await openPdf(file, limits);
  const { doc } = pdf;
  try {
    if (doc.numPages > limits.maxPages) throw fail('INGEST_TOO_MANY_PAGES', readMessages.tooManyPages, { file }, { limit: limits.maxPages });
    if (doc.numPages === 0) throw corrupt({ file }, 'the PDF has no pages');
    for (let index = 0; index < doc.numPages; index++) {
      signal?.throwIfAborted();
      const where: Where = { file, page: index };
      let result: ReadPage;
      let page: PDFPageProxy | undefined;
      const started = Date.now();
      try {
        page = await within(doc.getPage(index + 1), where, limits);
        result = await readPdfPage(ctx, pdf, page, index);
      } catch (e) {
        throw pageError(e, where, limits, signal);
      } finally {
        page?.cleanup();
      }
      // pdfjs decodes on this thread, so a timer cannot interrupt it: check the time after.
      if (Date.now() - started > limits.timeoutSeconds * 1000) {
        throw fail('INGEST_TIMEOUT', readMessages.timeout, where, { seconds: limits.timeoutSeconds });
      }
      yield result;
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** Page count of a PDF (opens the document structure only). */
export async function pdfPageCount(file: string, limits: ReadLimits): Promise<number> {
  const { doc } = await openPdf(file, limits);
  try {
    if (doc.numPages === 0) throw corrupt({ file }, 'the PDF has no pages');
    if (doc.numPages > limits.maxPages) throw fail('INGEST_TOO_MANY_PAGES', readMessages.tooManyPages, { file }, { limit: limits.maxPages });
    return doc.numPages;
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
