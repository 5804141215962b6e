import { readPasswordFile, VaultApi, type Session } from '../../api/index.js';

/**
 * Reads what the demo's next command needs (a round's number, a batch id, the sampled pages) as
 * the archivist, the way a person reads it off the screen: the vault opened, logged in, read,
 * logged out and closed.
 */
export async function readAsArchivist<T>(h: { vaultDir: string; archivist: Record<string, string> }, f: (api: VaultApi, s: Session) => T): Promise<T> {
  const api = await VaultApi.open(h.vaultDir);
  try {
    const session = await api.accounts.login(h.archivist['LANTAI_USER']!, readPasswordFile(h.archivist['LANTAI_PASSWORD_FILE']!), 'demo');
    try {
      return f(api, session);
    } finally {
      api.accounts.logout(session);
    }
  } finally {
    api.close();
  }
}
