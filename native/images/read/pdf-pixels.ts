/** Decoded page pixels, 8 bits per sample, interleaved. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  /** Only black and white (a 1-bit source image). */
  bilevel: boolean;
}

/** pdfjs ImageKind values (display/api ImageKind). */
export const KIND_GRAYSCALE_1BPP = 1;
export const KIND_RGB_24BPP = 2;
export const KIND_RGBA_32BPP = 3;

export interface PdfjsImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

function view(data: Uint8Array | Uint8ClampedArray): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** pdfjs' 1-bit rows (padded to whole bytes; a set bit is white) → one byte per pixel, 0 or 255. */
function unpackBits(src: Buffer, width: number, height: number): Buffer {
  const rowBytes = (width + 7) >> 3;
  if (src.length < rowBytes * height) throw new Error(`1-bit image data is short: ${src.length} bytes for ${width}×${height}`);
  const out = Buffer.allocUnsafe(width * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    let s = y * rowBytes;
    for (let x = 0; x < width; x += 8) {
      const byte = src[s++]!;
      const n = Math.min(8, width - x);
      for (let k = 0; k < n; k++) out[o++] = byte & (0x80 >> k) ? 255 : 0;
    }
  }
  return out;
}

/** True when every pixel has R = G = B (a greyscale scan that pdfjs expanded to RGB). */
function allGrey(data: Buffer, channels: 3 | 4): boolean {
  for (let i = 0; i + 2 < data.length; i += channels) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}

function allOpaque(data: Buffer): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
  return true;
}

function pick(data: Buffer, stride: number, keep: number): Buffer {
  const n = Math.floor(data.length / stride);
  const out = Buffer.allocUnsafe(n * keep);
  for (let i = 0, o = 0; i < n; i++) for (let k = 0; k < keep; k++) out[o++] = data[i * stride + k]!;
  return out;
}

/** Narrows pixels to the fewest channels that hold them exactly (grey stays one channel). */
export function compact(data: Buffer, width: number, height: number, channels: 3 | 4): Pixels {
  if (channels === 4 && allOpaque(data)) return compact(pick(data, 4, 3), width, height, 3);
  if (allGrey(data, channels)) {
    if (channels === 3) return { data: pick(data, 3, 1), width, height, channels: 1, bilevel: false };
  }
  return { data, width, height, channels, bilevel: false };
}

export function pixelsFromPdfjs(img: PdfjsImage): Pixels {
  if (!img.data) throw new Error('pdfjs returned no pixel data for the image');
  const data = view(img.data);
  switch (img.kind) {
    case KIND_GRAYSCALE_1BPP:
      return { data: unpackBits(data, img.width, img.height), width: img.width, height: img.height, channels: 1, bilevel: true };
    case KIND_RGB_24BPP:
      return compact(data, img.width, img.height, 3);
    case KIND_RGBA_32BPP:
      return compact(data, img.width, img.height, 4);
    default:
      throw new Error(`unknown pdfjs image kind ${String(img.kind)}`);
  }
}
