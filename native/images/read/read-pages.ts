import { configureSharp } from './sharp-images.js';
import { readImageFile, type ReaderContext } from './read-image.js';
import { readPdfFile } from './read-pdf.js';
import { readTiffFile } from './read-tiff.js';
import { sniffFile } from './sniff.js';
import { resolveLimits, type ReadOptions, type ReadPage } from './types.js';

/**
 * Streams the pages of one source file in order. Each page is decoded exactly once; that
 * decode validates it (a truncated or corrupt page throws a VaultError naming the file and the
 * page) and makes its thumbnail. Only one page is held at a time, so memory stays flat
 * whatever the page count. A cancelled signal throws its own reason (not a VaultError).
 */
export async function* readPages(file: string, options: ReadOptions = {}): AsyncGenerator<ReadPage> {
  const limits = resolveLimits(options.limits);
  const signal = options.signal;
  configureSharp();
  signal?.throwIfAborted();
  const sniffed = await sniffFile(file);
  const ctx: ReaderContext = { file, sniffed, limits, ...(signal ? { signal } : {}), ...(options.bytes ? { bytes: options.bytes } : {}) };
  switch (sniffed.format) {
    case 'jpeg':
    case 'png':
      yield* readImageFile(ctx);
      break;
    case 'tiff':
      yield* readTiffFile(ctx);
      break;
    case 'pdf':
      yield* readPdfFile(ctx);
      break;
  }
}
