import assert from 'node:assert/strict';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { createAccount, changeOwnPassword, firstRunSetup } from '../../native/auth/accounts.js';
import { login } from '../../native/auth/sessions.js';
import { getRecord } from '../../native/catalog/records.js';
import { ocrCommand } from '../../native/cli/commands/ocr.js';
import { CliContext } from '../../native/cli/context.js';
import { EXIT } from '../../native/cli/exit-codes.js';
import { queueCounts } from '../../native/ocr/queue-store.js';
import { search } from '../../native/search/index.js';
import type { Vault } from '../../native/vault/vault.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { REPO, runChild, runCrashTrials } from '../harness/crash.js';
import { vaultWithDocument } from '../unit/ocr/helpers.js';

const CHILD = ['--import', 'tsx', path.join(REPO, 'test', 'unit', 'ocr', 'queue-child.ts')];

/** What must hold after any kill: text, 'done', and the search entry of a page go together. */
function queueInconsistencies(vault: Vault): string[] {
  const problems: string[] = [];
  const rows = vault.db
    .prepare(
      `SELECT p.id, q.status, (t.page_id IS NOT NULL) AS hasText, (s.page_id IS NOT NULL) AS indexed
       FROM pages p LEFT JOIN ocr_queue q ON q.page_id = p.id LEFT JOIN page_text t ON t.page_id = p.id LEFT JOIN search_page s ON s.page_id = p.id`,
    )
    .all() as { id: number; status: string | null; hasText: number; indexed: number }[];
  for (const r of rows) {
    if (r.status === null) problems.push(`page ${r.id} not queued`);
    if ((r.status === 'done') !== (r.hasText === 1)) problems.push(`page ${r.id}: status ${r.status} but text ${r.hasText}`);
    if (r.hasText !== r.indexed) problems.push(`page ${r.id}: text ${r.hasText} but indexed ${r.indexed}`);
  }
  return problems;
}

test('OCR killed with SIGKILL at random moments resumes where it stopped and ends consistent', async () => {
  const { vault, root, recordId } = await vaultWithDocument(4);
  vault.close();
  const dir = path.join(root, 'vault');
  const report = await runCrashTrials({
    trials: 4,
    command: () => [...CHILD, dir],
    minDelayMs: 600,
    maxDelayMs: 3500,
    afterKill: async () => {
      const v = await openWorkingVault(dir);
      try {
        return queueInconsistencies(v);
      } finally {
        v.close();
      }
    },
  });
  assert.deepEqual(report.inconsistencies, [], `seed ${report.seed}`);
  const last = await runChild([...CHILD, dir]);
  assert.equal(last.code, 0, last.stderr);
  const v = await openWorkingVault(dir);
  try {
    assert.deepEqual(queueInconsistencies(v), []);
    assert.deepEqual(queueCounts(v.db, recordId), { pending: 0, running: 0, done: 4, failed: 0 });
    assert.equal((v.db.prepare('SELECT count(*) AS n FROM page_text').get() as { n: number }).n, 4);
    assert.equal(search(v.db, '档案实体安全').hits[0]?.recordId, recordId);
    assert.equal((v.db.prepare("SELECT count(*) AS n FROM record_suggestions WHERE record_id = ? AND field = 'docNumber'").get(recordId) as { n: number }).n, 1);
  } finally {
    v.close();
  }
});

test('lantai ocr logs in, is authorized and audited, reads the queue to the end and reports in JSON', async () => {
  const { vault, root, recordId } = await vaultWithDocument(1, { mark: '秘密★10年' });
  const device = 'pc-档案室-01';
  try {
    await firstRunSetup(vault.db, {
      sysadmin: { username: 'sysadm', password: 'sys-口令-0001', displayName: '王系统' },
      securityOfficer: { username: 'secoff', password: 'so-口令-0002', displayName: '李保密' },
      auditor: { username: 'auditor', password: 'aud-口令-0003', displayName: '赵审计' },
    });
    const sys = { db: vault.db, session: await login(vault.db, 'sysadm', 'sys-口令-0001', device), device };
    await createAccount(sys, { username: 'zhang', password: 'initial-口令-9999', roles: ['archivist'], displayName: '张档案' });
    const zhang = { db: vault.db, session: await login(vault.db, 'zhang', 'initial-口令-9999', device), device };
    await changeOwnPassword(zhang, 'initial-口令-9999', 'user-口令-0004');
  } finally {
    vault.close();
  }
  const run = async (user: string, password: string, values: Record<string, string | boolean>): Promise<{ code: number; out: string }> => {
    let out = '';
    const ctx = new CliContext(
      { stdout: (s) => (out += s), stderr: () => undefined, env: { LANG: 'en_US.UTF-8' }, stdin: Readable.from([`${password}\n`]) },
      { json: true, vault: path.join(root, 'vault'), signal: new AbortController().signal, credentials: { user, passwordStdin: true } },
    );
    try {
      return { code: await ocrCommand.run(ctx, { json: true, ...values }, []), out };
    } finally {
      ctx.close();
    }
  };
  await assert.rejects(run('auditor', 'aud-口令-0003', {}), (e: Error & { code?: string }) => e.code === 'ACCESS_DENIED', 'an auditor may not run OCR');
  const r = await run('zhang', 'user-口令-0004', { record: String(recordId) });
  assert.equal(r.code, EXIT.OK);
  const json = JSON.parse(r.out) as { ok: boolean; done: number; queue: { done: number } };
  assert.equal(json.ok, true);
  assert.equal(json.done, 1);
  const v = await openWorkingVault(path.join(root, 'vault'));
  try {
    assert.equal(getRecord(v.db, recordId)?.classifiedHold, true);
    const audit = v.db.prepare("SELECT username, result FROM audit_log WHERE action = 'ocr' ORDER BY seq").all() as { username: string; result: string }[];
    assert.deepEqual(audit, [{ username: 'auditor', result: 'denied' }, { username: 'zhang', result: 'ok' }]);
  } finally {
    v.close();
  }
});
