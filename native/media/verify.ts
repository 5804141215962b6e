import path from 'node:path';
import type { Db } from '../db/database.js';
import { errnoCode } from '../errors.js';
import { msg, type Message } from '../i18n/messages.js';
import { finishRun, listAlerts, raiseAlert, resolveAlertsOn } from './alerts.js';
import { BOOKKEEPING } from './backup.js';
import { copiesOn, oldestVerified, setCopyStatus, snapshotsOn } from './copies.js';
import { dataDir, readIndex, type MediumIndex } from './layout.js';
import { hashMediumFile, isMediumTemp, listMediumFiles, statMediumFile } from './medium-io.js';
import { hashParallelism } from './io-pool.js';
import { mediaMessages as m } from './messages.js';
import { flagBatch, markVerified, setMediumState, setSmart } from './registry.js';
import { readSmart, smartFailing, type SmartSummary } from './smart.js';
import type { AlertKind, MediumRow } from './types.js';

/**
 * Verification of a medium without the key: every ciphertext against the digest its index
 * recorded (full), or a rolling sample that reads the copies verified longest ago first, so
 * every copy is read within ceil(1 / fraction) runs. Missing, extra, unreadable and altered
 * files are findings; each raises an alert that stays until handled, and a medium with
 * findings flags every medium of its brand and batch for an early check. Every run leaves its
 * row in media_runs.
 */
export interface VerifyInput {
  db: Db;
  medium: MediumRow;
  root: string;
  mode: 'full' | 'sample';
  sampleFraction: number;
  runId: number;
  signal?: AbortSignal;
  report?: (p: { done: number; total: number; failed?: number; message?: string }) => void;
}

export interface Finding {
  kind: Exclude<AlertKind, 'overdue' | 'batch' | 'full'>;
  file: string;
  sha256?: string;
  message: Message;
}

export interface VerifyResult {
  runId: number;
  mediumId: string;
  mode: 'full' | 'sample';
  checked: number;
  bytes: number;
  clean: boolean;
  findings: Finding[];
  flaggedBatch: string[];
  smart: 'recorded' | 'unavailable' | 'not-a-disk';
  /** What smartctl said of the disk holding the medium, when it said anything. */
  smartSummary: SmartSummary | null;
}

export async function verifyMedium(input: VerifyInput): Promise<VerifyResult> {
  const { db, medium, root } = input;
  const data = dataDir(root);
  const findings: Finding[] = [];
  let index: MediumIndex | undefined;
  try {
    index = await readIndex(root);
  } catch (e) {
    findings.push({ kind: 'index', file: 'index.json', message: msg(m.findingIndex, { reason: e instanceof Error ? e.message : String(e) }) });
  }
  // What each file should be: the index's line, or the catalog's record of a copy that was
  // written and read back after the index was last written (a backup or repair interrupted
  // before its index write: the next backup lists it). Such a copy is checked like any other.
  const copies = copiesOn(db, medium.id);
  const byFile = new Map(copies.map((c) => [c.file, c]));
  const files: Record<string, { sha256: string; size: number }> = { ...(index?.files ?? {}) };
  for (const c of copies) if (c.status === 'ok') files[c.file] = { sha256: c.cipherSha256, size: c.cipherSize };
  for (const snap of snapshotsOn(db, medium.id)) files[snap.file] ??= { sha256: snap.cipherSha256, size: snap.cipherSize };

  let present: string[] = [];
  let listed = false;
  try {
    present = await listMediumFiles(data);
    listed = true;
  } catch (e) {
    findings.push({ kind: 'unreadable', file: '.', message: msg(m.findingUnreadable, { file: data, code: errnoCode(e) ?? String(e) }) });
  }
  const presentSet = new Set(present);
  for (const f of present) {
    if (BOOKKEEPING.has(f) || isMediumTemp(f) || files[f]) continue;
    findings.push({ kind: 'extra', file: f, message: msg(m.findingExtra, { file: f }) });
  }

  let chosen: string[];
  if (input.mode === 'full') chosen = Object.keys(files).sort();
  else {
    const n = Math.max(1, Math.ceil(copies.length * input.sampleFraction));
    chosen = oldestVerified(db, medium.id, n).map((c) => c.file).filter((f) => files[f]);
  }

  let checked = 0;
  let bytes = 0;
  const good: string[] = [];
  let next = 0;
  const now = new Date().toISOString();
  const checkOne = async (rel: string): Promise<void> => {
    const want = files[rel]!;
    const copy = byFile.get(rel);
    const file = path.join(data, rel);
    const mark = (kind: Finding['kind'], message: Message): void => {
      findings.push({ kind, file: rel, ...(copy ? { sha256: copy.sha256 } : {}), message });
      if (copy) setCopyStatus(db, medium.id, copy.sha256, kind === 'missing' ? 'missing' : 'bad');
    };
    if (!presentSet.has(rel)) return mark('missing', msg(m.findingMissing, { file: rel }));
    try {
      const st = await statMediumFile(file);
      if (!st) return mark('missing', msg(m.findingMissing, { file: rel }));
      if (st.size !== want.size) return mark('mismatch', msg(m.findingSize, { file: rel, expected: want.size, found: st.size }));
      const h = await hashMediumFile(file);
      bytes += h.size;
      if (h.sha256 !== want.sha256) return mark('mismatch', msg(m.findingMismatch, { file: rel, expected: want.sha256, found: h.sha256 }));
      if (copy) setCopyStatus(db, medium.id, copy.sha256, 'ok', now);
      good.push(rel);
    } catch (e) {
      return mark('unreadable', msg(m.findingUnreadable, { file: rel, code: errnoCode(e) ?? String(e) }));
    } finally {
      checked++;
      input.report?.({ done: checked, total: chosen.length, failed: findings.length, message: medium.id });
    }
  };
  const worker = async (): Promise<void> => {
    while (next < chosen.length) {
      input.signal?.throwIfAborted();
      await checkOne(chosen[next++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(hashParallelism(), Math.max(1, chosen.length)) }, worker));

  let smart: VerifyResult['smart'] = 'not-a-disk';
  let smartSummary: SmartSummary | null = null;
  if (medium.type === 'hdd' || medium.type === 'ssd') {
    smartSummary = await readSmart(root);
    smart = smartSummary ? 'recorded' : 'unavailable';
    if (smartSummary) {
      setSmart(db, medium.id, JSON.stringify(smartSummary));
      // The disk says it is failing: a finding like a read error (alert, medium failing, batch flagged).
      if (smartFailing(smartSummary)) findings.push({ kind: 'smart', file: smartSummary.device, message: msg(m.findingSmart, { device: smartSummary.device, model: smartSummary.model ?? '-', serial: smartSummary.serial ?? '-', status: smartSummary.exitStatus }) });
    }
  }

  const clean = findings.length === 0;
  const flaggedBatch: string[] = [];
  db.transaction(() => {
    // A file once found outside the index (the write of a backup killed before it recorded it)
    // that is now listed and verifies: the alert's premise no longer holds.
    resolveAlertsOn(db, medium.id, 'extra', good, now, `listed and verified in run ${input.runId}`);
    // An extra file that is gone (removed by a person, or a leftover an interrupted backup cleared) is no longer there to handle.
    if (listed) {
      const gone = listAlerts(db, { mediumId: medium.id }).filter((a) => a.kind === 'extra' && !presentSet.has(a.subject)).map((a) => a.subject);
      resolveAlertsOn(db, medium.id, 'extra', gone, now, `no longer on the medium in run ${input.runId}`);
    }
    for (const f of findings) raiseAlert(db, { mediumId: medium.id, kind: f.kind, subject: f.file, detail: { ...(f.sha256 ? { sha256: f.sha256 } : {}), message: f.message }, at: now, runId: input.runId });
    if (clean) {
      markVerified(db, medium.id, now, input.mode === 'full');
      // Checking an overdue medium is what handles its overdue alert.
      if (input.mode === 'full') db.prepare("UPDATE media_alerts SET handled_at = ?, note = ? WHERE medium_id = ? AND kind IN ('overdue', 'batch') AND handled_at IS NULL").run(now, `verification run ${input.runId}`, medium.id);
    } else {
      if (findings.some((f) => f.kind !== 'extra')) setMediumState(db, medium.id, medium.state === 'checked_out' ? 'checked_out' : 'failing');
      const reason = msg(m.findingBatch, { failed: medium.id });
      for (const id of flagBatch(db, medium, reason.en)) {
        flaggedBatch.push(id);
        raiseAlert(db, { mediumId: id, kind: 'batch', subject: medium.id, detail: { failed: medium.id, message: reason }, at: now, runId: input.runId });
      }
    }
    finishRun(db, input.runId, {
      at: new Date().toISOString(), checked, problems: findings.length, result: clean ? 'clean' : 'problems',
      detail: { mode: input.mode, bytes, findings: findings.slice(0, 200).map((f) => ({ kind: f.kind, file: f.file })), flaggedBatch, smart, ...(smartSummary ? { smartSummary } : {}) },
    });
  })();
  return { runId: input.runId, mediumId: medium.id, mode: input.mode, checked, bytes, clean, findings, flaggedBatch, smart, smartSummary };
}
