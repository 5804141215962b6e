/**
 * The dashboard's counts by role (DashboardArea.summary, the desktop's dashboard:summary): each
 * part only for the roles whose actions read it in full elsewhere; counts, never content.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { VaultApi } from '../../native/api/index.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { tempDir } from '../harness/temp.js';
import { addRecord } from '../unit/search/helpers.js';

const root = tempDir();

test('each role sees the parts of the dashboard its actions allow, with the vault\'s counts', async () => {
  const vaultDir = path.join(root, 'vault');
  const acc = await createVaultWithAccounts(vaultDir);
  const vault = await openWorkingVault(vaultDir);
  addRecord(vault.db, { title: '档案安全检查通知', pages: ['第一页', '第二页', null] });
  addRecord(vault.db, { title: '会议纪要', pages: ['纪要'] });
  vault.db.prepare("INSERT INTO ocr_queue (page_id, status, updated_at) SELECT id, 'pending', '2026-01-01T00:00:00.000Z' FROM pages WHERE id NOT IN (SELECT page_id FROM page_text)").run();
  vault.db.prepare("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1')").run();
  vault.close();

  const api = await VaultApi.open(vaultDir);
  try {
    const as = async (key: keyof typeof acc) => api.dashboard.summary(await api.accounts.login(acc[key].username, acc[key].password, 'test'));
    const archivist = await as('archivist');
    assert.deepEqual(archivist.catalog, { records: 2, pages: 4 });
    assert.deepEqual({ ...archivist.ocr, live: null }, { pending: 1, running: 0, done: 0, failed: 0, live: null });
    assert.deepEqual(archivist.index, { done: 0, total: 2, jobId: null }, 'the rebuild a migration asked for');
    assert.deepEqual(archivist.transfers, { inProgress: 0 });
    assert.deepEqual(archivist.jobs, { running: 0, unfinished: 0 });
    assert.deepEqual(archivist.digitization, { openProjects: 0, awaitingReview: 0 });
    const archivistSession = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
    api.digitization.createProject(archivistSession, { name: '2016年文书档案数字化', inHouse: true, items: [{ archivalCode: 'Z109-WS·2016-Y-BGS-0101', title: '纸质件', expectedPages: 2 }] });
    assert.deepEqual((await as('archivist')).digitization, { openProjects: 1, awaitingReview: 0 }, 'the new project counts');
    assert.equal(archivist.media, undefined, 'media are the backup officer\'s');

    const backup = await as('backup');
    assert.deepEqual(Object.keys(backup).sort(), ['jobs', 'media']);
    assert.deepEqual(backup.media, { media: 0, due: 0, openAlerts: 0, records: 2, covered: 0, atRisk: 2 });

    const security = await as('security');
    assert.deepEqual(Object.keys(security).sort(), ['catalog', 'index']);
    assert.deepEqual(await as('sysadmin'), {}, 'the system administrator has no part (no dashboard in the menu)');
    assert.deepEqual(await as('auditor'), {});
  } finally {
    api.close();
  }
});
