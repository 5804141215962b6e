import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, type Worker as TessWorker } from 'tesseract.js';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import { VaultError } from '../errors.js';
import type { TessBlock } from './page-text-from-tesseract.js';
import { ocrMessages } from './messages.js';

/**
 * One tesseract.js worker (a worker thread running tesseract compiled to WebAssembly), set up
 * so that it never touches the network or the current directory:
 * - langPath points at the traineddata shipped in node_modules/@tesseract.js-data/<lang>/
 *   (without it tesseract.js downloads from a CDN, and the process dies offline);
 * - cacheMethod 'none' (otherwise it writes <lang>.traineddata into the cwd and prefers it later);
 * - errorHandler set (otherwise a failed job is rethrown asynchronously and kills the process);
 * - debug_file /dev/null (otherwise tesseract prints "Estimating resolution …" on our stdout).
 * A thread that dies or hangs rejects the call in flight; the pool then replaces the engine.
 */

const require = createRequire(import.meta.url);

/** Model folders inside @tesseract.js-data/<lang>: 4.0.0 (LSTM + legacy) and 4.0.0_best_int. */
export type ModelFolder = '4.0.0' | '4.0.0_best_int';

export interface EngineOptions {
  /** '+'-joined tesseract language codes; the first is the main one. Default 'chi_sim'. */
  languages?: string;
  model?: ModelFolder;
  /** Extra tesseract parameters set once at start. */
  params?: Record<string, string>;
}

export interface RecognizeOptions {
  /** Page segmentation mode; default 3 (fully automatic; 6 is much worse on skewed pages). */
  psm?: number;
  /** Let tesseract estimate and undo a small skew before recognition. */
  rotateAuto?: boolean;
  /** Resolution of the image, so tesseract does not guess it from text size. */
  dpi?: number;
  signal?: AbortSignal;
  /** Give up (and kill the thread) after this long; default 180 s. */
  timeoutMs?: number;
}

export interface RawRecognition {
  blocks: TessBlock[];
  /** tesseract's mean text confidence, 0–100. */
  confidence: number;
  /** The skew tesseract removed when rotateAuto was on (radians, counter-clockwise positive). */
  rotateRadians: number;
  /** tesseract's own version string, e.g. 5.1.0-288-g2a9c1. */
  tesseractVersion: string;
}

export interface EngineInfo {
  engine: string;
  engineVersion: string;
  model: string;
  modelVersion: string;
}

interface LanguageData {
  lang: string;
  file: string;
  packageVersion: string;
}

function versionIn(packageJson: string): string {
  try {
    return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function packageVersion(name: string): string {
  return versionIn(require.resolve(`${name}/package.json`));
}

/** The shipped .traineddata.gz of one language, resolved through node's module resolution. */
export function languageData(lang: string, model: ModelFolder): LanguageData {
  if (!/^[a-z_]+$/.test(lang)) {
    throw VaultError.of('OCR_BAD_SETTING', ocrMessages.badSetting, { key: 'languages', value: lang, reason: 'not a language code' });
  }
  // The installed app carries the language data as plain files outside its archive
  // (resources/tessdata/<lang>/, see build/collect-resources.mjs), where tesseract's own worker
  // can read them; its entry points name that folder in LANTAI_TESSDATA.
  const shipped = process.env['LANTAI_TESSDATA'];
  let dir: string;
  try {
    dir = shipped ? path.join(shipped, lang) : path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch (e) {
    throw VaultError.of('OCR_NO_LANGUAGE_DATA', ocrMessages.noLanguageData, { lang, file: `@tesseract.js-data/${lang}` }, {}, e);
  }
  const file = path.join(dir, model, `${lang}.traineddata.gz`);
  if (!fs.existsSync(file)) throw VaultError.of('OCR_NO_LANGUAGE_DATA', ocrMessages.noLanguageData, { lang, file });
  return { lang, file, packageVersion: shipped ? versionIn(path.join(dir, 'package.json')) : packageVersion(`@tesseract.js-data/${lang}`) };
}

const digestCache = new Map<string, string>();
function fileDigest(file: string): string {
  let d = digestCache.get(file);
  if (!d) {
    d = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    digestCache.set(file, d);
  }
  return d;
}

/**
 * tesseract.js reads every language from one folder. One language: its package folder. Several:
 * a private temp folder of symlinks (never the cwd), made once per process.
 */
const combinedDirs = new Map<string, string>();
function langPathFor(data: LanguageData[]): string {
  if (data.length === 1 && data[0]) return path.dirname(data[0].file);
  const key = data.map((d) => d.file).join('|');
  let dir = combinedDirs.get(key);
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantai-tessdata-'));
    for (const d of data) fs.symlinkSync(d.file, path.join(dir, path.basename(d.file)));
    combinedDirs.set(key, dir);
  }
  return dir;
}

/** What gets recorded in page_text for this configuration (engine version completes on first use). */
export function describeModel(options: EngineOptions = {}): EngineInfo {
  const model = options.model ?? '4.0.0_best_int';
  const data = (options.languages ?? 'chi_sim').split('+').map((l) => languageData(l, model));
  return {
    engine: 'tesseract.js',
    engineVersion: `tesseract.js ${packageVersion('tesseract.js')}, tesseract.js-core ${packageVersion('tesseract.js-core')}`,
    model: data.map((d) => d.lang).join('+'),
    modelVersion: data.map((d) => `${d.lang} @tesseract.js-data ${d.packageVersion} ${model} sha256:${fileDigest(d.file).slice(0, 16)}`).join('; '),
  };
}

function reasonOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export class OcrEngine {
  readonly info: EngineInfo;
  private readonly worker: TessWorker;
  private readonly thread: ThreadWorker | undefined;
  private dead: string | undefined;
  private onDeath: ((reason: string) => void) | undefined;
  private busy = false;
  private params = new Map<string, string>();

  private constructor(worker: TessWorker, info: EngineInfo) {
    this.worker = worker;
    this.info = info;
    // tesseract.js keeps its worker_threads.Worker on .worker (untyped): a crash of that thread
    // would otherwise leave the job's promise pending forever.
    this.thread = (worker as unknown as { worker?: ThreadWorker }).worker;
    this.thread?.on('error', (e) => this.die(`error: ${reasonOf(e)}`));
    this.thread?.on('exit', (code) => this.die(`exit ${code}`));
  }

  static async create(options: EngineOptions = {}): Promise<OcrEngine> {
    const model = options.model ?? '4.0.0_best_int';
    const languages = options.languages ?? 'chi_sim';
    const data = languages.split('+').map((l) => languageData(l, model));
    const info = describeModel(options);
    let worker: TessWorker;
    try {
      worker = await createWorker(languages, OEM.LSTM_ONLY, {
        langPath: langPathFor(data),
        gzip: true,
        cacheMethod: 'none',
        // Failures also reject the job's promise, which is where we handle them.
        errorHandler: () => undefined,
      });
    } catch (e) {
      throw VaultError.of('OCR_ENGINE_START_FAILED', ocrMessages.engineStartFailed, { reason: reasonOf(e) }, {}, e);
    }
    const engine = new OcrEngine(worker, info);
    await engine.setParams({ debug_file: '/dev/null', ...(options.params ?? {}) });
    return engine;
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  private die(reason: string): void {
    if (this.dead !== undefined) return;
    this.dead = reason;
    this.onDeath?.(reason);
  }

  private async setParams(params: Record<string, string>): Promise<void> {
    const changed = Object.fromEntries(Object.entries(params).filter(([k, v]) => this.params.get(k) !== v));
    if (Object.keys(changed).length === 0) return;
    await this.worker.setParameters(changed);
    for (const [k, v] of Object.entries(changed)) this.params.set(k, v);
  }

  /**
   * Recognizes one image (PNG, JPEG, TIFF, PNM bytes). Rejects with OCR_CANCELLED on abort and
   * OCR_TIMEOUT on timeout; in both cases the thread is killed (tesseract cannot be
   * interrupted) and this engine is dead.
   */
  async recognize(image: Uint8Array, options: RecognizeOptions = {}): Promise<RawRecognition> {
    if (this.dead !== undefined) throw VaultError.of('OCR_ENGINE_DIED', ocrMessages.engineDied, { reason: this.dead });
    if (this.busy) throw new Error('OcrEngine.recognize called while busy: the pool hands out one job per engine');
    options.signal?.throwIfAborted();
    this.busy = true;
    const timeoutMs = options.timeoutMs ?? 180_000;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const stop = new Promise<never>((_, reject) => {
        this.onDeath = (reason) => reject(VaultError.of('OCR_ENGINE_DIED', ocrMessages.engineDied, { reason }));
        timer = setTimeout(() => {
          reject(VaultError.of('OCR_TIMEOUT', ocrMessages.timedOut, { seconds: Math.round(timeoutMs / 1000) }));
          void this.terminate();
        }, timeoutMs);
        onAbort = () => {
          reject(VaultError.of('OCR_CANCELLED', ocrMessages.cancelled));
          void this.terminate();
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
      const work = (async () => {
        await this.setParams({
          tessedit_pageseg_mode: String(options.psm ?? 3),
          user_defined_dpi: options.dpi ? String(Math.round(options.dpi)) : '0',
        });
        const r = await this.worker.recognize(
          Buffer.from(image.buffer, image.byteOffset, image.byteLength),
          { rotateAuto: options.rotateAuto ?? false },
          { text: false, blocks: true },
        );
        const data = r.data as unknown as { blocks: TessBlock[] | null; confidence: number | null; rotateRadians: number | null; version: string };
        return {
          blocks: data.blocks ?? [],
          confidence: data.confidence ?? 0,
          rotateRadians: data.rotateRadians ?? 0,
          tesseractVersion: data.version,
        };
      })().catch((e: unknown) => {
        if (e instanceof VaultError) throw e;
        throw VaultError.of('OCR_FAILED', ocrMessages.engineFailed, { reason: reasonOf(e) }, {}, e);
      });
      // Whichever loses the race must not become an unhandled rejection.
      work.catch(() => undefined);
      stop.catch(() => undefined);
      return await Promise.race([work, stop]);
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
      this.onDeath = undefined;
      this.busy = false;
    }
  }

  async terminate(): Promise<void> {
    this.die('terminated');
    try {
      await this.worker.terminate();
    } catch {
      // Already gone: terminating is best effort.
    }
  }
}
