/**
 * `lantai app` runs the desktop shell's app server (electron/browser/), which the CLI may not
 * import (native/ never imports the desktop shell). The program's entry point, which sees the
 * whole product, hands the launcher in here; the command only parses and calls it.
 */
import type { Lang } from '../api/index.js';

export interface AppLaunchRequest {
  vault: string | undefined;
  browser: string | undefined;
  lang: Lang;
  env: NodeJS.ProcessEnv;
  say(line: string): void;
  signal: AbortSignal;
}

export type AppLauncher = (request: AppLaunchRequest) => Promise<number>;

let load: (() => Promise<AppLauncher>) | null = null;

/** Called once by the entry point (native/cli/bin.mjs, or the bundled CLI's entry). */
export function provideAppLauncher(loader: () => Promise<AppLauncher>): void {
  load = loader;
}

export function appLauncher(): Promise<AppLauncher> | null {
  return load ? load() : null;
}
