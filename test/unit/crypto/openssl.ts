import { spawnSync } from 'node:child_process';

/** Runs the real openssl (the cross-check for everything native/crypto writes). */
export function openssl(args: string[], input?: Uint8Array): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** openssl must succeed; the assertion message carries its stderr. */
export function opensslOk(args: string[], input?: Uint8Array): string {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
