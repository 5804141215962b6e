import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeBag, type BagProgress } from '../bag/index.js';
import { VaultError } from '../errors.js';
import { digestBuffer } from '../hash/digests.js';
import { fsyncDir, writeError, writeNewFileSynced } from '../store/atomic-write.js';
import { isProcessAlive } from '../util/process.js';
import { CERTIFICATE_PEM, CMS_SIGNATURE, SM2_PUBLIC_PEM, SM2_SIGNATURE } from './layout.js';
import { packageMessages } from './messages.js';
import type { PackagePlan } from './plan.js';
import { signTagManifests, type PackageSigner } from './sign.js';
import { verifyPackage, type PackageVerification } from './verify.js';
import { zipFolder } from './zip-write.js';

export interface WritePackageOptions {
  /** The finished package: a folder, or a .zip file. */
  output: string;
  kind: 'folder' | 'zip';
  transferId: string;
  sourceOrganization: string;
  signer: PackageSigner;
  /** Place in a set of carriers (Bag-Count); 1 of 1 when omitted. */
  bagCount?: { index: number; total: number };
  baggingDate?: string;
  signal?: AbortSignal;
  onProgress?: (p: { phase: 'write' | 'check' | 'zip'; done: number; total: number }) => void;
}

export interface WrittenPackage {
  path: string;
  kind: 'folder' | 'zip';
  files: number;
  bytes: number;
  tagManifestSha256: string;
  tagManifestSm3: string;
  /** The check of the written package before it got its final name. */
  verification: PackageVerification;
}

const PARTIAL_MARK = '.transfer-partial-';

/** A sibling left by a crash: hidden, with a name no finished package has. */
export function isPartialPackageName(name: string): boolean {
  return name.startsWith('.') && name.includes(PARTIAL_MARK);
}

/**
 * Removes work folders that exports killed before they finished left beside this output. The
 * writer's pid is in the name, so a folder another live export is filling is never touched.
 */
async function removeStaleWork(parent: string, base: string): Promise<void> {
  const prefix = `.${base}${PARTIAL_MARK}`;
  let names: string[];
  try {
    names = await fs.promises.readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isProcessAlive(pid)) {
      await fs.promises.rm(path.join(parent, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/**
 * Writes a signed transfer package. Order on disk (DESIGN.md): payload → manifests → tag
 * manifests (native/bag) → signatures over the tag manifests → the package's own check →
 * final name. Everything happens in a hidden sibling work folder; only a complete, checked
 * package is renamed to `output`, so a crash or a cancel never leaves anything at `output`.
 */
export async function writePackage(plan: PackagePlan, options: WritePackageOptions): Promise<WrittenPackage> {
  const { signal, signer } = options;
  const output = path.resolve(options.output);
  const parent = path.dirname(output);
  if (fs.existsSync(output)) {
    // A writer killed between the rename and removing its work folder left that folder beside
    // the finished package; clear it even though this export goes no further.
    await removeStaleWork(parent, path.basename(output));
    throw VaultError.of('PACKAGE_TARGET_EXISTS', packageMessages.targetExists, { path: output });
  }
  await fs.promises.mkdir(parent, { recursive: true }).catch((e: unknown) => {
    throw writeError(parent, e);
  });
  await removeStaleWork(parent, path.basename(output));
  const work = path.join(parent, `.${path.basename(output)}${PARTIAL_MARK}${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  const bagDir = path.join(work, options.transferId);
  try {
    await fs.promises.mkdir(work);
    const tagFiles = [
      { path: CERTIFICATE_PEM, content: options.signer.key.certificate.toString() },
      ...(signer.sm2 ? [{ path: SM2_PUBLIC_PEM, content: signer.sm2.publicKeyPem }] : []),
    ];
    const bag = await writeBag(bagDir, plan.payload, {
      info: {
        sourceOrganization: options.sourceOrganization,
        externalIdentifier: options.transferId,
        bagCount: options.bagCount ?? { index: 1, total: 1 },
        ...(options.baggingDate ? { baggingDate: options.baggingDate } : {}),
        extra: [['Bag-Group-Identifier', options.transferId]],
      },
      tagFiles,
      // A zip's folder is gone once zipped: its masters are linked, not copied, where the disk allows.
      linkSources: options.kind === 'zip',
      ...(signal ? { signal } : {}),
      onProgress: (p: BagProgress) => options.onProgress?.({ phase: 'write', done: p.bytesDone, total: p.bytesTotal }),
    });
    signal?.throwIfAborted();

    // Signatures last: they cover the tag manifests, which cover everything else.
    const tagSha = await fs.promises.readFile(path.join(bagDir, 'tagmanifest-sha256.txt'));
    const tagSm3 = await fs.promises.readFile(path.join(bagDir, 'tagmanifest-sm3.txt'));
    const sigs = signTagManifests(signer, tagSha, tagSm3);
    await writeNewFileSynced(path.join(bagDir, ...CMS_SIGNATURE.split('/')), sigs.cms);
    if (sigs.sm2) await writeNewFileSynced(path.join(bagDir, ...SM2_SIGNATURE.split('/')), sigs.sm2);
    await fsyncDir(path.join(bagDir, 'signature'));
    await fsyncDir(bagDir);
    signal?.throwIfAborted();

    // The written package is checked like the archive will check it, pinned to our own key,
    // except that payload bytes are re-read with SHA-256 only: the SM3 lines of masters are the
    // vault's own digests of bytes whose SHA-256 the copy matched (PayloadEntry.known), or, for
    // masters linked into a zip's folder, whose SHA-256 this check is the first to match.
    const verification = await verifyPackage(bagDir, {
      pin: signer.key.certificate,
      payloadAlgorithms: ['sha256'],
      allowHardLinks: options.kind === 'zip',
      ...(signal ? { signal } : {}),
      onProgress: (p) => options.onProgress?.({ phase: 'check', done: p.done, total: p.total }),
    });
    if (!verification.valid) {
      const first = verification.problems[0];
      throw VaultError.of('PACKAGE_SEAL_CHECK_FAILED', packageMessages.selfCheckBeforeSeal, { first: first ? `${first.code} ${first.message.en}` : '?' }, { problems: verification.problems.slice(0, 50) });
    }
    signal?.throwIfAborted();

    const files = [
      ...bag.payload.map((f) => f.path),
      ...bag.tagFiles,
      CMS_SIGNATURE,
      ...(sigs.sm2 ? [SM2_SIGNATURE] : []),
    ];
    const bytes = bag.oxum.octets;
    if (options.kind === 'zip') {
      const zipTemp = path.join(work, 'package.zip');
      options.onProgress?.({ phase: 'zip', done: 0, total: files.length });
      await zipFolder(bagDir, files, options.transferId, zipTemp, new Date(), signal);
      signal?.throwIfAborted();
      if (fs.existsSync(output)) throw VaultError.of('PACKAGE_TARGET_EXISTS', packageMessages.targetExists, { path: output });
      await fs.promises.rename(zipTemp, output);
    } else {
      if (fs.existsSync(output)) throw VaultError.of('PACKAGE_TARGET_EXISTS', packageMessages.targetExists, { path: output });
      await fs.promises.rename(bagDir, output);
    }
    await fsyncDir(parent);
    await fs.promises.rm(work, { recursive: true, force: true });
    return {
      path: output,
      kind: options.kind,
      files: files.length,
      bytes,
      tagManifestSha256: digestBuffer(tagSha).sha256,
      tagManifestSm3: digestBuffer(tagSm3).sm3,
      verification,
    };
  } catch (e) {
    await fs.promises.rm(work, { recursive: true, force: true }).catch(() => undefined);
    if (signal?.aborted) throw VaultError.of('PACKAGE_CANCELLED', packageMessages.cancelled, { path: output }, {}, e);
    throw writeError(work, e);
  }
}
