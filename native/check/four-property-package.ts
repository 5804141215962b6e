import { CheckCollector, type FourPropertyReport } from './four-property.js';
import { fourPropertyMessages as m } from './four-property-messages.js';
import { isHostileKind, MASTER_KINDS, type SniffedKind } from './four-property-sniff.js';

/**
 * The four-property check of a written package (transfer before sealing, the archive on
 * receipt, media later): the same properties as on the selection, judged from the package
 * alone. Its inputs are what the package verifier found, so nothing is read twice.
 */
export interface PackageFileFacts {
  /** Relative to the payload folder. */
  path: string;
  role: 'master' | 'text' | 'other';
  kind: SniffedKind;
  /** For text files: whether the bytes are valid UTF-8. */
  utf8?: boolean;
}

export interface PackageCheckInput {
  bag: { ok: boolean; problems: number; first: string };
  signature: { ok: boolean; signer: string; reason: string };
  catalog: { ok: boolean; problems: number; first: string; entries: number };
  files: readonly PackageFileFacts[];
}

function fill(entry: { zh: string; en: string }, params: Record<string, string | number>): { zh: string; en: string } {
  const f = (t: string): string => t.replace(/\{(\w+)\}/g, (w, k: string) => (params[k] === undefined ? w : String(params[k])));
  return { zh: f(entry.zh), en: f(entry.en) };
}

export function checkPackage(input: PackageCheckInput): FourPropertyReport {
  const c = new CheckCollector();
  c.add('AUT-10', 'authenticity', input.bag.ok ? 'pass' : 'fail', '*', input.bag.ok ? m.pkgBagOk : fill(m.pkgBagBad, { count: input.bag.problems, first: input.bag.first }));
  c.add('AUT-11', 'authenticity', input.signature.ok ? 'pass' : 'fail', '*', input.signature.ok ? fill(m.pkgSignatureOk, { signer: input.signature.signer }) : fill(m.pkgSignatureBad, { reason: input.signature.reason }));
  c.add('INT-10', 'integrity', input.catalog.ok ? 'pass' : 'fail', '*', input.catalog.ok ? fill(m.pkgCatalogOk, { entries: input.catalog.entries }) : fill(m.pkgCatalogBad, { count: input.catalog.problems, first: input.catalog.first }));

  let masters = 0;
  let texts = 0;
  let formatFailed = false;
  let textFailed = false;
  let hostileFound = false;
  for (const f of input.files) {
    if (isHostileKind(f.kind)) {
      hostileFound = true;
      c.add('SEC-10', 'security', 'fail', f.path, fill(m.hostile, { what: f.path, kind: f.kind }));
    }
    if (f.role === 'master') {
      masters++;
      if (!MASTER_KINDS.has(f.kind)) {
        formatFailed = true;
        c.add('USE-10', 'usability', 'fail', f.path, fill(m.pkgFormatBad, { path: f.path, kind: f.kind }));
      }
    } else if (f.role === 'text') {
      texts++;
      if (f.utf8 === false) {
        textFailed = true;
        c.add('USE-11', 'usability', 'fail', f.path, fill(m.pkgTextBad, { path: f.path }));
      }
    }
  }
  if (!formatFailed) c.add('USE-10', 'usability', 'pass', '*', fill(m.pkgFormatsOk, { count: masters }));
  if (!textFailed) c.add('USE-11', 'usability', 'pass', '*', fill(m.pkgTextOk, { count: texts }));
  if (!hostileFound) c.add('SEC-10', 'security', 'pass', '*', m.hostileOk);
  return c.report('package');
}
