import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * A small tmpfs of a given size, to make "disk full" and "read-only disk" real: the kernel
 * answers ENOSPC and EROFS, not a mock. Needs root (CI runs as root); returns undefined
 * where mounting is not allowed so the caller can skip with a reason.
 */
export function mountTmpfs(dir: string, sizeBytes: number): { remount(options: string): void; unmount(): void } | undefined {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return {
    remount(options: string) {
      execFileSync('mount', ['-o', `remount,${options}`, dir], { stdio: 'ignore' });
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    },
  };
}
