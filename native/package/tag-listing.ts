import fs from 'node:fs';
import path from 'node:path';

/** A manifest's lines as path → digest (RFC 8493 §2.1.3: `digest  path`, CR/LF/% percent-encoded). */
export function manifestEntries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = /^([0-9A-Fa-f]+)[ \t]+\*?(.+)$/.exec(line);
    if (!m) continue;
    const p = m[2]!.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
    out.set(p, m[1]!.toLowerCase());
  }
  return out;
}

/** Every file outside data/, relative and `/`-separated, links not followed (they are reported by the bag stages). */
export async function tagFilesOnDisk(bagDir: string): Promise<string[]> {
  const out: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    for (const e of await fs.promises.readdir(path.join(bagDir, rel), { withFileTypes: true })) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (child === 'data') continue;
      if (e.isDirectory()) pending.push(child);
      else if (e.isFile()) out.push(child);
    }
  }
  return out.sort();
}

/** Every regular file under data/, relative to data/. */
export async function payloadFilesOnDisk(bagDir: string): Promise<string[]> {
  const out: string[] = [];
  const pending = [''];
  const root = path.join(bagDir, 'data');
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) pending.push(child);
      else if (e.isFile()) out.push(child);
    }
  }
  return out.sort();
}
