import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './crash.js';

/**
 * Development tools that are dependencies only because a checkout runs TypeScript directly
 * (native/cli/bin.mjs uses tsx): the installed app's bundles must not need them, and the
 * installers leave them out (build/electron-builder.json "files").
 */
export const DEV_ONLY = ['tsx', 'esbuild', '@esbuild', 'get-tsconfig', 'resolve-pkg-maps', 'typescript'];

const devOnly = (name: string) => DEV_ONLY.includes(name) || DEV_ONLY.includes(name.split('/')[0]!);

/**
 * Top-level package folders (name or @scope/name, relative to node_modules) of the production
 * dependency tree as npm installed it, without DEV_ONLY.
 */
export function productionPackages(): string[] {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const marker = `${path.sep}node_modules${path.sep}`;
  const top = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const p = line.trim();
    // node_modules is a symlink in a worktree: npm prints the real paths under it.
    const at = p.indexOf(marker);
    if (at < 0) continue;
    const parts = p.slice(at + marker.length).split(path.sep);
    const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    if (!devOnly(name)) top.add(name);
  }
  return [...top].sort();
}
