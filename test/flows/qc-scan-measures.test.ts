// A digitization project's scanning measures its pages for machine QC as ingest stores them
// (page_measures), and the batch's machine checks read those measures; plain ingest does not
// measure. The rules of the measures themselves: qc-page-measures.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';

const root = tempDir();
const scans = path.join(root, 'scans');
let api: VaultApi;
let archivist: Session;
const code = 'Z109-WS·2016-Y-BGS-0001';

before(async () => {
  const acc = await createVaultWithAccounts(path.join(root, 'vault'));
  api = await VaultApi.open(path.join(root, 'vault'));
  archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
  await writeQcPage(path.join(scans, 'item', '1.jpg'), 'text', 1);
  await writeQcPage(path.join(scans, 'item', '2.png'), 'blank');
  await writeQcPage(path.join(scans, 'plain', '1.jpg'), 'text', 2);
  fs.writeFileSync(path.join(root, 'items.csv'), `档号,题名,页数\n${code},关于档案安全检查的通知,2\n`);
});
after(() => api?.close());

const measuredImages = (): string[] => (api.vault.db.prepare('SELECT image_sha256 AS sha FROM page_measures ORDER BY sha').all() as { sha: string }[]).map((r) => r.sha);

test('scanning an item stores its pages\' measures; its batch is checked from them; plain ingest stores none', async () => {
  const plain = await api.ingest.run(archivist, { paths: [path.join(scans, 'plain')], metadata: { fondsCode: 'Z109', categoryCode: 'WS', year: 2015, retention: 'D30', orgUnit: 'BGS' } });
  assert.equal(plain.status, 'done');
  assert.deepEqual(measuredImages(), [], 'plain ingest does not measure');
  const d = api.digitization.createProject(archivist, { name: '数字化', inHouse: true, itemsFile: path.join(root, 'items.csv') });
  api.digitization.addOperator(archivist, d.project.id, archivist.username);
  api.digitization.precheck(archivist, d.project.id, code, { complete: true, orderOk: true, matchesCatalog: true });
  await api.digitization.scan(archivist, d.project.id, { items: [{ code, path: path.join(scans, 'item') }], deviceId: 'SCN-01' });
  const pages = api.records.get(archivist, api.digitization.showProject(archivist, d.project.id).items[0]!.recordId!).pages.map((p) => p.imageSha256);
  assert.deepEqual(measuredImages(), [...pages].sort(), 'each scanned page measured');
  // A doctored row shows in the findings: the checks read the stored measures.
  api.vault.db.prepare('UPDATE page_measures SET ink = 0 WHERE image_sha256 = ?').run(pages[0]);
  const { machine } = await api.qc.run(archivist, d.project.id);
  assert.deepEqual(machine.findings.filter((f) => f.check === 'blank').map((f) => f.pageNo), [1, 2]);
});
