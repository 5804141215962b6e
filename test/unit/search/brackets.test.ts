import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrate } from '../../../native/db/migrate.js';
import { migrations } from '../../../native/db/migrations/index.js';
import { rebuildStaleIndex } from '../../../native/pipeline/wire.js';
import { indexStatus, normalizeText, normalizeWithMap, search } from '../../../native/search/index.js';
import { addRecord, newVault } from './helpers.js';

test('bracket variants fold together: a 文号 is found however OCR or the typist wrote its brackets', async () => {
  assert.equal(normalizeText('京档发〔2016〕12号'), normalizeText('京档发【2016] 12号'));
  assert.equal(normalizeText('（2016）'), normalizeText('[2016]'));
  assert.equal(normalizeText('GB (T) 9704'), 'gb(t)9704');
  const vault = await newVault();
  try {
    const ocr = addRecord(vault.db, { title: '关于开展档案安全检查的通知', pages: ['北京市档案局文件\n京档发【2016] 12号\n关于开展档案安全检查的通知'] });
    addRecord(vault.db, { title: '另一份通知', pages: ['京档发〔2017〕3号'] });
    for (const q of ['〔2016〕', '京档发〔2016〕12号', '"京档发[2016]12号"']) {
      assert.deepEqual(search(vault.db, q).hits.map((h) => h.recordId), [ocr.id], q);
    }
  } finally {
    vault.close();
  }
});

test('a run of doubled or mixed brackets folds to one, in the index and the query alike, and the highlight spans the run', async () => {
  assert.equal(normalizeText('郑档【2015]】9号'), normalizeText('郑档〔2015〕9号'));
  assert.equal(normalizeText('郑档【【2015〕〕9号'), '郑档(2015)9号');
  const mapped = normalizeWithMap('郑档【2015]】9号');
  const close = mapped.text.indexOf(')');
  assert.deepEqual([mapped.starts[close], mapped.ends[close]], [7, 9], 'the one ) covers ]】');
  const vault = await newVault();
  try {
    const doubled = addRecord(vault.db, { title: '郑州市档案局通知', pages: ['郑州市档案局\n郑档【2015]】9号\n关于档案工作的通知'] });
    for (const q of ['郑档〔2015〕9号', '"郑档[2015]9号"', '郑档【2015]】9号']) {
      assert.deepEqual(search(vault.db, q).hits.map((h) => h.recordId), [doubled.id], q);
    }
  } finally {
    vault.close();
  }
});

test('migrations 0100–0130 leave an index built by normalizer 1 stale, and opening for work rebuilds it, so old vaults find bracket variants too', async () => {
  const vault = await newVault();
  try {
    const db = vault.db;
    const r = addRecord(db, { title: '通知', pages: ['京档发【2016] 12号'] });
    // As a vault indexed by normalizer 1 at schema 80: the tables of migration 0040, empty
    // (what normalizer 1 wrote would not fold brackets), and nothing of migration 0110.
    db.exec(`
      DROP TABLE search_text_trigram_0; DROP TABLE search_text_trigram_1; DROP TABLE search_record_text; DROP TABLE search_record_text_state;
      DROP INDEX search_page_pending; DROP INDEX records_classified_hold; DROP INDEX records_not_normal;
      ALTER TABLE search_page DROP COLUMN in_record_text;
      DELETE FROM search_page; DELETE FROM search_record;
      CREATE VIRTUAL TABLE search_text_bigram USING fts5 (grams, content = '', contentless_delete = 1, detail = full, tokenize = 'ascii');
      CREATE VIRTUAL TABLE search_text_unigram USING fts5 (grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');
    `);
    for (const t of ['search_field_bigram', 'search_field_unigram']) db.prepare(`DELETE FROM ${t}`).run();
    db.prepare("UPDATE search_meta SET value = '1' WHERE key = 'normalizer_version'").run();
    db.pragma('user_version = 80');
    assert.equal(indexStatus(db).current, false);
    // Only the steps under test: later ones create tables this vault already has.
    migrate(db, vault.paths.catalog, migrations.filter((m) => m.version <= 130));
    assert.equal(indexStatus(db).current, false, 'a migration imports no indexer: it only marks the index stale');
    assert.equal(rebuildStaleIndex(db), true);
    assert.equal(indexStatus(db).current, true);
    assert.equal(rebuildStaleIndex(db), false, 'a current index is left alone');
    assert.deepEqual(search(db, '〔2016〕').hits.map((h) => h.recordId), [r.id]);
    assert.deepEqual(search(db, '档发').hits.map((h) => h.recordId), [r.id], 'page text found per record');
    assert.deepEqual(search(db, '12号').hits.map((h) => h.recordId), [r.id]);
  } finally {
    vault.close();
  }
});
