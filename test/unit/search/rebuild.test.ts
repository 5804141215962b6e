import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openWorkingVault } from '../../../native/pipeline/wire.js';
import { continueRebuild, rebuildBatch, reindexAll, startRebuild } from '../../../native/search/indexer.js';
import { rebuildCursor, rebuildProgress } from '../../../native/search/rebuild-state.js';
import { search } from '../../../native/search/search.js';
import type { SearchOptions, SearchResult } from '../../../native/search/types.js';
import { addRecord, newVault, setPageText } from './helpers.js';

// The index rebuild after an upgrade is a batched job that keeps its place (search_meta); while
// it runs, searches read the records past the place from their text and find what the whole
// index finds.

const QUERIES: [string, SearchOptions][] = [
  ['档案', {}], ['安全检查', {}], ['"安全检查"', { pages: 'all' }], ['通知', { sort: 'dateAsc' }], ['设备 -档案', {}],
  ['NOT 设备', {}], ['检查组', { fuzzy: true }], ['档办发', {}], ['会议 OR 培训', { pages: 'all', offset: 1, limit: 3 }],
  ['档案', { dateField: 'anyDate', from: '2017', to: '2017' }], ['维修', { filters: { year: '2009..2017' } }], ['李', {}],
];

function shown(r: SearchResult): unknown {
  const { tookMs: _t, rebuilding: _r, ...rest } = r;
  return rest;
}

async function filledVault() {
  const vault = await newVault();
  const db = vault.db;
  addRecord(db, { title: '档案安全工作年度总结', docNumber: '档办发〔2016〕3号', docDate: '2016-04-01', pages: ['档案馆安全检查于2016年4月1日完成。\n设备运行正常。', '附件：检查记录表\n联系人：李明'] });
  addRecord(db, { title: '关于设备采购的通知', docDate: '2015-06-10', pages: ['采购设备清单\n会议纪要另发'] });
  addRecord(db, { title: '会议纪要', year: 2017, pages: ['2017年3月5日召开会议，研究档案设施维修事宜。\n参加人员：王建国、李明', null, '检查组到达'] });
  addRecord(db, { title: '人员培训计划', remarks: '档案数字化', pages: ['培训于2018年1月举行。', '培训内容：档案数字化、口令管理'] });
  addRecord(db, { title: '关于设备维修的请示', year: 2009, docNumber: '档保发〔2009〕2号', pages: ['设备维修请示\n2009年11月20日'] });
  addRecord(db, { title: '无页的档案', pages: [] });
  return vault;
}

test('a rebuild runs in batches that each commit, and searches meanwhile find what the whole index finds', async () => {
  const vault = await filledVault();
  const db = vault.db;
  try {
    const expected = QUERIES.map(([q, o]) => shown(search(db, q, o)));
    startRebuild(db);
    assert.equal(rebuildCursor(db), 0, 'the place starts before the first record');
    assert.deepEqual(search(db, '档案').rebuilding, { done: 0, total: 6 });
    assert.deepEqual(QUERIES.map(([q, o]) => shown(search(db, q, o))), expected, 'nothing indexed yet: every record read from its text');
    for (let step = 1; ; step++) {
      const b = rebuildBatch(db, 1);
      if (b.finished) break;
      const p = rebuildProgress(db)!;
      assert.equal(rebuildCursor(db), p.done === 0 ? 0 : rebuildCursor(db));
      const results = QUERIES.map(([q, o]) => search(db, q, o));
      assert.deepEqual(results[0]!.rebuilding, p, `batch ${step}: results say how far the rebuild is`);
      assert.deepEqual(results.map(shown), expected, `batch ${step} (place ${rebuildCursor(db)}): same results as the whole index`);
    }
    assert.equal(rebuildCursor(db), null, 'the last batch ends the rebuild');
    assert.equal(search(db, '档案').rebuilding, undefined);
    assert.deepEqual(QUERIES.map(([q, o]) => shown(search(db, q, o))), expected);
  } finally {
    vault.close();
  }
});

test('text stored while the rebuild runs is found, before and after the rebuild reaches its record', async () => {
  const vault = await filledVault();
  const db = vault.db;
  try {
    startRebuild(db);
    rebuildBatch(db, 1);
    const late = addRecord(db, { title: '后补档案', pages: [null] });
    // OCR of a page of a record the rebuild has not reached (the pipeline indexes it) and of one it has.
    setPageText(db, late.pageIds[0]!, '迟到的页面文字');
    const first = db.prepare('SELECT min(id) FROM records').pluck().get() as number;
    const firstPage = db.prepare('SELECT id FROM pages WHERE record_id = ? AND page_no = 2').pluck().get(first) as number;
    setPageText(db, firstPage, '改正后的附件文字');
    assert.deepEqual(search(db, '迟到').hits.map((h) => [h.recordId, h.pageNo]), [[late.id, 1]]);
    assert.deepEqual(search(db, '改正后').hits.map((h) => [h.recordId, h.pageNo]), [[first, 2]]);
    assert.equal(search(db, '检查记录表').total, 0, 'the replaced text is gone');
    await continueRebuild(db, { batchPages: 2 });
    assert.deepEqual(search(db, '迟到').hits.map((h) => [h.recordId, h.pageNo]), [[late.id, 1]]);
    assert.deepEqual(search(db, '改正后').hits.map((h) => [h.recordId, h.pageNo]), [[first, 2]]);
    const full = QUERIES.map(([q, o]) => shown(search(db, q, o)));
    reindexAll(db);
    assert.deepEqual(QUERIES.map(([q, o]) => shown(search(db, q, o))), full, 'the batched rebuild built what the one-transaction rebuild builds');
  } finally {
    vault.close();
  }
});

test('a rebuild cut short goes on from its place after the vault is opened again', async () => {
  const vault = await filledVault();
  const dir = vault.paths.root;
  const ctl = new AbortController();
  let batches = 0;
  await assert.rejects(continueRebuild(vault.db, { start: true, batchPages: 1, signal: ctl.signal, onProgress: () => { if (++batches === 2) ctl.abort(new Error('cancelled')); } }));
  const place = rebuildCursor(vault.db);
  assert.ok(place !== null && place > 0, `the place is kept (${place})`);
  vault.close();
  // The open does not rebuild (it would take minutes on a large vault): the job does.
  const again = await openWorkingVault(dir);
  try {
    assert.equal(rebuildCursor(again.db), place, 'opening for work leaves the rebuild to the job');
    const after = again.db.prepare('SELECT count(*) FROM records WHERE id > ?').pluck().get(place) as number;
    const written: number[] = [];
    const r = await continueRebuild(again.db, { onProgress: (p) => written.push(p.done) });
    assert.equal(r.rebuilt, true);
    assert.ok(written[0]! > place!, 'progress goes on from the place, not from zero');
    assert.equal(r.records, after, 'only the records after the place were indexed');
    assert.equal(rebuildCursor(again.db), null);
  } finally {
    again.close();
  }
});
