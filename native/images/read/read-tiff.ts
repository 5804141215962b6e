import { msg } from '../../i18n/messages.js';
import { deriveThumbnail } from './sharp-images.js';
import { readMessages } from './messages.js';
import { standardWarnings } from './page-warnings.js';
import { RandomReader } from './random-reader.js';
import { corrupt, decodeError, fail, fileUnreadable, tooLarge, type Where } from './read-errors.js';
import type { ReaderContext } from './read-image.js';
import { extractPage, maxDataBytesFor, readOjpegStream } from './tiff-extract.js';
import { compressionName, readPageTags, tiffColourMode, type TiffPageTags } from './tiff-page.js';
import { TiffFile, TiffStructureError, TooManyPagesError, walkChain, type PageChain } from './tiff-structure.js';
import type { PageWarning, ReadLimits, ReadPage } from './types.js';

/** Opens the TIFF structure, mapping every failure to a VaultError naming the file. */
export async function openTiff(file: string): Promise<TiffFile> {
  let reader: RandomReader;
  try {
    reader = await RandomReader.open(file);
  } catch (e) {
    throw fileUnreadable(file, e);
  }
  try {
    return await TiffFile.open(reader);
  } catch (e) {
    await reader.close();
    throw structureError(e, { file });
  }
}

export function structureError(e: unknown, where: Where): unknown {
  if (e instanceof TiffStructureError || e instanceof RangeError) return corrupt(where, e.message, e);
  return e;
}

export async function tiffChain(tf: TiffFile, file: string, limits: ReadLimits): Promise<PageChain> {
  try {
    return await walkChain(tf, limits.maxPages);
  } catch (e) {
    if (e instanceof TooManyPagesError) throw fail('INGEST_TOO_MANY_PAGES', readMessages.tooManyPages, { file }, { limit: limits.maxPages });
    throw structureError(e, { file });
  }
}

/** Checks a page's header facts before anything is decoded or copied. */
export function checkTiffPage(tags: TiffPageTags, where: Where, limits: ReadLimits): void {
  if (tags.width <= 0 || tags.height <= 0) throw corrupt(where, 'the page has no image size');
  if (tags.width * tags.height > limits.maxPixels) throw tooLarge(where, tags.width, tags.height, limits);
}

function chainWarnings(file: string, chain: PageChain): PageWarning[] {
  const out: PageWarning[] = [];
  if (chain.looped) out.push({ code: 'TIFF_IFD_LOOP', message: msg(readMessages.tiffLoop, { file, pages: chain.pages.length }) });
  if (chain.reducedSkipped > 0) {
    out.push({ code: 'TIFF_THUMBNAIL_SKIPPED', message: msg(readMessages.tiffSkippedReduced, { file, count: chain.reducedSkipped }) });
  }
  return out;
}

/**
 * TIFF pages in chain order. A single-directory file is stored as it is; a page of a multi-page
 * file is split out byte for byte (tiff-extract.ts). Each page is decoded from its own small
 * buffer, so page n costs the same whatever n is.
 */
export async function* readTiffFile(ctx: ReaderContext): AsyncGenerator<ReadPage> {
  const { file, limits, signal } = ctx;
  const tf = await openTiff(file);
  try {
    const chain = await tiffChain(tf, file, limits);
    const whole = chain.directories === 1;
    for (let index = 0; index < chain.pages.length; index++) {
      signal?.throwIfAborted();
      const where: Where = { file, page: index };
      let tags: TiffPageTags;
      let bytes: Buffer;
      let decodeInput: Buffer;
      let orientationOfInput: number;
      try {
        const ifd = await tf.readIfd(chain.pages[index]!);
        tags = await readPageTags(tf, ifd);
        checkTiffPage(tags, where, limits);
        bytes = whole
          ? await tf.reader.read(0, tf.reader.size)
          : await extractPage(tf, ifd, maxDataBytesFor(tags.width, tags.height, tags.samplesPerPixel, tags.bitsPerSample));
        decodeInput = bytes;
        orientationOfInput = tags.orientation;
        if (tags.compression === 6) {
          // libvips is built without old-style JPEG: decode the JPEG stream the page points at.
          const stream = await readOjpegStream(tf, ifd);
          if (!stream) {
            throw fail('INGEST_UNSUPPORTED_FORMAT', readMessages.unsupportedCompression, where, { compression: 'old-style JPEG (6) without JPEGInterchangeFormat' });
          }
          decodeInput = stream;
        }
      } catch (e) {
        throw structureError(e, where);
      }
      let thumbnail;
      try {
        thumbnail = await deriveThumbnail({ input: decodeInput, orientation: orientationOfInput }, limits);
      } catch (e) {
        throw decodeError(e, where, limits, signal);
      }
      const warnings = standardWarnings({ file, format: 'tiff', extensionMismatch: ctx.sniffed.extensionMismatch }, index, tags.dpiX, tags.dpiY);
      if (index === 0) warnings.push(...chainWarnings(file, chain));
      yield {
        page: {
          index,
          bytes,
          isWholeSource: whole,
          format: 'tiff',
          compression: compressionName(tags.compression),
          width: tags.width,
          height: tags.height,
          dpiX: tags.dpiX,
          dpiY: tags.dpiY,
          colourMode: tiffColourMode(tags),
          bitsPerSample: tags.bitsPerSample,
          orientation: tags.orientation,
          warnings,
        },
        derived: { thumbnail },
      };
    }
  } finally {
    await tf.reader.close().catch(() => undefined);
  }
}
