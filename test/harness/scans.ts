import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Quick synthetic page images for engine tests that need many distinct, valid scans fast
 * (the realistic rendered documents live in native/samples). Each page differs by a noise
 * pattern derived from its index, so digests differ.
 */
export async function writeTestPage(file: string, index: number, options: { width?: number; height?: number; dpi?: number; format?: 'jpeg' | 'png' | 'tiff'; colour?: boolean } = {}): Promise<void> {
  const width = options.width ?? 620;
  const height = options.height ?? 877;
  const channels = options.colour ? 3 : 1;
  const pixels = Buffer.alloc(width * height * channels, 255);
  let x = (index + 1) * 2654435761;
  for (let i = 0; i < 400; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const at = (x % (width * height)) * channels;
    for (let c = 0; c < channels; c++) pixels[at + c] = c === 0 && options.colour ? 200 : 0;
  }
  // A black bar whose length encodes the index makes pages visually distinguishable.
  for (let y = 40; y < 60; y++) for (let xx = 40; xx < 40 + ((index * 37) % (width - 80)); xx++) pixels.fill(0, (y * width + xx) * channels, (y * width + xx + 1) * channels);
  let img = sharp(pixels, { raw: { width, height, channels } }).withMetadata({ density: options.dpi ?? 300 });
  if (!options.colour) img = img.toColourspace('b-w');
  const format = options.format ?? (path.extname(file).slice(1).replace('jpg', 'jpeg') as 'jpeg' | 'png' | 'tiff');
  if (format === 'jpeg') img = img.jpeg({ quality: 85 });
  else if (format === 'png') img = img.png();
  else img = img.tiff({ compression: 'lzw' });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await img.toFile(file);
}

/** Writes `count` single-page documents as files in dir: 0001.png … */
export async function writeTestBatch(dir: string, count: number, options: { start?: number; format?: 'jpeg' | 'png' } = {}): Promise<string[]> {
  const files: string[] = [];
  const ext = options.format === 'jpeg' ? 'jpg' : 'png';
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${String(i + 1).padStart(4, '0')}.${ext}`);
    await writeTestPage(file, (options.start ?? 0) + i, { format: options.format ?? 'png' });
    files.push(file);
  }
  return files;
}
