// Whether `npx lantai` in a checkout may run the prebuilt CLI bundle (electron/dist/cli.mjs,
// written by build/bundle.mjs) instead of compiling the TypeScript sources with tsx on every
// start (issue 14: ~1 s of tsx before any command). A bundle is used only when it is current:
// build/bundle.mjs writes cli.sources.json with the time its build started and every source
// file the bundle was made from; one stat per source (a few ms) tells whether any of them
// changed, or is gone, since. A stale or missing bundle is never run: the sources are.
import fs from 'node:fs';
import path from 'node:path';

export const BUNDLE = path.join('electron', 'dist', 'cli.mjs');
export const STAMP = path.join('electron', 'dist', 'cli.sources.json');

/**
 * The absolute path of the bundle to run, or null to run the sources (no bundle, no stamp, a
 * source newer than the build or missing, or LANTAI_CLI_SOURCES=1 set by a developer or a bench).
 * @param {string} root the checkout
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function currentBundle(root, env = process.env) {
  if (env.LANTAI_CLI_SOURCES === '1') return null;
  const bundle = path.join(root, BUNDLE);
  /** @type {{ startedAt: number, inputs: string[] }} */
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
    if (!fs.statSync(bundle).isFile()) return null;
  } catch {
    return null;
  }
  if (typeof stamp.startedAt !== 'number' || !Array.isArray(stamp.inputs) || stamp.inputs.length === 0) return null;
  for (const input of stamp.inputs) {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > stamp.startedAt) return null;
  }
  return bundle;
}
