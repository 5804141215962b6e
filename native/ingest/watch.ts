import fs from 'node:fs';
import path from 'node:path';
import { toErrorDTO } from '../errors.js';
import { defineMessages, msg, type Message } from '../i18n/messages.js';
import type { Vault } from '../vault/vault.js';
import { ingest } from './ingest-job.js';
import type { IngestMetadata } from './metadata.js';
import { SCAN_EXTENSIONS } from './plan.js';

const messages = defineMessages({
  reason: {
    zh: '文件：{name}\n时间：{at}\n错误代码：{code}\n原因：{zh}\n',
    en: 'File: {name}\nTime: {at}\nError code: {code}\nReason: {en}\n',
  },
  notScan: { zh: '{name} 不是扫描文件（JPEG、PNG、TIFF、PDF）。', en: '{name} is not a scan file (JPEG, PNG, TIFF, PDF).' },
});

export interface WatchOptions {
  inbox: string;
  doneDir?: string;
  failedDir?: string;
  /** A file counts as finished once its size and mtime have not changed for this long. */
  stableMs?: number;
  intervalMs?: number;
  metadata?: IngestMetadata;
  signal?: AbortSignal;
  onEvent?: (e: WatchEvent) => void;
}

export type WatchEvent =
  | { kind: 'ingested'; name: string; archivalCode: string; movedTo: string; alreadyIngested: boolean }
  | { kind: 'failed'; name: string; code: string; message: Message; movedTo: string; reasonFile: string };

interface Seen {
  signature: string;
  since: number;
}

/** Keeps what the poller saw between polls: an entry is ready once its signature holds still. */
export class InboxState {
  readonly seen = new Map<string, Seen>();
}

const IGNORED = /^(\.|~\$)|\.(tmp|part|crdownload|partial)$/i;

function signatureOf(p: string): string | undefined {
  try {
    const st = fs.statSync(p);
    if (st.isFile()) return `${st.size}:${st.mtimeMs}`;
    if (!st.isDirectory()) return undefined;
    const parts: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const child = path.join(dir, e.name);
        if (e.isDirectory()) walk(child);
        else {
          const s = fs.statSync(child);
          parts.push(`${e.name}:${s.size}:${s.mtimeMs}`);
        }
      }
    };
    walk(p);
    return parts.length === 0 ? undefined : parts.join('|');
  } catch {
    return undefined;
  }
}

function canRead(p: string): boolean {
  try {
    if (fs.statSync(p).isFile()) fs.closeSync(fs.openSync(p, 'r'));
    return true;
  } catch {
    return false;
  }
}

/** Moves into dir, never overwriting: "name", then "name (2)", "name (3)" … */
function moveInto(source: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const ext = fs.statSync(source).isFile() ? path.extname(source) : '';
  const base = path.basename(source, ext);
  let target = path.join(dir, `${base}${ext}`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base} (${n})${ext}`);
  fs.renameSync(source, target);
  return target;
}

/**
 * One poll of the inbox: every entry (file, or a scanner's per-document folder) whose
 * signature has held still for stableMs is ingested as one item and moved to done/, or to
 * failed/ with a reason file beside it. A crash between the ingest and the move is harmless:
 * the next poll finds the entry already ingested (same digests) and only moves it.
 */
export async function pollInbox(vault: Vault, options: WatchOptions, state: InboxState, now = Date.now()): Promise<WatchEvent[]> {
  const inbox = path.resolve(options.inbox);
  const doneDir = path.resolve(options.doneDir ?? path.join(inbox, 'done'));
  const failedDir = path.resolve(options.failedDir ?? path.join(inbox, 'failed'));
  const stableMs = options.stableMs ?? 2000;
  fs.mkdirSync(inbox, { recursive: true });
  const events: WatchEvent[] = [];
  const names = fs.readdirSync(inbox).filter((n) => !IGNORED.test(n)).sort();
  const present = new Set<string>();
  for (const name of names) {
    const full = path.join(inbox, name);
    if (full === doneDir || full === failedDir) continue;
    present.add(full);
    const signature = signatureOf(full);
    if (!signature) continue;
    const before = state.seen.get(full);
    if (!before || before.signature !== signature) {
      state.seen.set(full, { signature, since: now });
      if (stableMs > 0) continue;
    }
    if (now - (state.seen.get(full)?.since ?? now) < stableMs || !canRead(full)) continue;
    options.signal?.throwIfAborted();
    state.seen.delete(full);
    const isFile = fs.statSync(full).isFile();
    let failure: { code: string; message: Message } | undefined;
    let archivalCode = '';
    let alreadyIngested = false;
    if (isFile && !SCAN_EXTENSIONS.has(path.extname(name).toLowerCase())) {
      failure = { code: 'INGEST_NOT_A_SCAN', message: msg(messages.notScan, { name }) };
    } else {
      try {
        const summary = await ingest(vault, { paths: [full], metadata: options.metadata ?? {} }, options.signal ? { signal: options.signal } : {});
        const failedItem = summary.items.find((i) => i.status === 'failed');
        if (failedItem) {
          const [zh, en] = (failedItem.error?.message ?? '').split('\n');
          failure = { code: failedItem.error?.code ?? 'INGEST_FAILED', message: { zh: zh ?? '', en: en ?? zh ?? '' } };
        } else {
          const item = summary.items[0];
          archivalCode = item?.archivalCode ?? '';
          alreadyIngested = item?.alreadyIngested ?? false;
        }
      } catch (e) {
        if (options.signal?.aborted) throw e;
        const dto = toErrorDTO(e);
        failure = { code: dto.code, message: dto.message };
      }
    }
    if (failure) {
      const movedTo = moveInto(full, failedDir);
      const reasonFile = `${movedTo}.reason.txt`;
      const at = new Date().toISOString();
      const reason = `${msg(messages.reason, { name, at, code: failure.code, zh: failure.message.zh }).zh}\n${msg(messages.reason, { name, at, code: failure.code, en: failure.message.en }).en}`;
      fs.writeFileSync(reasonFile, reason);
      const event: WatchEvent = { kind: 'failed', name, code: failure.code, message: failure.message, movedTo, reasonFile };
      events.push(event);
      options.onEvent?.(event);
    } else {
      const movedTo = moveInto(full, doneDir);
      const event: WatchEvent = { kind: 'ingested', name, archivalCode, movedTo, alreadyIngested };
      events.push(event);
      options.onEvent?.(event);
    }
  }
  for (const key of state.seen.keys()) if (!present.has(key)) state.seen.delete(key);
  return events;
}

/** Polls until the signal aborts. Polling, not fs.watch: scanner shares and network drives miss events. */
export async function watchInbox(vault: Vault, options: WatchOptions): Promise<void> {
  const state = new InboxState();
  const interval = options.intervalMs ?? 1000;
  while (!options.signal?.aborted) {
    await pollInbox(vault, options, state);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, interval);
      options.signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
    });
  }
}
