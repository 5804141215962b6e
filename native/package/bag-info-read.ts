/** bag-info.txt labels (lower-cased) → first value; continuation lines joined. Enough for the package's own labels. */
export function infoLabels(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (/^[ \t]/.test(line) && last !== null) {
      out.set(last, `${out.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const m = /^([^:]+):[ \t]*(.*)$/.exec(line);
    if (!m) continue;
    last = m[1]!.trim().toLowerCase();
    if (!out.has(last)) out.set(last, m[2]!.trim());
  }
  return out;
}
