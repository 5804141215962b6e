import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { OperationContext } from '../../../native/auth/types.js';
import { extractRecord } from '../../../native/pipeline/page-text-saved.js';
import { markOfTerm } from '../../../native/search/mark-terms.js';
import { searchAs } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { makeOperator, setupAdmins } from './accounts.js';
import { addRecord, newVault } from './helpers.js';

// OCR reads a bold ★ as 女 (秘密女10年); extraction corrects the mark, the page text keeps what OCR
// read, and a search for the printed mark 秘密★10年 still finds the page: through the mark
// extraction read, for whoever may read the page (the content rule), never by rewriting text.

let vault: Vault;
let archivist: OperationContext;
let security: OperationContext;
const id: Record<string, number> = {};

before(async () => {
  vault = await newVault();
  const db = vault.db;
  id['misread'] = addRecord(db, { title: '关于档案安全检查的通知', pages: ['秘密女10年\n郑州市档案局文件\n郑档〔2015〕9号\n关于档案安全检查的通知'] }).id;
  id['other'] = addRecord(db, { title: '机密文件', pages: ['机密★20年\n郑州市档案局文件\n关于档案工作的通知'] }).id;
  id['body'] = addRecord(db, { title: '保密工作要点', pages: ['郑州市档案局文件\n涉及秘密的文件按规定管理。'] }).id;
  for (const r of Object.values(id)) extractRecord(db, r);
  const admins = await setupAdmins(db);
  security = admins.so;
  archivist = await makeOperator(admins, 'zhangsan', 'zs-口令-2024');
});
after(() => vault.close());

const found = (who: OperationContext, q: string) => searchAs(who, q, { limit: 50 }).hits.map((h) => h.recordId).sort((a, b) => a - b);

test('a term is a mark only when the whole term is a level with its period, whatever star was typed', () => {
  assert.equal(markOfTerm('秘密★10年'), '秘密★10年');
  assert.equal(markOfTerm('秘密*10年'), '秘密★10年');
  assert.equal(markOfTerm('机密☆2030年12月31日'), '机密★2030年12月31日');
  for (const notAMark of ['秘密', '内部', '关于秘密★10年的通知', '档案', '秘密★']) assert.equal(markOfTerm(notAMark), null, notAMark);
});

test('秘密★10年 finds the page OCR read as 秘密女10年, says so, and the stored text is unchanged', () => {
  const text = (vault.db.prepare('SELECT t.text FROM page_text t JOIN pages p ON p.id = t.page_id JOIN masters m ON m.id = p.master_id WHERE m.record_id = ?').get(id['misread']) as { text: string }).text;
  assert.ok(text.startsWith('秘密女10年'), 'the OCR text is kept as read');
  assert.deepEqual(found(security, '秘密★10年'), [id['misread']]);
  assert.deepEqual(found(security, '秘密*10年'), [id['misread']]);
  const hit = searchAs(security, '秘密★10年').hits[0]!;
  assert.equal(hit.matchedMark, '秘密★10年');
  assert.equal(hit.matchedMarkPage, 1);
  assert.deepEqual(found(security, '机密★20年'), [id['other']]);
  assert.equal(searchAs(security, '档案安全').hits[0]!.matchedMark, null, 'no mark term, no mark matched');
});

test('the mark read on a held page does not find it for an archivist', () => {
  const held = vault.db.prepare('SELECT classified_hold AS h FROM records WHERE id = ?').get(id['misread']) as { h: number };
  assert.equal(held.h, 1, 'extraction put the marked record under 涉密 hold');
  assert.deepEqual(found(archivist, '秘密★10年'), []);
});
