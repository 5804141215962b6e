import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readMessages } from './messages.js';
import { corrupt, fail, fileUnreadable, reasonOf } from './read-errors.js';
import type { ReadLimits } from './types.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | undefined;

/**
 * pdfjs in Node runs its "worker" on the main thread. We hand it the worker module ourselves
 * (globalThis.pdfjsWorker) so that it never resolves a worker URL, and every resource it may
 * want (cMaps, standard fonts, wasm decoders, ICC) comes from the installed package through
 * its file-system factory: no network, ever.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

let resourceDirs: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string; iccUrl: string } | undefined;

function resources(): NonNullable<typeof resourceDirs> {
  if (!resourceDirs) {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    // pdfjs wants directory "URLs" with a trailing separator; in Node plain paths are read with fs.
    const dir = (name: string) => path.join(root, name) + path.sep;
    resourceDirs = { cMapUrl: dir('cmaps'), standardFontDataUrl: dir('standard_fonts'), wasmUrl: dir('wasm'), iccUrl: dir('iccs') };
  }
  return resourceDirs;
}

export interface OpenedPdf {
  pdfjs: Pdfjs;
  doc: PDFDocumentProxy;
  /** The error that cut a page's operator list short, if any (see trackOperatorListErrors). */
  operatorListError(pageIndex: number): unknown;
}

interface StreamingHandler {
  sendWithStream(action: string, data: unknown, ...rest: unknown[]): ReadableStream<unknown>;
}

/**
 * pdfjs' page.getOperatorList() RESOLVES with the operators read so far when the worker fails
 * (its stream error marks the list complete before rejecting), so a damaged page or an image
 * over maxImageSize would silently become a blank or partial page. We tee the worker's
 * "GetOperatorList" streams to record such failures per page. This reaches into pdfjs'
 * transport (an underscore field); tests pin the behaviour (a too-large image must fail).
 */
function trackOperatorListErrors(doc: PDFDocumentProxy): (pageIndex: number) => unknown {
  const transport = (doc as unknown as { _transport?: { messageHandler?: StreamingHandler } })._transport;
  const handler = transport?.messageHandler;
  if (!handler || typeof handler.sendWithStream !== 'function') {
    throw new Error('pdfjs internals changed: cannot watch operator list errors (pdf-loader.ts)');
  }
  const failures = new Map<number, unknown>();
  const original = handler.sendWithStream.bind(handler);
  handler.sendWithStream = (action, data, ...rest) => {
    const stream = original(action, data, ...rest);
    if (action !== 'GetOperatorList') return stream;
    const pageIndex = (data as { pageIndex?: number }).pageIndex ?? -1;
    const reader = stream.getReader();
    return new ReadableStream<unknown>({
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (e) {
          failures.set(pageIndex, e);
          controller.error(e);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  };
  return (pageIndex) => failures.get(pageIndex);
}

/** Opens a PDF for reading pages; a damaged, encrypted or empty PDF is a VaultError naming the file. */
export async function openPdf(file: string, limits: ReadLimits): Promise<OpenedPdf> {
  const pdfjs = await loadPdfjs();
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    throw fileUnreadable(file, e);
  }
  // pdfjs refuses Buffer; a plain view over the same memory (it takes ownership of it).
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const task = pdfjs.getDocument({
    data,
    ...resources(),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // Recoverable problems inside page content become errors: a damaged page is refused,
    // not silently drawn half.
    stopAtErrors: true,
    // An image above the page pixel limit is an error before pdfjs allocates its pixels.
    maxImageSize: Math.floor(limits.maxPixels),
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
  });
  try {
    const doc = await task.promise;
    let operatorListError: (pageIndex: number) => unknown;
    try {
      operatorListError = trackOperatorListErrors(doc);
    } catch (e) {
      await doc.destroy().catch(() => undefined);
      throw e;
    }
    return { pdfjs, doc, operatorListError };
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw pdfOpenError(file, e);
  }
}

export function pdfOpenError(file: string, e: unknown): unknown {
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') return fail('INGEST_ENCRYPTED', readMessages.encryptedPdf, { file }, {}, e);
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException' || e instanceof Error) {
    return fail('INGEST_CORRUPT', readMessages.invalidPdf, { file }, { reason: reasonOf(e) }, e);
  }
  return corrupt({ file }, String(e), e);
}
