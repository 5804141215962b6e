/**
 * Looks at a PDF page's operator list (what pdfjs would draw) and decides how to turn the page
 * into one image: a scanned page (one image filling the page, nothing else visible but OCR
 * text in invisible render mode) is taken as that image at its own resolution; anything else
 * is rendered at the resolution of its largest image.
 */

/** PDF matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** outer ∘ inner: apply `inner` first, then `outer`. */
export function mul(outer: readonly number[], inner: readonly number[]): Matrix {
  const [a, b, c, d, e, f] = outer as Matrix;
  const [p, q, r, s, t, u] = inner as Matrix;
  return [a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface ImagePaint {
  /** The object id in page.objs/commonObjs, or the inline image data itself. */
  ref: string | InlineImage;
  width: number;
  height: number;
  /** Current transformation matrix (user space) when the image was painted. */
  ctm: Matrix;
}

export interface InlineImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

export interface PageAnalysis {
  images: ImagePaint[];
  /** Something other than images is visible: paths, shadings, visible text, masks, annotations. */
  otherMarks: boolean;
  /** Highest resolution of any image on the page, in pixels per point (0 when no image). */
  pixelsPerPoint: number;
}

type OpsTable = Readonly<Record<string, number>>;

function codes(ops: OpsTable, names: string[]): Set<number> {
  return new Set(names.map((n) => ops[n]).filter((v): v is number => typeof v === 'number'));
}

const INVISIBLE_TEXT_MODES = new Set([3, 7]);

export function analyseOperatorList(ops: OpsTable, fnArray: number[], argsArray: unknown[][]): PageAnalysis {
  const SAVE = ops['save'], RESTORE = ops['restore'], TRANSFORM = ops['transform'];
  const FORM_BEGIN = ops['paintFormXObjectBegin'], FORM_END = ops['paintFormXObjectEnd'];
  const TEXT_MODE = ops['setTextRenderingMode'], CONSTRUCT_PATH = ops['constructPath'], END_PATH = ops['endPath'];
  const IMAGE = ops['paintImageXObject'], INLINE_IMAGE = ops['paintInlineImageXObject'];
  const text = codes(ops, ['showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText']);
  const marks = codes(ops, [
    'fill', 'eoFill', 'stroke', 'fillStroke', 'eoFillStroke', 'closeStroke', 'closeFillStroke', 'closeEOFillStroke',
    'shadingFill', 'paintImageMaskXObject', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat',
    'paintSolidColorImageMask', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup', 'beginAnnotation',
  ]);

  let ctm: Matrix = IDENTITY;
  let textMode = 0;
  const stack: { ctm: Matrix; textMode: number }[] = [];
  const images: ImagePaint[] = [];
  let otherMarks = false;
  let pixelsPerPoint = 0;

  const noteResolution = (w: number, h: number, m: Matrix) => {
    const lx = Math.hypot(m[0], m[1]);
    const ly = Math.hypot(m[2], m[3]);
    if (lx > 0) pixelsPerPoint = Math.max(pixelsPerPoint, w / lx);
    if (ly > 0) pixelsPerPoint = Math.max(pixelsPerPoint, h / ly);
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] ?? [];
    if (fn === SAVE) stack.push({ ctm, textMode });
    else if (fn === RESTORE) ({ ctm, textMode } = stack.pop() ?? { ctm, textMode });
    else if (fn === TRANSFORM) ctm = mul(ctm, args as number[]);
    else if (fn === FORM_BEGIN) {
      stack.push({ ctm, textMode });
      const m = args[0];
      if (Array.isArray(m) && m.length === 6) ctm = mul(ctm, m as number[]);
    } else if (fn === FORM_END) ({ ctm, textMode } = stack.pop() ?? { ctm, textMode });
    else if (fn === TEXT_MODE) textMode = Number(args[0]) || 0;
    else if (text.has(fn)) {
      if (!INVISIBLE_TEXT_MODES.has(textMode)) otherMarks = true;
    } else if (fn === CONSTRUCT_PATH) {
      // pdfjs 5 bundles the painting operator as the first argument; endPath only clips.
      if (args[0] !== END_PATH) otherMarks = true;
    } else if (fn === IMAGE) {
      const [ref, w, h] = args as [string, number, number];
      images.push({ ref, width: w, height: h, ctm });
      noteResolution(w, h, ctm);
    } else if (fn === INLINE_IMAGE) {
      const img = args[0] as InlineImage;
      images.push({ ref: img, width: img.width, height: img.height, ctm });
      noteResolution(img.width, img.height, ctm);
    } else if (marks.has(fn)) {
      otherMarks = true;
      const img = args[0] as Partial<InlineImage> | undefined;
      if (img && typeof img.width === 'number' && typeof img.height === 'number') noteResolution(img.width, img.height, ctm);
    }
  }
  return { images, otherMarks, pixelsPerPoint };
}

export interface Placement {
  /** EXIF orientation that turns the stored image upright as the page shows it. */
  orientation: number;
  /** Size of the image on the page, in points (after /Rotate). */
  widthPt: number;
  heightPt: number;
}

/**
 * How an image sits on the displayed page. `viewport` maps user space to the displayed page
 * (y down, /Rotate applied). Returns undefined unless the image is axis-aligned and fills the
 * page (2 % tolerance): only then is the image itself the page.
 */
export function placement(img: ImagePaint, viewport: Matrix, pageWidth: number, pageHeight: number): Placement | undefined {
  // Pixel (x, y), y down → unit square (x/w, 1 − y/h) → user space → displayed page.
  const pixelToUnit: Matrix = [1 / img.width, 0, 0, -1 / img.height, 0, 1];
  const m = mul(viewport, mul(img.ctm, pixelToUnit));
  const [a, b, c, d] = m;
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
  if (scale === 0) return undefined;
  const tiny = (v: number) => Math.abs(v) <= scale * 1e-3;
  let orientation: number;
  if (tiny(b) && tiny(c)) {
    orientation = a > 0 ? (d > 0 ? 1 : 4) : d > 0 ? 2 : 3;
  } else if (tiny(a) && tiny(d)) {
    // Displayed x follows source y (c), displayed y follows source x (b).
    orientation = c > 0 ? (b > 0 ? 5 : 8) : b > 0 ? 6 : 7;
  } else {
    return undefined; // rotated by an odd angle (a deskewed scan): render it as shown
  }
  const corners = [apply(m, 0, 0), apply(m, img.width, 0), apply(m, 0, img.height), apply(m, img.width, img.height)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const tolX = pageWidth * 0.02, tolY = pageHeight * 0.02;
  if (Math.abs(x0) > tolX || Math.abs(x1 - pageWidth) > tolX || Math.abs(y0) > tolY || Math.abs(y1 - pageHeight) > tolY) return undefined;
  return { orientation, widthPt: x1 - x0, heightPt: y1 - y0 };
}
