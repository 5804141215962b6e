/**
 * derived/ under inspection: each file there is named by the page image it was made from
 * (derived-paths.ts), so every one can be told sound or damaged, and rebuilt from its master
 * without touching the master.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempSuffix } from '../store/temp-files.js';
import type { Vault } from '../vault/vault.js';
import { ensureDerived, type DerivedSource } from './derived-images.js';
import type { DerivedKind } from './derived-paths.js';

const NAME = /^([0-9a-f]{64})\.(norm\.png|thumb\.jpg)$/;

export interface DerivedFile {
  sha256: string;
  kind: DerivedKind;
  file: string;
}

/** Every derived file present (temp files of live writers and foreign names are not derived files). */
export async function* listDerivedFiles(vault: Pick<Vault, 'paths'>): AsyncGenerator<DerivedFile> {
  let prefixes: string[];
  try {
    prefixes = await fs.promises.readdir(vault.paths.derived);
  } catch {
    return;
  }
  for (const prefix of prefixes.sort()) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    const dir = path.join(vault.paths.derived, prefix);
    for (const name of (await fs.promises.readdir(dir)).sort()) {
      const m = NAME.exec(name);
      if (m && m[1]!.startsWith(prefix)) yield { sha256: m[1]!, kind: m[2] as DerivedKind, file: path.join(dir, name) };
    }
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** The cheap test (--quick): right signature at the start and the format's end marker at the end. */
async function framesLookRight(file: string, kind: DerivedKind): Promise<string | null> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 16) return 'empty or truncated';
    const head = Buffer.alloc(8);
    const tail = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    await handle.read(tail, 0, 8, size - 8);
    if (kind === 'thumb.jpg') {
      if (head[0] !== 0xff || head[1] !== 0xd8) return 'not a JPEG';
      if (tail[6] !== 0xff || tail[7] !== 0xd9) return 'JPEG truncated (no end marker)';
    } else {
      if (!head.equals(PNG_SIGNATURE)) return 'not a PNG';
      if (!tail.equals(PNG_END)) return 'PNG truncated (no IEND)';
    }
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Null when the derived file is sound, else what is wrong with it. The full test decodes every
 * pixel with libvips set to fail on warnings too, so a flipped byte inside the compressed data
 * (a JPEG's "corrupt data" warning, a PNG chunk's CRC) is found, not only a truncation.
 */
export async function derivedFault(file: string, kind: DerivedKind, quick: boolean): Promise<string | null> {
  try {
    const frame = await framesLookRight(file, kind);
    if (frame || quick) return frame;
    await sharp(file, { failOn: 'warning', sequentialRead: true }).raw().toBuffer();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
}

/**
 * Makes the derived file again from its page image: the old one is set aside first and put
 * back only if the rebuild fails, so a failure leaves things as they were. Reads the master;
 * never writes it.
 */
export async function rebuildDerived(vault: Vault, page: DerivedSource, kind: DerivedKind, file: string): Promise<void> {
  // A temp name: if the process dies here, the aside copy is cleared on the next open and the
  // missing file is made again on first use.
  const aside = `${file}${tempSuffix()}`;
  await fs.promises.rename(file, aside);
  try {
    await ensureDerived(vault, page, kind);
  } catch (e) {
    await fs.promises.rename(aside, file).catch(() => undefined);
    throw e;
  }
  await fs.promises.rm(aside, { force: true });
}
