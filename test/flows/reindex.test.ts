import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

test('a stale or incomplete search index is a check warning naming the fix, and lantai reindex repairs it', async () => {
  const root = tempDir();
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  await writeTestPage(path.join(root, 'scans', '关于档案安全检查的通知.png'), 1);
  const ing = await runChild([CLI, 'ingest', path.join(root, 'scans', '关于档案安全检查的通知.png')], { env: acc.archivist.env });
  assert.equal(ing.code, 0, ing.stderr);
  assert.equal((await runChild([CLI, 'check'], { env: acc.archivist.env })).code, 0);

  // As after an upgrade that changed the normalizer, or a lost index table row.
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'));
  db.prepare("UPDATE search_meta SET value = '0' WHERE key = 'normalizer_version'").run();
  db.prepare('DELETE FROM search_record').run();
  for (const t of ['search_field_bigram', 'search_field_unigram']) db.prepare(`DELETE FROM ${t}`).run();
  db.close();
  const stale = await runChild([CLI, 'check', '--json'], { env: acc.archivist.env });
  assert.equal(stale.code, 1);
  const problems = (JSON.parse(stale.stdout) as { problems: { code: string; severity: string }[] }).problems;
  assert.deepEqual(problems.map((p) => [p.code, p.severity]), [['SEARCH_INDEX_STALE', 'warning']]);
  const before = await runChild([CLI, 'search', '安全检查', '--json'], { env: acc.archivist.env });
  assert.equal(JSON.parse(before.stdout).total, 0, 'the emptied index finds nothing');

  assert.equal((await runChild([CLI, 'reindex'], { env: acc.auditor.env })).code, 4, 'the auditor may not rebuild the index');
  const re = await runChild([CLI, 'reindex', '--json'], { env: acc.archivist.env });
  assert.equal(re.code, 0, re.stderr);
  assert.equal(JSON.parse(re.stdout).records, 1);
  assert.equal((await runChild([CLI, 'check'], { env: acc.archivist.env })).code, 0);
  const after = await runChild([CLI, 'search', '安全检查', '--json'], { env: acc.archivist.env });
  assert.equal(JSON.parse(after.stdout).total, 1);
});
