/**
 * Extraction reads a record's pages from page_text as OCR stored them: the seal boxes OCR found
 * (layout.seals) reach the 成文日期 scorer with the lines, and older layouts without them read
 * as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordPageTexts } from '../../../native/pipeline/page-text-saved.js';
import { addRecord, layoutFor, newVault } from '../search/helpers.js';

test('the seal boxes stored with a page layout reach extraction; a layout without them has none', async () => {
  const vault = await newVault();
  try {
    const { id, pageIds } = addRecord(vault.db, { pages: ['关于档案安全检查的通知\n请认真执行。', '北京市档案局\n二〇一六年三月十五日'] });
    const seal: [number, number, number, number] = [80, 60, 400, 380];
    vault.db.prepare('UPDATE page_text SET layout = ? WHERE page_id = ?').run(JSON.stringify({ ...layoutFor('北京市档案局\n二〇一六年三月十五日'), seals: [seal] }), pageIds[1]);
    const pages = recordPageTexts(vault.db, id);
    assert.deepEqual(pages.map((p) => p.pageNo), [1, 2]);
    assert.equal('seals' in pages[0]!, false);
    assert.deepEqual(pages[1]!.seals, [seal]);
    assert.equal(pages[1]!.lines?.[1]?.text, '二〇一六年三月十五日');
  } finally {
    vault.close();
  }
});
