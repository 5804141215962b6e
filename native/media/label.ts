import sharp from 'sharp';
// Project Nayuki's QR Code generator (MIT), as @rc-component/qrcode ships it (already a
// dependency of the UI's Ant Design): no second QR library for the engine to carry.
import { Ecc, QrCode } from '@rc-component/qrcode/lib/libs/qrcodegen.js';
import { MEDIA_TYPE_LABELS, type MediumRow } from './types.js';
import { mediaMessages } from './messages.js';

/**
 * The printable label of a medium for its case: the text (Chinese first, English second) and
 * a QR code carrying the medium's id and vault, so a scanner at the shelf finds the registry
 * entry. SVG for printing at any size, PNG for anything that takes only images.
 */
export function qrPayload(medium: Pick<MediumRow, 'id'>, vaultId: string): string {
  return `LANTAI-MEDIUM:${medium.id}:${vaultId}`;
}

export function qrMatrix(payload: string): boolean[][] {
  return QrCode.encodeText(payload, Ecc.MEDIUM).getModules();
}

const QUIET = 4;

export function qrSvg(payload: string, moduleSize = 8): string {
  const m = qrMatrix(payload);
  const n = m.length + QUIET * 2;
  const d: string[] = [];
  m.forEach((row, y) => row.forEach((on, x) => {
    if (on) d.push(`M${x + QUIET},${y + QUIET}h1v1h-1z`);
  }));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n * moduleSize}" height="${n * moduleSize}" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges">`
    + `<rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${d.join('')}"/></svg>\n`;
}

/** A greyscale PNG, moduleSize pixels per module, with the standard 4-module quiet zone. */
export async function qrPng(payload: string, moduleSize = 8): Promise<Buffer> {
  const m = qrMatrix(payload);
  const n = (m.length + QUIET * 2) * moduleSize;
  const pixels = Buffer.alloc(n * n, 255);
  m.forEach((row, y) => row.forEach((on, x) => {
    if (!on) return;
    for (let dy = 0; dy < moduleSize; dy++) pixels.fill(0, ((y + QUIET) * moduleSize + dy) * n + (x + QUIET) * moduleSize, ((y + QUIET) * moduleSize + dy) * n + (x + QUIET + 1) * moduleSize);
  }));
  return sharp(pixels, { raw: { width: n, height: n, channels: 1 } }).png().toBuffer();
}

export function labelText(medium: MediumRow, vaultId: string): string {
  const type = MEDIA_TYPE_LABELS[medium.type];
  const gb = (medium.capacityBytes / 1e9).toFixed(medium.capacityBytes < 1e10 ? 2 : 0);
  return [
    `${mediaMessages.labelTitle.zh} / ${mediaMessages.labelTitle.en}`,
    `编号 ID:            ${medium.id}`,
    `标签 Label:         ${medium.label}`,
    `类型 Type:          ${type.zh} / ${type.en}`,
    `品牌 Brand:         ${medium.brand || '-'}    批次 Batch: ${medium.batch || '-'}`,
    `容量 Capacity:      ${gb} GB`,
    `写入 Written:       ${medium.writtenAt?.slice(0, 10) ?? '-'}    预期寿命 Life: ${medium.expectedLifeYears} 年/years`,
    `存放地点 Site:      ${medium.site}`,
    `保管人 Custodian:   ${medium.custodian || '-'}`,
    `档案库 Vault:       ${vaultId}`,
    '',
  ].join('\n');
}
