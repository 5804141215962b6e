import fs from 'node:fs';
import path from 'node:path';
import { getRecordByCode, insertRecord } from '../catalog/records.js';
import { immediate, nowIso } from '../db/database.js';
import { VaultError } from '../errors.js';
import { digestBuffer } from '../hash/digests.js';
import { ingestHooks } from '../ingest/hooks.js';
import { duplicatePageWarnings, rollBackItem, stageUnit, type StagedUnit } from '../ingest/ingest-unit.js';
import { createJob, findResumableJob, jobItems, setItemStatus, setJobStatus } from '../jobs/job-store.js';
import { releaseClaims } from '../jobs/object-claims.js';
import type { JobItemRow } from '../jobs/types.js';
import { commitPageText } from '../ocr/queue.js';
import type { PageOcrResult } from '../ocr/types.js';
import type { Vault } from '../vault/vault.js';
import { parseCatalogXml } from './catalog-xml.js';
import { importEntryOf, type ImportEntry } from './import-entries.js';
import { importMessages } from './import-messages.js';
import { importByTagManifest, insertImport } from './imports-store.js';
import { CATALOG_XML } from './layout.js';
import type { PackageVerification } from './verify.js';
import { decodeText } from './verify-catalog.js';
import { withVerifiedPackage, type OpenedPackage } from './verify-path.js';

export const IMPORT_JOB = 'import';

export interface ImportPackageOptions {
  /** The sender's certificate (file) or fingerprint: the package must be signed by it. */
  pin?: string;
  signal: AbortSignal;
  importedBy: number;
  /** The job manager's control: the import keeps its own jobs row (one item per record). */
  adopt: (jobId: number) => void;
  onProgress?: (p: { phase: 'verify' | 'stage' | 'commit'; done: number; total: number }) => void;
  /** Runs inside the import's transaction (the audit row commits with the records). */
  inTransaction?: (imported: ImportedPackage) => void;
}

export interface ImportedPackage {
  importId: number;
  transferId: string;
  sourceOrganization: string;
  alreadyImported: boolean;
  records: { recordId: number; archivalCode: string; pages: number }[];
  tagManifestSha256: string;
  tagManifestSm3: string;
  bytes: number;
  verification: PackageVerification;
}

/** The digests that name a package: of each carrier's tag manifests, joined in carrier order (as the sender keeps them). */
function tagManifestDigests(opened: OpenedPackage): { sha256: string; sm3: string } {
  const sha = opened.bags.map((b) => digestBuffer(fs.readFileSync(path.join(b.dir, 'tagmanifest-sha256.txt'))).sha256);
  const sm3 = opened.bags.map((b) => digestBuffer(fs.readFileSync(path.join(b.dir, 'tagmanifest-sm3.txt'))).sm3);
  return { sha256: sha.join(','), sm3: sm3.join(',') };
}

function readEntries(opened: OpenedPackage): ImportEntry[] {
  const out: ImportEntry[] = [];
  const seen = new Set<string>();
  for (const bag of opened.bags) {
    // Verified: the catalog is there and readable (the verification would have said otherwise).
    const decoded = decodeText(fs.readFileSync(path.join(bag.dir, 'data', CATALOG_XML)));
    if (!decoded) throw VaultError.of('PACKAGE_IMPORT_BAD_ENTRY', importMessages.badEntry, { code: CATALOG_XML, field: 'encoding', reason: 'neither UTF-8 nor GB18030' });
    for (const entry of parseCatalogXml(decoded.text).entries) {
      const e = importEntryOf(bag.dir, entry);
      if (seen.has(e.archivalCode)) throw VaultError.of('PACKAGE_IMPORT_BAD_ENTRY', importMessages.badEntry, { code: e.archivalCode, field: '档号', reason: 'listed twice' });
      seen.add(e.archivalCode);
      out.push(e);
    }
  }
  return out;
}

/** A master's OCR text as the package carries it: one file, pages separated by a form feed line. */
function masterPageTexts(file: string | undefined, pages: number): string[] | null {
  if (file === undefined) return null;
  const decoded = decodeText(fs.readFileSync(file));
  if (!decoded) return null;
  const texts = decoded.text.split('\f\n');
  return texts.length === pages ? texts : null;
}

/** Received text is kept as an access copy of the sender's OCR: lines without boxes (nothing to highlight on the image). */
function receivedText(text: string, width: number, height: number): PageOcrResult {
  const lines = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') lines.push({ text: line, start, end: start + line.length, bbox: [0, 0, 0, 0] as [number, number, number, number], confidence: 0, words: [] });
    start += line.length + 1;
  }
  return {
    text, layout: { width, height, lines }, meanConfidence: null, engine: 'received', engineVersion: '1', model: 'transfer-package', modelVersion: '1',
    settings: { languages: '', psm: 0, oem: 'LSTM_ONLY', rotateAuto: false, steps: ['received-with-package'], details: {} }, rotation: 0,
  };
}

function checkDigests(entry: ImportEntry, staged: StagedUnit): void {
  entry.masters.forEach((m, i) => {
    const d = staged.masters[i]?.digests;
    if (!d || (m.sha256 !== undefined && m.sha256 !== d.sha256) || (m.sm3 !== undefined && m.sm3 !== d.sm3)) {
      throw VaultError.of('PACKAGE_IMPORT_DIGEST', importMessages.digestMismatch, { code: entry.archivalCode, path: m.relative });
    }
  });
}

/** The job row the import keeps (one item per record), or the unfinished one of the same package: re-running resumes. */
function importJob(vault: Vault, tagSha: string, entries: ImportEntry[], target: string): { jobId: number; items: JobItemRow[] } {
  const paramsKey = `import:${tagSha}`;
  const keys = entries.map((e) => e.archivalCode);
  const previous = findResumableJob(vault.db, IMPORT_JOB, paramsKey);
  const jobId = previous ? previous.id : createJob(vault.db, IMPORT_JOB, { path: target }, paramsKey, keys);
  const items = jobItems(vault.db, jobId);
  if (items.length !== keys.length || items.some((it, i) => it.key !== keys[i])) throw new Error(`import job ${jobId} does not match the package's records`);
  setJobStatus(vault.db, jobId, 'running');
  return { jobId, items };
}

/**
 * Brings a verified transfer package into the vault, all or nothing: the package is verified
 * (and its signer pinned when asked) and read from exactly what was verified; every entry is
 * checked and every 档号 must be new; the masters are stored under claims; then one
 * transaction inserts every record with the sender's 档号, its received OCR text (indexed and
 * extracted as the OCR stage does) and the import row. Importing the same package again
 * changes nothing. A failure or cancel takes back everything it stored.
 */
export async function importPackage(vault: Vault, target: string, options: ImportPackageOptions): Promise<ImportedPackage> {
  const db = vault.db;
  options.onProgress?.({ phase: 'verify', done: 0, total: 1 });
  return withVerifiedPackage(target, { ...(options.pin !== undefined ? { pin: options.pin } : {}), signal: options.signal }, async (verification, opened) => {
    if (!verification.valid) {
      const first = verification.problems[0];
      throw VaultError.of('PACKAGE_INVALID', importMessages.invalid, {
        path: target, count: verification.problems.length, first: first ? `${first.code}${first.path ? ` ${first.path}` : ''}` : '',
      }, { problems: verification.problems.slice(0, 200) });
    }
    const digests = tagManifestDigests(opened);
    const base = {
      transferId: verification.transferId ?? '', sourceOrganization: verification.sourceOrganization ?? '',
      tagManifestSha256: digests.sha256, tagManifestSm3: digests.sm3, bytes: verification.payload?.octets ?? 0, verification,
    };
    const before = importByTagManifest(db, digests.sha256);
    if (before) return { ...base, importId: before.id, alreadyImported: true, records: [] };
    const entries = readEntries(opened);
    for (const e of entries) {
      const existing = getRecordByCode(db, e.archivalCode);
      if (existing) throw VaultError.of('PACKAGE_IMPORT_CONFLICT', importMessages.conflict, { code: e.archivalCode, reason: existing.title });
    }
    const { jobId, items } = importJob(vault, digests.sha256, entries, path.resolve(target));
    options.adopt(jobId);
    const staged: { entry: ImportEntry; item: JobItemRow; unit: StagedUnit }[] = [];
    try {
      for (const [i, entry] of entries.entries()) {
        options.signal.throwIfAborted();
        const item = items[i]!;
        const unit = await stageUnit(vault, item, { key: entry.archivalCode, name: entry.archivalCode, files: entry.masters.map((m) => m.file) }, { signal: options.signal, ocrBatch: false });
        if (unit.existing) throw VaultError.of('PACKAGE_IMPORT_CONFLICT', importMessages.conflict, { code: entry.archivalCode, reason: unit.existing.archivalCode });
        staged.push({ entry, item, unit });
        checkDigests(entry, unit);
        options.onProgress?.({ phase: 'stage', done: i + 1, total: entries.length });
      }
      options.signal.throwIfAborted();
      options.onProgress?.({ phase: 'commit', done: 0, total: entries.length });
      return immediate(db, () => {
        const records: ImportedPackage['records'] = [];
        for (const { entry, item, unit } of staged) {
          const warnings = [...unit.warnings, ...duplicatePageWarnings(db, unit)];
          const inserted = insertRecord(db, {
            fields: entry.fields, sourceKey: unit.sourceKey, sourceName: `${base.transferId}/${entry.archivalCode}`, masters: unit.masters, pages: unit.pages, warnings,
            fixedCode: { itemNumber: entry.itemNumber, archivalCode: entry.archivalCode },
          }, (recordId) => {
            releaseClaims(db, item.id);
            setItemStatus(db, item.id, 'done');
            ingestHooks(db).recordAdded(db, recordId);
          });
          const pageRows = db.prepare('SELECT id, page_no AS pageNo, width, height FROM pages WHERE record_id = ? ORDER BY page_no').all(inserted.id) as { id: number; pageNo: number; width: number; height: number }[];
          let pageIndex = 0;
          entry.masters.forEach((m, i) => {
            const count = unit.masters[i]!.pageCount;
            const texts = masterPageTexts(m.textFile, count);
            for (let k = 0; k < count; k++) {
              const page = pageRows[pageIndex++];
              const text = texts?.[k];
              if (page && text !== undefined && text !== '') commitPageText(db, page.id, receivedText(text, page.width, page.height));
            }
          });
          records.push({ recordId: inserted.id, archivalCode: inserted.archivalCode, pages: unit.pages.length });
        }
        const importId = insertImport(db, {
          transferId: base.transferId, sourceOrganization: base.sourceOrganization, tagmanifestSha256: digests.sha256, tagmanifestSm3: digests.sm3,
          signerFingerprint: verification.signature?.signer?.sha256 ?? null, recordCount: records.length, byteCount: base.bytes,
          importedAt: nowIso(), importedBy: options.importedBy, jobId, records,
        });
        const result: ImportedPackage = { ...base, importId, alreadyImported: false, records };
        options.inTransaction?.(result);
        return result;
      });
    } catch (e) {
      for (const s of staged) rollBackItem(vault, s.item.id, s.unit.claimed);
      if (options.signal.aborted) throw VaultError.of('PACKAGE_IMPORT_CANCELLED', importMessages.cancelled, { path: target }, {}, e);
      throw e;
    }
  });
}
