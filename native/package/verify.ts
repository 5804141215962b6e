import fs from 'node:fs';
import path from 'node:path';
import { validateBag, type ValidationProgress } from '../bag/index.js';
import type { FourPropertyReport } from '../check/four-property.js';
import { checkPackage, type PackageFileFacts } from '../check/four-property-package.js';
import { readFileHead, sniff } from '../check/four-property-sniff.js';
import type { CertificatePin } from '../crypto/certificate.js';
import { infoLabels } from './bag-info-read.js';
import type { ParsedCatalog } from './catalog-xml.js';
import { CMS_SIGNATURE, REQUIRED_LAYOUT, SIGNATURE_FILES } from './layout.js';
import { PackageFindings, PACKAGE_STAGES, type PackageProblem, type PackageStage } from './problems.js';
import { checkCatalog, decodeText } from './verify-catalog.js';
import { checkSignatures, type SignatureResult } from './verify-signature.js';
import { manifestEntries, payloadFilesOnDisk, tagFilesOnDisk } from './tag-listing.js';

export interface VerifyPackageOptions {
  /** The sender's certificate (or its fingerprint) obtained beforehand: the signer must be it. */
  pin?: CertificatePin;
  /** See ValidateBagOptions.payloadAlgorithms: only the writer's own seal check narrows it. */
  payloadAlgorithms?: readonly string[];
  /** See ValidateBagOptions.allowHardLinks: only the writer's own seal check of a folder it zips. */
  allowHardLinks?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { stage: PackageStage; done: number; total: number }) => void;
}

export interface PackageVerification {
  valid: boolean;
  problems: PackageProblem[];
  warnings: PackageProblem[];
  stages: PackageStage[];
  transferId: string | null;
  sourceOrganization: string | null;
  /** `i of n` from bag-info.txt: this carrier's place in a split transfer. */
  bagCount: string | null;
  signature: SignatureResult | null;
  records: number | null;
  payload: { files: number; octets: number } | null;
  fourProperty: FourPropertyReport | null;
}

const REQUIRED_INFO = ['Source-Organization', 'External-Identifier', 'Bag-Count', 'Bagging-Date', 'Payload-Oxum'] as const;

/** Reads a file of the package as text, never through a link (a linked bag-info.txt could point anywhere). */
async function readText(file: string): Promise<string | null> {
  try {
    if (!(await fs.promises.lstat(file)).isFile()) return null;
    const d = decodeText(await fs.promises.readFile(file));
    return d ? d.text : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a transfer package folder in stages, cheap to expensive: the bag (structure,
 * declaration, Payload-Oxum, completeness both ways, digests, tag manifests: native/bag), then
 * the signatures, the pinned certificate, catalog ↔ files, the national layout and the
 * four-property check of the package. Every finding is a typed problem or warning; only
 * cancellation rejects. Never writes, never follows a link out of the folder.
 */
export async function verifyPackage(dir: string, options: VerifyPackageOptions = {}): Promise<PackageVerification> {
  const findings = new PackageFindings();
  const stages: PackageStage[] = [];
  const result: PackageVerification = {
    valid: false, problems: findings.problems, warnings: findings.warnings, stages, transferId: null, sourceOrganization: null, bagCount: null,
    signature: null, records: null, payload: null, fourProperty: null,
  };
  const bag = await validateBag(dir, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.payloadAlgorithms ? { payloadAlgorithms: options.payloadAlgorithms } : {}),
    ...(options.allowHardLinks ? { allowHardLinks: true } : {}),
    onProgress: (p: ValidationProgress) => options.onProgress?.({ stage: p.stage, done: p.bytesDone, total: p.bytesTotal }),
  });
  stages.push(...bag.stages);
  for (const p of bag.problems) findings.addBag(p, 'error');
  for (const w of bag.warnings) findings.addBag(w, 'warning');
  result.payload = bag.payload;
  if (bag.stoppedAt === 'structure' && !fs.existsSync(path.join(dir, 'bagit.txt'))) {
    result.valid = false;
    return result;
  }

  // Bag declaration: the labels a transfer package must carry.
  const info = await readText(path.join(dir, 'bag-info.txt'));
  const labels = info === null ? new Map<string, string>() : infoLabels(info);
  for (const label of REQUIRED_INFO) if (!labels.has(label.toLowerCase())) findings.add('error', 'bag-info', 'BAG_INFO_MISSING', { label });
  result.transferId = labels.get('external-identifier') ?? null;
  result.sourceOrganization = labels.get('source-organization') ?? null;
  result.bagCount = labels.get('bag-count') ?? null;

  // Every tag file but the signatures must be in the tag manifest, or an added file would pass.
  const tagManifestText = await readText(path.join(dir, 'tagmanifest-sha256.txt'));
  const tagListed = tagManifestText === null ? new Map<string, string>() : manifestEntries(tagManifestText);
  for (const f of await tagFilesOnDisk(dir)) {
    if (/^tagmanifest-[a-z0-9]+\.txt$/.test(f) || SIGNATURE_FILES.includes(f)) continue;
    if (!tagListed.has(f)) findings.add('error', 'tag-manifests', 'TAG_FILE_UNLISTED', { path: f });
  }

  options.signal?.throwIfAborted();
  stages.push('signature', 'pin');
  result.signature = await checkSignatures(dir, findings, options.pin);

  stages.push('catalog');
  const payload = await payloadFilesOnDisk(dir);
  const manifestText = await readText(path.join(dir, 'manifest-sha256.txt'));
  const manifest = manifestText === null ? new Map<string, string>() : manifestEntries(manifestText);
  const catalog: ParsedCatalog | null = await checkCatalog(dir, payload, manifest, findings);
  result.records = catalog?.entries.length ?? null;

  stages.push('layout');
  for (const required of REQUIRED_LAYOUT) {
    const p = path.join(dir, 'data', ...required.split('/').filter(Boolean));
    const st = await fs.promises.lstat(p).catch(() => null);
    const ok = required.endsWith('/') ? st?.isDirectory() === true : st?.isFile() === true;
    if (!ok) findings.add('error', 'layout', 'LAYOUT_MISSING', { path: `data/${required}` });
  }

  options.signal?.throwIfAborted();
  stages.push('four-property');
  const roles = new Map<string, 'master' | 'text'>();
  for (const e of catalog?.entries ?? []) for (const f of e.files) roles.set(f.path, f.role);
  const facts: PackageFileFacts[] = [];
  for (const p of payload) {
    const file = path.join(dir, 'data', ...p.split('/'));
    const role = roles.get(p) ?? 'other';
    const kind = sniff(await readFileHead(file).catch(() => new Uint8Array()));
    const fact: PackageFileFacts = { path: p, role, kind };
    if (role === 'text') fact.utf8 = (await readText(file)) !== null;
    facts.push(fact);
  }
  const bagErrors = findings.problems.filter((p) => (PACKAGE_STAGES.indexOf(p.stage) <= PACKAGE_STAGES.indexOf('tag-manifests')));
  const sigErrors = findings.problems.filter((p) => p.stage === 'signature' || p.stage === 'pin');
  const catErrors = findings.problems.filter((p) => p.stage === 'catalog' || p.stage === 'layout');
  const report = checkPackage({
    bag: { ok: bagErrors.length === 0, problems: bagErrors.length, first: bagErrors[0] ? `${bagErrors[0].code} ${bagErrors[0].path ?? ''}`.trim() : '' },
    signature: { ok: sigErrors.length === 0 && result.signature.valid, signer: result.signature.signer?.subject ?? '', reason: sigErrors[0]?.message.en ?? `${CMS_SIGNATURE} missing` },
    catalog: { ok: catErrors.length === 0 && catalog !== null, problems: catErrors.length, first: catErrors[0]?.message.en ?? '', entries: catalog?.entries.length ?? 0 },
    files: facts,
  });
  result.fourProperty = report;
  // The per-file failures (formats, executables, text) are not reported by any stage before.
  for (const c of report.checks) {
    if (c.result === 'fail' && /^(USE|SEC)-/.test(c.id)) findings.add('error', 'four-property', 'FOUR_PROPERTY_FAILED', { id: c.id, subject: c.subject, text: c.detail.en, path: c.subject });
  }
  result.valid = findings.problems.length === 0;
  return result;
}
