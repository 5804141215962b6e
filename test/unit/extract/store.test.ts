import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../../native/db/database.js';
import { detectClassificationMark } from '../../../native/extract/classification.js';
import {
  acceptSuggestion,
  applyClassificationHold,
  clearClassifiedHold,
  listSuggestions,
  rejectSuggestion,
  saveSuggestions,
} from '../../../native/extract/suggestion-store.js';
import { suggestRecordFields } from '../../../native/extract/suggest.js';
import type { Suggestion } from '../../../native/extract/types.js';
import type { Vault } from '../../../native/vault/vault.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { tempDir } from '../../harness/temp.js';
import { seedText, toPages } from './seed-cases.js';

let counter = 0;
function insertRecord(db: Db, fields: Partial<Record<'classification' | 'title', string>> = {}): number {
  counter++;
  const r = db
    .prepare(`INSERT INTO records (category_code, year, retention, item_number, archival_code, page_count, classification, title, source_key, created_at, updated_at)
              VALUES ('WS', 2016, 'Y', ?, ?, 3, ?, ?, ?, 'now', 'now')`)
    .run(counter, `WS·2016-Y-${String(counter).padStart(4, '0')}`, fields.classification ?? 'public', fields.title ?? '', `src-${counter}`);
  return Number(r.lastInsertRowid);
}

interface RecordRow {
  doc_date: string | null;
  doc_number: string;
  title: string;
  creator: string;
  classification: string;
  classification_period: string;
  classified_hold: number;
}
const record = (db: Db, id: number): RecordRow =>
  db.prepare('SELECT doc_date, doc_number, title, creator, classification, classification_period, classified_hold FROM records WHERE id = ?').get(id) as RecordRow;

async function openVault(): Promise<Vault> {
  return initWorkingVault(tempDir());
}

const secretPage = ['秘密★5年', '特急', '长江市档案局文件', '长档发〔2016〕3号', '关于档案安全检查的通知', '各区县档案局：', '请于5月底前完成检查。', '长江市档案局', '2016年4月26日'].join('\n');

test('suggestions are saved, listed, and accepting writes each field into the record', async () => {
  const vault = await openVault();
  try {
    const id = insertRecord(vault.db);
    const saved = saveSuggestions(vault.db, id, suggestRecordFields(toPages(seedText('003'))));
    assert.deepEqual(saved.map((s) => s.field).sort(), ['creator', 'docDate', 'docNumber', 'title']);
    assert.ok(saved.every((s) => s.status === 'pending' && s.decidedAt === null));
    assert.deepEqual(listSuggestions(vault.db, id).map((s) => s.id).sort(), saved.map((s) => s.id).sort());
    for (const s of saved) acceptSuggestion(vault.db, s.id, '档案员甲');
    const r = record(vault.db, id);
    assert.equal(r.doc_date, '2015-04-14');
    assert.equal(r.doc_number, '辽教办发〔2015〕56号');
    assert.equal(r.creator, '辽宁省教育厅办公室');
    assert.match(r.title, /^辽宁省教育厅办公室转发.*实施意见》的通知$/);
    assert.ok(listSuggestions(vault.db, id).every((s) => s.status === 'accepted' && s.decidedBy === '档案员甲' && s.decidedAt !== null));
  } finally {
    vault.close();
  }
});

test('saving again replaces pending suggestions and does not offer decided values again', async () => {
  const vault = await openVault();
  try {
    const id = insertRecord(vault.db);
    const first = saveSuggestions(vault.db, id, [
      { field: 'docDate', value: '2016-04-26', pageNo: 2, evidence: '国家档案局 / 2016年4月26日', start: 5, end: 15, bbox: [1, 2, 3, 4], confidence: 0.85 },
      { field: 'title', value: '关于甲的通知', pageNo: 1, evidence: '关于甲的通知', confidence: 0.6 },
    ]);
    assert.deepEqual(first[0]!.bbox, [1, 2, 3, 4]);
    assert.deepEqual([first[0]!.start, first[0]!.end, first[0]!.pageNo], [5, 15, 2]);
    rejectSuggestion(vault.db, first[1]!.id, '档案员甲');
    const second = saveSuggestions(vault.db, id, [
      { field: 'docDate', value: '2016-04-27', pageNo: 2, evidence: 'x', confidence: 0.7 },
      { field: 'title', value: '关于甲的通知', pageNo: 1, evidence: '关于甲的通知', confidence: 0.6 },
    ]);
    assert.deepEqual(second.map((s) => s.value), ['2016-04-27'], 'the rejected title is not offered again');
    const all = listSuggestions(vault.db, id);
    assert.deepEqual(all.map((s) => `${s.field}:${s.value}:${s.status}`).sort(), ['docDate:2016-04-27:pending', 'title:关于甲的通知:rejected']);
    // accepting one suggestion of a field settles the other pending ones of that field
    const third = saveSuggestions(vault.db, id, [
      { field: 'docDate', value: '2016-04-27', pageNo: 2, evidence: 'x', confidence: 0.7 },
      { field: 'docDate', value: '2016-04-28', pageNo: 3, evidence: 'y', confidence: 0.4 },
    ]);
    acceptSuggestion(vault.db, third[0]!.id, '档案员乙');
    assert.equal(listSuggestions(vault.db, id, 'pending').length, 0);
    assert.equal(record(vault.db, id).doc_date, '2016-04-27');
    assert.equal(saveSuggestions(vault.db, id, [{ field: 'docDate', value: '2016-04-27', pageNo: 2, evidence: 'x', confidence: 0.7 }]).length, 0, 'the record already holds it');
  } finally {
    vault.close();
  }
});

test('bad input: unknown record, bad values, decided twice, no decider; nothing half-written', async () => {
  const vault = await openVault();
  try {
    const id = insertRecord(vault.db);
    assert.throws(() => saveSuggestions(vault.db, 99999, []), { code: 'RECORD_NOT_FOUND' });
    const good: Suggestion = { field: 'title', value: '关于乙的通知', pageNo: 1, evidence: 'e', confidence: 0.5 };
    assert.throws(() => saveSuggestions(vault.db, id, [good, { field: 'docDate', value: '2016-02-30', pageNo: 1, evidence: 'e', confidence: 0.5 }]), { code: 'BAD_SUGGESTION' });
    assert.throws(() => saveSuggestions(vault.db, id, [{ ...good, confidence: 1.5 }]), { code: 'BAD_SUGGESTION' });
    assert.throws(() => saveSuggestions(vault.db, id, [{ ...good, field: 'classification', value: '保守国家秘密' }]), { code: 'BAD_SUGGESTION' });
    assert.equal(listSuggestions(vault.db, id).length, 0, 'nothing saved from a rejected batch');
    const [s] = saveSuggestions(vault.db, id, [good]);
    assert.throws(() => acceptSuggestion(vault.db, s!.id, '  '), { code: 'DECIDER_REQUIRED' });
    acceptSuggestion(vault.db, s!.id, '档案员甲');
    assert.throws(() => acceptSuggestion(vault.db, s!.id, '档案员甲'), { code: 'SUGGESTION_DECIDED' });
    assert.throws(() => rejectSuggestion(vault.db, s!.id, '档案员甲'), { code: 'SUGGESTION_DECIDED' });
    assert.throws(() => acceptSuggestion(vault.db, 424242, '档案员甲'), { code: 'SUGGESTION_NOT_FOUND' });
    assert.throws(
      () => saveSuggestions(vault.db, 99999, []),
      (e: { text?: { zh: string; en: string } }) => /99999/.test(e.text?.zh ?? '') && /99999/.test(e.text?.en ?? ''),
    );
  } finally {
    vault.close();
  }
});

test('a detected state-secret mark holds the record at once, before anyone accepts anything', async () => {
  const vault = await openVault();
  try {
    const id = insertRecord(vault.db);
    saveSuggestions(vault.db, id, suggestRecordFields([{ pageNo: 1, text: secretPage }]));
    let r = record(vault.db, id);
    assert.equal(r.classified_hold, 1, 'held immediately');
    assert.equal(r.classification, 'public', 'the level itself waits for acceptance');
    const warning = vault.db.prepare("SELECT message_zh, message_en FROM record_warnings WHERE record_id = ? AND code = 'CLASSIFICATION_MARK_DETECTED'").get(id) as { message_zh: string; message_en: string };
    assert.match(warning.message_zh, /秘密★5年/);
    const log = vault.db.prepare('SELECT action, source, mark, decided_by FROM classified_holds WHERE record_id = ?').all(id);
    assert.deepEqual(log, [{ action: 'held', source: 'detected', mark: '秘密★5年', decided_by: null }]);
    // rejecting the suggestion does not lift the hold
    const mark = listSuggestions(vault.db, id).find((s) => s.field === 'classification')!;
    assert.equal(mark.value, '秘密★5年');
    rejectSuggestion(vault.db, mark.id, '档案员甲');
    r = record(vault.db, id);
    assert.equal(r.classified_hold, 1);
  } finally {
    vault.close();
  }
});

test('accepting a classification sets level, period (statutory when none printed) and hold', async () => {
  const vault = await openVault();
  try {
    const a = insertRecord(vault.db);
    const [s] = saveSuggestions(vault.db, a, [{ field: 'classification', value: '机密', pageNo: 1, evidence: '机密', confidence: 0.85 }]);
    acceptSuggestion(vault.db, s!.id, '档案员甲');
    assert.deepEqual([record(vault.db, a).classification, record(vault.db, a).classification_period, record(vault.db, a).classified_hold], ['confidential', '20年', 1]);

    const b = insertRecord(vault.db);
    const [t] = saveSuggestions(vault.db, b, [{ field: 'classification', value: '绝密★2030年12月31日', pageNo: 1, evidence: '绝密★2030年12月31日', confidence: 0.85 }]);
    acceptSuggestion(vault.db, t!.id, '档案员甲');
    assert.deepEqual([record(vault.db, b).classification, record(vault.db, b).classification_period], ['top_secret', '2030年12月31日']);

    const c = insertRecord(vault.db);
    const [u] = saveSuggestions(vault.db, c, [{ field: 'classification', value: '内部', pageNo: 1, evidence: '内部', confidence: 0.6 }]);
    assert.equal(record(vault.db, c).classified_hold, 0, '内部 is not a state secret: no hold');
    acceptSuggestion(vault.db, u!.id, '档案员甲');
    assert.deepEqual([record(vault.db, c).classification, record(vault.db, c).classified_hold], ['internal', 0]);

    // a suggestion cannot lower a state-secret classification
    const [v] = saveSuggestions(vault.db, a, [{ field: 'classification', value: '内部', pageNo: 1, evidence: '内部', confidence: 0.6 }]);
    assert.throws(() => acceptSuggestion(vault.db, v!.id, '档案员甲'), { code: 'CLASSIFICATION_DOWNGRADE' });
    assert.equal(record(vault.db, a).classification, 'confidential');
  } finally {
    vault.close();
  }
});

test('only clearClassifiedHold lifts a hold; it is logged, refused while still classified, and not re-imposed for the same mark', async () => {
  const vault = await openVault();
  try {
    const id = insertRecord(vault.db);
    const mark = detectClassificationMark({ pageNo: 1, text: secretPage });
    assert.equal(applyClassificationHold(vault.db, id, mark), true);
    assert.equal(applyClassificationHold(vault.db, id, detectClassificationMark({ pageNo: 1, text: '内部\n' })), false);
    assert.equal(applyClassificationHold(vault.db, id, null), false);
    assert.equal(record(vault.db, id).classified_hold, 1);
    assert.throws(() => clearClassifiedHold(vault.db, id, ''), { code: 'DECIDER_REQUIRED' });
    assert.equal(clearClassifiedHold(vault.db, id, '安全保密管理员'), true);
    assert.equal(record(vault.db, id).classified_hold, 0);
    assert.equal(clearClassifiedHold(vault.db, id, '安全保密管理员'), false, 'not held any more');
    const log = vault.db.prepare('SELECT action, source, mark, decided_by FROM classified_holds WHERE record_id = ? ORDER BY id').all(id);
    assert.deepEqual(log, [
      { action: 'held', source: 'detected', mark: '秘密★5年', decided_by: null },
      { action: 'cleared', source: 'manual', mark: '秘密★5年', decided_by: '安全保密管理员' },
    ]);
    // OCR runs again: the reviewed mark does not hold it again, a different mark does
    saveSuggestions(vault.db, id, suggestRecordFields([{ pageNo: 1, text: secretPage }]));
    assert.equal(record(vault.db, id).classified_hold, 0);
    saveSuggestions(vault.db, id, suggestRecordFields([{ pageNo: 1, text: secretPage.replace('秘密★5年', '机密★20年') }]));
    assert.equal(record(vault.db, id).classified_hold, 1);

    // a record accepted as classified cannot be released until its classification is lowered
    const held = insertRecord(vault.db, { classification: 'secret' });
    applyClassificationHold(vault.db, held, mark);
    assert.throws(() => clearClassifiedHold(vault.db, held, '安全保密管理员'), { code: 'STILL_CLASSIFIED' });
    assert.equal(record(vault.db, held).classified_hold, 1);
  } finally {
    vault.close();
  }
});
