import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCertificate, type CertificatePin } from '../crypto/certificate.js';
import { VaultError } from '../errors.js';
import { digestBuffer } from '../hash/digests.js';
import { CARRIER_SHEET_SUFFIX, carrierSheetName, readCarrierSheet, sheetTagManifestSha256 } from './carrier-sheet.js';
import { packageMessages } from './messages.js';
import { DEFAULT_ZIP_LIMITS, extractZipSafely, type ZipLimits } from './zip-read.js';
import { PackageFindings, type PackageProblem } from './problems.js';
import { verifyPackage, type PackageVerification, type VerifyPackageOptions } from './verify.js';

export interface VerifyPathOptions extends Omit<VerifyPackageOptions, 'pin'> {
  /** A certificate file (PEM or DER) or a SHA-256 fingerprint to pin the signer to. */
  pin?: string;
  zipLimits?: ZipLimits;
}

/** A pin option: a certificate file (PEM or DER) or a SHA-256 fingerprint. */
export function pinOf(pin: string): CertificatePin {
  if (/^([0-9A-Fa-f]{2}[:\s]?){32}$/.test(pin.trim())) return { sha256: pin.trim() };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(pin);
  } catch (e) {
    throw VaultError.of('PACKAGE_PIN_UNREADABLE', packageMessages.pinUnreadable, { path: pin, reason: e instanceof Error ? e.message : String(e) });
  }
  try {
    const text = bytes.toString('utf8');
    return readCertificate(text.includes('-----BEGIN') ? text : bytes);
  } catch (e) {
    throw VaultError.of('PACKAGE_PIN_UNREADABLE', packageMessages.pinUnreadable, { path: pin, reason: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * A folder of carriers (a split transfer): no bagit.txt of its own, entries named <id>-NN or
 * <id>-NN.zip, each with its digest sheet <carrier>.校验单.txt beside it.
 */
async function carrierEntries(dir: string): Promise<string[]> {
  if (fs.existsSync(path.join(dir, 'bagit.txt'))) return [];
  const names = (await fs.promises.readdir(dir)).filter((n) => !n.startsWith('.'));
  const carrierName = /-\d{2,}(\.zip)?$/;
  const carriers = names.filter((n) => !n.endsWith(CARRIER_SHEET_SUFFIX));
  // A sheet whose carrier is missing still marks a set (an incomplete one, as the set stage says).
  const sheetsNamed = names.filter((n) => n.endsWith(CARRIER_SHEET_SUFFIX)).every((n) => carrierName.test(n.slice(0, -CARRIER_SHEET_SUFFIX.length)));
  return carriers.length > 0 && sheetsNamed && carriers.every((n) => carrierName.test(n)) ? carriers.sort() : [];
}

/** Each carrier's digest sheet against the carrier's own tag manifest. */
async function checkCarrierSheets(setDir: string, bags: OpenedPackage['bags'], findings: PackageFindings): Promise<void> {
  for (const { name, dir } of bags) {
    const sheet = carrierSheetName(name);
    const text = readCarrierSheet(path.join(setDir, sheet));
    if (text === null) {
      findings.add('warning', 'carrier-set', 'CARRIER_SHEET_MISSING', { carrier: name, sheet });
      continue;
    }
    const tag = await fs.promises.readFile(path.join(dir, 'tagmanifest-sha256.txt')).catch(() => null);
    const found = tag ? digestBuffer(tag).sha256 : '?';
    const expected = sheetTagManifestSha256(text) ?? '?';
    if (expected !== found) findings.add('error', 'carrier-set', 'CARRIER_SHEET_MISMATCH', { carrier: name, expected, found });
  }
}

/** A package opened for reading: its bag folder(s) (one per carrier), each ready to verify or read. */
export interface OpenedPackage {
  bags: { name: string; dir: string }[];
  /** A folder of carriers: the verification adds the carrier-set stage. */
  carrierSet: boolean;
}

/** Every carrier verified, and the set whole: Bag-Count 1..n of the same n, one transfer id. */
async function verifyCarrierSet(setDir: string, bags: OpenedPackage['bags'], options: VerifyPackageOptions): Promise<PackageVerification> {
  const results: PackageVerification[] = [];
  for (const { name, dir } of bags) {
    const v = await verifyPackage(dir, options);
    const prefix = (p: PackageProblem): PackageProblem => ({ ...p, ...(p.path !== undefined ? { path: `${name}/${p.path}` } : {}), details: { ...p.details, carrier: name } });
    results.push({ ...v, problems: v.problems.map(prefix), warnings: v.warnings.map(prefix) });
  }
  const names = bags.map((b) => b.name);
  const findings = new PackageFindings();
  const counts = results.map((r) => /^(\d+) of (\d+)$/.exec(r.bagCount ?? ''));
  const totals = new Set(counts.map((c) => c?.[2] ?? '?'));
  const indexes = counts.map((c) => Number(c?.[1] ?? 0)).sort((a, b) => a - b);
  const ids = new Set(results.map((r) => r.transferId ?? '?'));
  if (totals.size !== 1 || Number([...totals][0]) !== names.length) findings.add('error', 'carrier-set', 'CARRIER_SET_INCOMPLETE', { reason: `${names.length} carrier(s), Bag-Count totals ${[...totals].join('/')}` });
  else if (indexes.some((n, i) => n !== i + 1)) findings.add('error', 'carrier-set', 'CARRIER_SET_INCOMPLETE', { reason: `carrier numbers ${indexes.join(',')}` });
  if (ids.size !== 1) findings.add('error', 'carrier-set', 'CARRIER_SET_INCOMPLETE', { reason: `transfer ids ${[...ids].join(', ')}` });
  await checkCarrierSheets(setDir, bags, findings);
  const problems = [...results.flatMap((r) => r.problems), ...findings.problems];
  const first = results[0]!;
  return {
    ...first,
    valid: problems.length === 0,
    problems,
    warnings: [...results.flatMap((r) => r.warnings), ...findings.warnings],
    stages: [...first.stages, 'carrier-set'],
    records: results.reduce((n, r) => n + (r.records ?? 0), 0),
    payload: { files: results.reduce((n, r) => n + (r.payload?.files ?? 0), 0), octets: results.reduce((n, r) => n + (r.payload?.octets ?? 0), 0) },
    bagCount: `${names.length} carriers`,
  };
}

/** The bag inside an extracted ZIP: its one top folder (BagIt serialization), or the root itself. */
async function bagRootOf(dir: string): Promise<string> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  const only = entries[0];
  if (entries.length === 1 && only?.isDirectory()) return path.join(dir, only.name);
  return dir;
}

/** Unpacks a ZIP (the hostile-input reader, zip-read.ts) into a fresh temporary folder it records for removal. */
async function unpack(file: string, options: VerifyPathOptions, temps: string[]): Promise<string> {
  const temp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'lantai-package-'));
  temps.push(temp);
  await extractZipSafely(file, temp, options.zipLimits ?? DEFAULT_ZIP_LIMITS, options.signal);
  return bagRootOf(temp);
}

/**
 * Opens a package (a folder, a ZIP, or a folder of carriers, each a folder or a ZIP), verifies
 * it, and hands the verification and the bag folders to `use` while they exist: an import reads
 * exactly what was verified. Unpacked ZIPs are removed after, whatever happens.
 */
export async function withVerifiedPackage<T>(target: string, options: VerifyPathOptions, use: (verification: PackageVerification, opened: OpenedPackage) => Promise<T>): Promise<T> {
  const absolute = path.resolve(target);
  const st = await fs.promises.lstat(absolute).catch(() => null);
  if (!st) throw VaultError.of('PACKAGE_NOT_FOUND', packageMessages.packageNotFound, { path: absolute });
  if (!st.isDirectory() && !st.isFile()) throw VaultError.of('PACKAGE_NOT_FOUND', packageMessages.NOT_A_PACKAGE, { path: absolute });
  const pin = options.pin !== undefined ? pinOf(options.pin) : undefined;
  const { pin: _pin, zipLimits: _limits, ...rest } = options;
  void _pin;
  void _limits;
  const verifyOptions: VerifyPackageOptions = { ...rest, ...(pin ? { pin } : {}) };
  const temps: string[] = [];
  try {
    let opened: OpenedPackage;
    if (st.isDirectory()) {
      const carriers = await carrierEntries(absolute);
      const bags = [];
      for (const name of carriers) {
        const p = path.join(absolute, name);
        bags.push({ name, dir: (await fs.promises.lstat(p)).isFile() ? await unpack(p, options, temps) : p });
      }
      opened = carriers.length > 0 ? { bags, carrierSet: true } : { bags: [{ name: path.basename(absolute), dir: absolute }], carrierSet: false };
    } else {
      opened = { bags: [{ name: path.basename(absolute), dir: await unpack(absolute, options, temps) }], carrierSet: false };
    }
    const verification = opened.carrierSet ? await verifyCarrierSet(absolute, opened.bags, verifyOptions) : await verifyPackage(opened.bags[0]!.dir, verifyOptions);
    return await use(verification, opened);
  } finally {
    for (const t of temps) await fs.promises.rm(t, { recursive: true, force: true });
  }
}

/**
 * verify-package's entry: a folder is verified in place; a ZIP is unpacked into a fresh
 * temporary folder by the hostile-input reader (zip-read.ts), verified there, and removed.
 */
export async function verifyPackagePath(target: string, options: VerifyPathOptions = {}): Promise<PackageVerification> {
  return withVerifiedPackage(target, options, async (v) => v);
}
