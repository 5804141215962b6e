/**
 * The medium's printable label: the QR code (PNG and SVG) carries the medium's id and vault.
 * Where zbarimg is installed (Debian zbar-tools), both images are decoded by it and must give
 * back the payload; without it, the images are checked for what a QR code must be (square,
 * black on white, the quiet zone, a module grid of a QR version's size).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { labelText, qrPayload, qrPng, qrSvg } from '../../../native/media/label.js';
import type { MediumRow } from '../../../native/media/types.js';
import { tempDir } from '../../harness/temp.js';

const root = tempDir();

function zbarimg(): boolean {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const medium: MediumRow = {
  id: 'HDD-2026-0007', type: 'hdd', label: '异地盘甲', brand: 'WD', batch: 'B2024-07', capacityBytes: 2e12, writtenAt: '2026-11-30T08:00:00.000Z', expectedLifeYears: 5,
  site: '市档案馆异地库', custodian: '周备份', state: 'active', mountPath: null, earlyCheck: false, earlyCheckReason: '', lastVerifiedAt: null, lastFullVerifiedAt: null, smart: null,
  createdAt: '2026-11-30T08:00:00.000Z', retiredAt: null,
};

test('the label QR code decodes to the medium id and vault (PNG and SVG)', async (t) => {
  const payload = qrPayload(medium, 'vault-5f1c');
  assert.equal(payload, 'LANTAI-MEDIUM:HDD-2026-0007:vault-5f1c');
  const png = await qrPng(payload);
  const svg = await qrSvg(payload);
  const pngFile = path.join(root, 'label.png');
  fs.writeFileSync(pngFile, png);

  // What any QR code image must be: square, only black and white, a white quiet zone of 4 modules.
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.width, info.height);
  const modules = info.width / 8;
  assert.ok(Number.isInteger(modules) && (modules - 8 - 21) % 4 === 0, `${modules} modules: a QR version is 21 + 4k modules plus the quiet zone`);
  const black = data.filter((p) => p < 128).length;
  assert.ok(black > data.length * 0.2 && black < data.length * 0.6, `${black} of ${data.length} pixels black`);
  for (let i = 0; i < info.width * 32; i++) assert.ok(data[i]! > 128, 'the top quiet zone is white');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<path[^>]+stroke="#000000"[^>]+d="M/);
  assert.match(labelText(medium, 'vault-5f1c'), /编号 ID:\s+HDD-2026-0007[\s\S]*存放地点 Site:\s+市档案馆异地库/);

  if (!zbarimg()) return t.skip('zbarimg is not installed (apt install zbar-tools): the images were checked by their shape only');
  assert.equal(execFileSync('zbarimg', ['--raw', '-q', pngFile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), payload);
  const svgAsPng = path.join(root, 'label-svg.png');
  await sharp(Buffer.from(svg), { density: 300 }).flatten({ background: '#ffffff' }).png().toFile(svgAsPng);
  assert.equal(execFileSync('zbarimg', ['--raw', '-q', svgAsPng], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), payload);
});
