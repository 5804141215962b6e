import fs from 'node:fs';
import path from 'node:path';
import { digestFile } from '../hash/digests.js';
import { writeNewFileSynced } from '../store/atomic-write.js';

/** The digest sheet beside carrier `<id>-NN` (or `<id>-NN.zip`) in a split transfer's folder. */
export const CARRIER_SHEET_SUFFIX = '.校验单.txt';

export function carrierSheetName(carrierName: string): string {
  return `${carrierName}${CARRIER_SHEET_SUFFIX}`;
}

export interface CarrierSheetInput {
  transferId: string;
  sourceOrganization: string;
  carrier: { index: number; total: number };
  /** The carrier's own name in the set folder (YJ…-02.zip). */
  carrierName: string;
  kind: 'folder' | 'zip';
  firstCode: string;
  lastCode: string;
  records: number;
  files: number;
  bytes: number;
  tagManifestSha256: string;
  tagManifestSm3: string;
  /** The .zip file's own digests (a zip carrier), to check a burned disc with sha256sum or openssl dgst -sm3. */
  archive: { sha256: string; sm3: string; size: number } | null;
  date: string;
}

/**
 * The printable sheet that goes with one carrier (disc, disk) of a split transfer: what is on it
 * and the digests that prove it, so a person can label the disc, check it after burning, and
 * the archive can check it on arrival without opening the others. Plain UTF-8 text (with a BOM,
 * so Notepad on an older Windows reads it), both languages on each line, a signature line.
 */
export function formatCarrierSheet(s: CarrierSheetInput): string {
  const lines = [
    '电子档案移交载体校验单 / Transfer carrier digest sheet',
    '',
    `移交单位 Source organization: ${s.sourceOrganization}`,
    `移交编号 Transfer: ${s.transferId}`,
    `载体 Carrier: 第 ${s.carrier.index} 盘，共 ${s.carrier.total} 盘 / ${s.carrier.index} of ${s.carrier.total}`,
    `载体内容 Carrier content: ${s.carrierName} (${s.kind === 'zip' ? 'ZIP' : '文件夹 folder'})`,
    `档号范围 Records: ${s.firstCode} — ${s.lastCode}（${s.records} 件 items）`,
    `载荷 Payload-Oxum: ${s.bytes}.${s.files}（字节.文件数 octets.files）`,
    `tagmanifest-sha256.txt SHA-256: ${s.tagManifestSha256}`,
    `tagmanifest-sm3.txt SM3: ${s.tagManifestSm3}`,
    ...(s.archive
      ? [
          `${s.carrierName} SHA-256: ${s.archive.sha256}`,
          `${s.carrierName} SM3: ${s.archive.sm3}`,
          `${s.carrierName} 字节 bytes: ${s.archive.size}`,
        ]
      : []),
    `制单日期 Date: ${s.date}`,
    '',
    '核对方法 How to check: lantai verify-package <载体 carrier>；或 / or: sha256sum、openssl dgst -sm3',
    '',
    '刻录人 Written by: ____________    核对人 Checked by: ____________    日期 Date: ____________',
    '',
  ];
  return `\ufeff${lines.join('\r\n')}`;
}

/** Writes the sheet for one finished carrier into the (still hidden) set folder. */
export async function writeCarrierSheet(setDir: string, input: Omit<CarrierSheetInput, 'archive'>): Promise<string> {
  const carrierPath = path.join(setDir, input.carrierName);
  const archive = input.kind === 'zip' ? await digestFile(carrierPath) : null;
  const target = path.join(setDir, carrierSheetName(input.carrierName));
  await writeNewFileSynced(target, formatCarrierSheet({ ...input, archive }));
  return target;
}

/** The tag-manifest SHA-256 a sheet states, to hold it against its carrier. */
export function sheetTagManifestSha256(text: string): string | null {
  return /tagmanifest-sha256\.txt SHA-256: ([0-9a-f]{64})/.exec(text)?.[1] ?? null;
}

/** A sheet's text, never read through a link (as every file of a received package: verify.ts readText). */
export function readCarrierSheet(file: string): string | null {
  try {
    if (!fs.lstatSync(file).isFile()) return null;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
