import { caseKey, normalizationKey } from './paths.js';

export type NameMatch =
  | { kind: 'exact'; path: string }
  | { kind: 'normalization'; path: string }
  | { kind: 'case'; path: string }
  | { kind: 'missing' };

/**
 * Finds the on-disk file a manifest name means. Exact bytes first; then the same name after
 * NFC (a bag copied through macOS comes back in NFD); then the same name ignoring case, which
 * is how the bag's maker saw it on a case-insensitive disk (the suite's
 * duplicate-file-with-different-case). The last two are warnings for the caller, and the file
 * found still has to pass its digests. An ambiguous key (two disk files) matches nothing.
 */
export class DiskIndex {
  private readonly exact: Set<string>;
  private readonly byNormalization = new Map<string, string[]>();
  private readonly byCase = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    this.exact = new Set(paths);
    for (const p of paths) {
      push(this.byNormalization, normalizationKey(p), p);
      push(this.byCase, caseKey(p), p);
    }
  }

  resolve(name: string): NameMatch {
    if (this.exact.has(name)) return { kind: 'exact', path: name };
    const sameForm = this.byNormalization.get(normalizationKey(name));
    if (sameForm?.length === 1) return { kind: 'normalization', path: sameForm[0]! };
    const sameCase = this.byCase.get(caseKey(name));
    if (sameCase?.length === 1) return { kind: 'case', path: sameCase[0]! };
    return { kind: 'missing' };
  }

  /** Groups of distinct disk files whose names differ only in case or normalization (RFC 8493 §6.2 advises against). */
  collisions(): string[][] {
    return [...this.byCase.values()].filter((group) => group.length > 1);
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
