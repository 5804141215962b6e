import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { VaultError } from '../../../native/errors.js';
import { checkPngStructure } from '../../../native/images/read/png-structure.js';
import { PNG_SIGNATURE, pngChunk, pngHeader } from '../../harness/png.js';
import { runSeed, seededRandom } from '../../harness/random.js';
import { TESTDATA } from '../../harness/temp.js';

const FILE = '/扫描/第 1 页.png';

function refused(bytes: Buffer, why: string): VaultError {
  try {
    checkPngStructure(bytes, FILE);
  } catch (e) {
    assert.ok(e instanceof VaultError, String(e));
    assert.equal(e.code, 'INGEST_CORRUPT', why);
    assert.ok(e.text.en.includes(FILE) && e.text.zh.includes(FILE), e.text.en);
    return e;
  }
  assert.fail(`accepted: ${why}`);
}

/** PNGs of every colour type sharp writes, with noise so the data spans several IDAT chunks. */
async function validPngs(): Promise<Record<string, Buffer>> {
  const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919) % 251));
  const raw = (channels: 1 | 2 | 3 | 4) => sharp(noise(300 * 200 * channels), { raw: { width: 300, height: 200, channels } });
  return {
    grey: await raw(1).png().toBuffer(),
    greyAlpha: await raw(2).png().toBuffer(),
    rgb: await raw(3).png().withMetadata({ density: 300 }).toBuffer(),
    rgba: await raw(4).png().toBuffer(),
    palette: await raw(3).png({ palette: true, colours: 16 }).toBuffer(),
    bilevel: await raw(1).png({ palette: true, colours: 2 }).toBuffer(),
    sixteenBit: await raw(3).toColourspace('rgb16').png().toBuffer(),
    interlaced: await raw(3).png({ progressive: true }).toBuffer(),
  };
}

test('valid PNGs of every colour type pass the structure check', async () => {
  for (const [name, png] of Object.entries(await validPngs())) {
    assert.doesNotThrow(() => checkPngStructure(png, FILE), name);
    // Bytes after IEND are not part of the image (some writers pad): still valid.
    assert.doesNotThrow(() => checkPngStructure(Buffer.concat([png, Buffer.alloc(7)]), FILE), `${name} + padding`);
  }
});

test('every truncation and every changed byte up to IEND is refused, naming the file', async () => {
  const seed = runSeed();
  const rand = seededRandom(seed);
  const { rgb, palette } = await validPngs();
  for (const png of [rgb!, palette!]) {
    for (let k = 0; k < 150; k++) {
      const cut = Math.floor(rand() * png.length);
      refused(png.subarray(0, cut), `seed ${seed}: cut at ${cut} of ${png.length}`);
    }
    for (let k = 0; k < 300; k++) {
      const at = Math.floor(rand() * png.length);
      const damaged = Buffer.from(png);
      damaged[at] = damaged[at]! ^ (1 + Math.floor(rand() * 255));
      refused(damaged, `seed ${seed}: byte ${at} of ${png.length} changed`);
    }
  }
});

test('the two broken PNGs of the oddities set are refused with the reason', () => {
  const dir = path.join(TESTDATA, 'ingest-oddities', 'pillow');
  assert.match(refused(fs.readFileSync(path.join(dir, 'truncated_image.png')), 'truncated').text.en, /truncated/);
  assert.match(refused(fs.readFileSync(path.join(dir, 'broken_data_stream.png')), 'broken stream').text.en, /CRC|truncated/);
});

test('a file its writer got wrong is refused when its structure says so', () => {
  const sig = PNG_SIGNATURE;
  const ihdr = (depth: number, colourType: number) => pngHeader(4, 4, depth, colourType);
  const data = pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(4 * 5)));
  const iend = pngChunk('IEND', Buffer.alloc(0));
  assert.doesNotThrow(() => checkPngStructure(Buffer.concat([sig, ihdr(8, 0), data, iend]), FILE));
  refused(Buffer.concat([sig, ihdr(3, 0), data, iend]), 'bit depth 3');
  refused(Buffer.concat([sig, ihdr(8, 3), data, iend]), 'palette image without PLTE');
  refused(Buffer.concat([sig, data, ihdr(8, 0), iend]), 'IDAT before IHDR');
  refused(Buffer.concat([sig, ihdr(8, 0), iend]), 'no IDAT');
  refused(Buffer.concat([sig, ihdr(8, 0), data]), 'no IEND');
  refused(Buffer.concat([sig, ihdr(8, 0), data, pngChunk('tEXt', Buffer.from('a\0b')), data, iend]), 'IDAT split by another chunk');
  refused(Buffer.concat([sig, ihdr(8, 0), pngChunk('IDAT', Buffer.from('not zlib at all')), iend]), 'IDAT is not zlib');
});
