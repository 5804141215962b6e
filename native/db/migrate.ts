import fs from 'node:fs';
import { VaultError } from '../errors.js';
import type { Db } from './database.js';
import { dbMessages } from './messages.js';
import type { Migration } from './migrations/types.js';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the pending steps in one transaction (all or nothing), after copying the database
 * aside so that even a bug in a step cannot cost the catalog (Signal-Desktop does the same).
 */
export function migrate(db: Db, file: string, steps: readonly Migration[]): { from: number; to: number; backup?: string } {
  const from = schemaVersion(db);
  const latest = steps.reduce((max, m) => Math.max(max, m.version), 0);
  if (from > latest) {
    throw VaultError.of('VAULT_DB_NEWER', dbMessages.newer, { file, found: from, supported: latest });
  }
  const pending = [...steps].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from };

  let backup: string | undefined;
  if (from > 0 && file !== ':memory:') {
    backup = `${file}.before-v${pending[pending.length - 1]!.version}`;
    fs.rmSync(backup, { force: true });
    db.prepare('VACUUM INTO ?').run(backup);
  }
  let current: Migration | undefined;
  try {
    db.transaction(() => {
      for (const step of pending) {
        current = step;
        step.up(db);
        db.pragma(`user_version = ${step.version}`);
      }
    }).immediate();
  } catch (e) {
    throw VaultError.of(
      'VAULT_MIGRATION_FAILED',
      dbMessages.migrationFailed,
      { file, version: current?.version ?? 0, name: current?.name ?? '', reason: e instanceof Error ? e.message : String(e), backup: backup ?? '-' },
      {},
      e,
    );
  }
  return { from, to: pending[pending.length - 1]!.version, ...(backup ? { backup } : {}) };
}
