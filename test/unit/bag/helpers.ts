import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BagProblem, BagValidation } from '../../../native/bag/index.js';
import { TESTDATA } from '../../harness/temp.js';

/** The LoC conformance suite in ../shared/testdata, read in place (never copied into the project). */
export const SUITE = path.join(TESTDATA, 'bagit-conformance');

export function codes(list: readonly BagProblem[]): string[] {
  return list.map((p) => p.code);
}

/** A one-line account of a result for assertion messages. */
export function describe(r: BagValidation): string {
  return `valid=${r.valid} problems=[${r.problems.map((p) => `${p.code}:${p.message.en}`).join(' | ')}] warnings=[${codes(r.warnings).join(',')}]`;
}

export interface HandBagOptions {
  version?: string;
  eol?: string;
  algorithm?: string;
  /** Manifest file name, when it should differ from manifest-<algorithm>.txt. */
  manifestName?: string;
  /** Names as they appear in the manifest, when they differ from the disk names. */
  listedAs?: Record<string, string>;
  bagInfo?: string;
  manifestPrefix?: Buffer;
  extraManifestLines?: string[];
}

/**
 * Builds a small bag by hand, the way other tools would (line endings, names, algorithms under
 * the test's control), for the cases the writer would never produce.
 */
export function handBag(dir: string, files: Record<string, string | Buffer>, options: HandBagOptions = {}): string {
  const eol = options.eol ?? '\n';
  const algorithm = options.algorithm ?? 'sha256';
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'bagit.txt'), `BagIt-Version: ${options.version ?? '1.0'}${eol}Tag-File-Character-Encoding: UTF-8${eol}`);
  const lines: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, 'data', ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    const digest = crypto.createHash(algorithm).update(content).digest('hex');
    lines.push(`${digest}  data/${options.listedAs?.[name] ?? name}`);
  }
  lines.push(...(options.extraManifestLines ?? []));
  const manifest = Buffer.concat([options.manifestPrefix ?? Buffer.alloc(0), Buffer.from(lines.map((l) => l + eol).join(''))]);
  fs.writeFileSync(path.join(dir, options.manifestName ?? `manifest-${algorithm}.txt`), manifest);
  if (options.bagInfo !== undefined) fs.writeFileSync(path.join(dir, 'bag-info.txt'), options.bagInfo);
  return dir;
}
