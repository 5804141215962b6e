import fs from 'node:fs';
import { imageHeader } from './read-image.js';
import { pdfPageCount } from './read-pdf.js';
import { checkTiffPage, openTiff, structureError, tiffChain } from './read-tiff.js';
import { fileUnreadable } from './read-errors.js';
import { sniffFile } from './sniff.js';
import { readPageTags } from './tiff-page.js';
import { resolveLimits, type ReadLimits, type SourceInfo } from './types.js';

/** The first 64 KiB hold a JPEG's or PNG's header (a JPEG's EXIF segment is at most 64 KiB). */
const HEADER_BYTES = 1 << 16;

async function head(file: string, size: number): Promise<Buffer> {
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, HEADER_BYTES));
      await handle.read(buf, 0, buf.length, 0);
      return buf;
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw fileUnreadable(file, e);
  }
}

/**
 * Cheap look at a source before anything is stored: its format by magic bytes (never by the
 * name), its page count, and the header checks that need no decoding (pixel limits, page
 * limit, a damaged TIFF directory chain, an unreadable PDF structure).
 */
export async function inspectSource(file: string, limits?: Partial<ReadLimits>): Promise<SourceInfo> {
  const l = resolveLimits(limits);
  const sniffed = await sniffFile(file);
  let pageCount: number;
  switch (sniffed.format) {
    case 'jpeg':
    case 'png': {
      await imageHeader(await head(file, sniffed.size), { file }, l).catch(async (e: unknown) => {
        // A header longer than 64 KiB (big ICC/XMP segments): look again with the whole file.
        await imageHeader(await fs.promises.readFile(file), { file }, l).catch(() => {
          throw e;
        });
      });
      pageCount = 1;
      break;
    }
    case 'tiff': {
      const tf = await openTiff(file);
      try {
        const chain = await tiffChain(tf, file, l);
        for (let i = 0; i < chain.pages.length; i++) {
          try {
            checkTiffPage(await readPageTags(tf, await tf.readIfd(chain.pages[i]!)), { file, page: i }, l);
          } catch (e) {
            throw structureError(e, { file, page: i });
          }
        }
        pageCount = chain.pages.length;
      } finally {
        await tf.reader.close().catch(() => undefined);
      }
      break;
    }
    case 'pdf':
      pageCount = await pdfPageCount(file, l);
      break;
  }
  return { format: sniffed.format, pageCount, extensionMismatch: sniffed.extensionMismatch };
}
