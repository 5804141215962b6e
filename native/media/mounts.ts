import fs from 'node:fs';
import path from 'node:path';

/**
 * Which filesystem a path lives on, from /proc/mounts: a medium must be a local carrier, never a
 * network share (the vault's machine is isolated; a share is neither off-site custody nor a
 * carrier the registry can hold in a hand).
 */
export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
}

/** Filesystem types that are network or remote shares (checked as prefixes for fuse.* helpers). */
export const NETWORK_FS_TYPES = [
  'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'smb', 'sshfs', 'fuse.sshfs', '9p', 'ceph', 'fuse.ceph', 'glusterfs', 'fuse.glusterfs', 'afs', 'ncpfs',
  'davfs', 'fuse.davfs2', 'fuse.rclone', 'fuse.s3fs', 'fuse.gcsfuse', 'lustre', 'beegfs', 'fuse.curlftpfs', 'virtiofs',
] as const;

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function parseMounts(text: string): MountEntry[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((line) => {
    const [device = '', mountPoint = '', fsType = ''] = line.split(' ');
    return { device: unescape(device), mountPoint: unescape(mountPoint), fsType };
  });
}

export function readMounts(file = '/proc/mounts'): MountEntry[] {
  try {
    return parseMounts(fs.readFileSync(file, 'utf8'));
  } catch {
    // No /proc (another OS): nothing can be said, so nothing is refused on this ground.
    return [];
  }
}

/** The mount a path is on: the longest mount point that contains it (after resolving links). */
export function mountOf(target: string, mounts: readonly MountEntry[] = readMounts()): MountEntry | undefined {
  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch {
    real = path.resolve(target);
  }
  let best: MountEntry | undefined;
  for (const m of mounts) {
    const inside = m.mountPoint === '/' || real === m.mountPoint || real.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`);
    // A later line for the same mount point is mounted over the earlier one.
    if (inside && (!best || m.mountPoint.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

export function isNetworkFs(fsType: string): boolean {
  const t = fsType.toLowerCase();
  return (NETWORK_FS_TYPES as readonly string[]).includes(t) || t.startsWith('nfs') || t.startsWith('fuse.sshfs') || t.startsWith('smb') || t.startsWith('cifs');
}
