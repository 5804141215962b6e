/** Character error rate, as the OCR tests and the benchmark measure it. */

/** NFKC (full-width digits and brackets fold to ASCII), all whitespace removed, split by code point. */
export function normalizeForCer(s: string): string[] {
  return Array.from(s.normalize('NFKC').replace(/\s+/gu, ''));
}

export function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (ai === b[j - 1] ? 0 : 1);
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

export interface CerScore {
  edits: number;
  chars: number;
}

export function cerScore(ocr: string, groundTruth: string): CerScore {
  const g = normalizeForCer(groundTruth);
  return { edits: editDistance(normalizeForCer(ocr), g), chars: g.length };
}

export function cer(ocr: string, groundTruth: string): number {
  const s = cerScore(ocr, groundTruth);
  return s.edits / Math.max(1, s.chars);
}
