import QRCode from 'qrcode';
import { MEDIA_TYPE_LABELS, type MediumRow } from './types.js';
import { mediaMessages } from './messages.js';

/**
 * The printable label of a medium for its case: the text (Chinese first, English second) and
 * a QR code carrying the medium's id and vault, so a scanner at the shelf finds the registry
 * entry. SVG for printing at any size, PNG for anything that takes only images. The codes come
 * from the `qrcode` package (ISO/IEC 18004, error correction M, the standard 4-module quiet zone).
 */
export function qrPayload(medium: Pick<MediumRow, 'id'>, vaultId: string): string {
  return `LANTAI-MEDIUM:${medium.id}:${vaultId}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

export async function qrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { ...QR_OPTIONS, type: 'svg' });
}

/** A black-on-white PNG, moduleSize pixels per module. */
export async function qrPng(payload: string, moduleSize = 8): Promise<Buffer> {
  return QRCode.toBuffer(payload, { ...QR_OPTIONS, type: 'png', scale: moduleSize });
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
