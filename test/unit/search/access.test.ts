import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { filterRecords, NOT_NORMAL_SQL } from '../../../native/auth/visibility.js';
import { approveAccess, revokeAccess } from '../../../native/auth/grants.js';
import type { OperationContext } from '../../../native/auth/types.js';
import { searchAs, searchRecordIds } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { codeOf } from '../auth/helpers.js';
import { makeOperator, setupAdmins, type TestAccounts } from './accounts.js';
import { addRecord, newVault } from './helpers.js';

// Permissions with real accounts: who may find which records, and through what. The rule
// (native/auth/permissions.ts): `search` is a catalog-line read, allowed to archivists and the
// security officer on every record; a hit in a record's page text reveals content, so it needs
// `view_record`, which an archivist has on classified (涉密, classified_hold) and 控制使用
// records only with a live approval.

let vault: Vault;
let admins: TestAccounts;
let archivist: OperationContext;
const id: Record<string, number> = {};

before(async () => {
  vault = await newVault();
  const db = vault.db;
  id['open'] = addRecord(db, { title: '档案工作年度总结', pages: ['本年度完成馆藏核对，口令本已销毁。'] }).id;
  id['secret'] = addRecord(db, { title: '关于保密检查的通知', classification: 'secret', pages: ['核心设施位于三号楼，口令本另存。'] }).id;
  id['held'] = addRecord(db, { title: '待审查文件', classifiedHold: true, pages: ['秘密★10年 核心设施图纸。'] }).id;
  db.prepare("UPDATE records SET access_status = 'restricted' WHERE id = ?").run(addRecord(db, { title: '控制使用的材料', pages: ['核心设施的维修记录。'] }).id);
  id['restricted'] = Number((db.prepare("SELECT id FROM records WHERE access_status = 'restricted'").get() as { id: number }).id);
  admins = await setupAdmins(db);
  archivist = await makeOperator(admins, 'zhangsan', 'zs-口令-2024');
});

after(() => vault.close());

const found = (op: OperationContext, q: string) => searchAs(op, q, { limit: 100 }).hits.map((h) => h.recordId).sort((a, b) => a - b);
const sorted = (...keys: string[]) => keys.map((k) => id[k]!).sort((a, b) => a - b);

test('an archivist never finds a classified, held or restricted record by what its pages say', () => {
  assert.deepEqual(found(archivist, '核心设施'), []);
  assert.deepEqual(found(archivist, '口令本'), sorted('open'));
  // The engine without the session's rule does find them: the filter is what hides them.
  assert.deepEqual(searchRecordIds(vault.db, '核心设施', { includeClassified: true }).sort((a, b) => a - b), sorted('secret', 'held', 'restricted'));
  // NOT must not reveal content either: to the archivist these pages have no text.
  assert.deepEqual(found(archivist, '档案 OR 通知 OR 文件 OR 材料 -核心设施'), sorted('open', 'secret', 'held', 'restricted'));
});

test('an archivist finds a classified record by its catalog line, without page or page snippet', () => {
  const r = searchAs(archivist, '保密检查');
  assert.deepEqual(r.hits.map((h) => h.recordId), [id['secret']]);
  const h = r.hits[0]!;
  assert.equal(h.pageNo, null);
  assert.equal(h.matchedIn, 'title');
  assert.equal(h.snippet, '关于保密检查的通知');
  assert.deepEqual(h.boxes, []);
  assert.equal(h.matchedPages, 0);
  // Every hit is one the session may see, by the same rule as filterRecords.
  const all = searchAs(archivist, '通知 OR 总结 OR 文件 OR 材料', { limit: 100 }).hits.map((x) => x.recordId);
  assert.deepEqual(filterRecords(archivist, 'search', all), all);
});

test('the security officer finds every record by its text, with snippets', () => {
  assert.deepEqual(found(admins.so, '核心设施'), sorted('secret', 'held', 'restricted'));
  const h = searchAs(admins.so, '三号楼').hits[0]!;
  assert.equal(h.recordId, id['secret']);
  assert.equal(h.pageNo, 1);
  assert.match(h.snippet, /三号楼/);
});

test('an approval to view lets the archivist find that record by its text, until it is revoked', () => {
  const [grant] = approveAccess(admins.so, {
    username: 'zhangsan', recordIds: [id['secret']!], scope: 'view', purpose: '编研利用', expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  assert.deepEqual(found(archivist, '核心设施'), sorted('secret'));
  assert.equal(searchAs(archivist, '三号楼').hits[0]!.pageNo, 1);
  revokeAccess(admins.so, grant!.id);
  assert.deepEqual(found(archivist, '核心设施'), []);
});

test('roles without search are refused, and the refusal is audited', async () => {
  assert.equal(await codeOf(() => searchAs(admins.sys, '档案')), 'ACCESS_DENIED');
  const row = vault.db.prepare("SELECT username, action, result FROM audit_log ORDER BY seq DESC LIMIT 1").get() as { username: string; action: string; result: string };
  assert.deepEqual(row, { username: 'sysadm', action: 'search', result: 'denied' });
});

test('every search is audited with its query, options and the number of records found', async () => {
  searchAs(archivist, '口令本 OR 保密', { from: '2016', fuzzy: false, filters: { retention: 'Y' } });
  const row = vault.db.prepare('SELECT username, action, result, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { username: string; action: string; result: string; detail: string };
  assert.equal(row.username, 'zhangsan');
  assert.equal(row.action, 'search');
  assert.equal(row.result, 'ok');
  const detail = JSON.parse(row.detail) as { query: string; options: Record<string, unknown>; total: number };
  assert.equal(detail.query, '口令本 OR 保密');
  assert.equal(detail.options['from'], '2016');
  assert.deepEqual(detail.options['filters'], { retention: 'Y' });
  assert.equal(typeof detail.total, 'number');
  // A bad query is audited as failed, with the error.
  assert.equal(await codeOf(() => searchAs(archivist, '(档案')), 'SEARCH_QUERY_SYNTAX');
  const failed = vault.db.prepare('SELECT result, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { result: string; detail: string };
  assert.equal(failed.result, 'failed');
  assert.match(failed.detail, /SEARCH_QUERY_SYNTAX/);
});

test('the records an access rule may leave out are found through the records_not_normal index, not a scan', async () => {
  const vault = await newVault();
  try {
    const plan = vault.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM records WHERE ${NOT_NORMAL_SQL} AND coalesce((records.classified_hold = 0), 0) = 0 ORDER BY id`).all() as { detail: string }[];
    assert.ok(plan.some((p) => p.detail.includes('records_not_normal')), JSON.stringify(plan));
  } finally {
    vault.close();
  }
});
