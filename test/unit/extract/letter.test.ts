/**
 * 函 misread by OCR (letter.ts): the shipped model reads 函 in a Song face as 本, 画, 丁, 酌…, in
 * the 文号 and at the end of the title alike. The title's 文种 and the 机关代字's make-up
 * (the issuing body's name plus a kind character) tell a letter, and only then is either put right.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { readLetter } from '../../../native/extract/letter.js';
import { suggestRecordFields } from '../../../native/extract/suggest.js';
import { pageTextOf } from '../../../native/extract/page-text.js';
import { ocrPage } from '../../../native/ocr/page.js';
import { OcrPool } from '../../../native/ocr/pool.js';
import { generateSampleScans, sourceDocuments } from '../../../native/samples/generate.js';
import { tempDir } from '../../harness/temp.js';

const TITLE = '关于接收2010年度到期移交档案的函';
const HEADER = ['杭州市档案馆'];

test('a letter with 函 misread in the 文号, in the title or in both gets both right', () => {
  assert.deepEqual(readLetter('关于接收2010年度到期移交档案的画', '杭档本', HEADER), { agencyCode: '杭档函', title: TITLE });
  assert.deepEqual(readLetter(TITLE, '杭档丁', HEADER), { agencyCode: '杭档函' });
  assert.deepEqual(readLetter('关于接收2010年度到期移交档案的酌', '杭档函', HEADER), { title: TITLE });
  assert.deepEqual(readLetter('关于接收2010年度到期移交档案的 丽 ', '杭 档 丽', HEADER).title, '关于接收2010年度到期移交档案的 函 ');
});

test('nothing is changed where the title is no letter or the code is explained', () => {
  // Not a letter: a 通知 whose code ends in a character neither in the name nor a kind character.
  assert.deepEqual(readLetter('关于开展档案安全检查工作的通知', '杭档本', HEADER), {});
  // A letter whose code ends in a character of the body's name, or in a kind character.
  assert.deepEqual(readLetter('关于商请协助查档的函', '郑档', ['郑州市档案局']), {});
  assert.deepEqual(readLetter('关于商请协助查档的函', '国办发', ['国务院办公厅']), {});
  assert.deepEqual(readLetter('关于商请协助查档的函', '杭档字', HEADER), {});
  // A title ending in a cut-off two-character 文种 (…的通) is no misread 函; nor is 令.
  assert.deepEqual(readLetter('关于开展档案安全检查工作的通', '杭档本', HEADER), {});
  assert.deepEqual(readLetter('关于公布档案开放目录的令', '杭档本', HEADER), {});
  // Without a title or a code there is nothing to weigh.
  assert.deepEqual(readLetter(null, '杭档本', HEADER), {});
  assert.deepEqual(readLetter(TITLE, null, HEADER), {});
});

let pool: OcrPool;
before(() => {
  pool = new OcrPool({ size: 1 });
});
after(async () => {
  await pool.terminate();
});

test('on the real OCR of rendered scans, the letter gets 杭档函〔2020〕45号 and its title, the 通知 keeps its own', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const manifest = await generateSampleScans(path.join(dir, 'scans'), { documents: sourceDocuments(null).length, seedsDir: null, maxPagesPerDocument: 1 });
  const fields = async (id: string) => {
    const doc = manifest.documents.find((d) => d.id === id)!;
    const page = doc.pages[0]!;
    const image = path.join(dir, 'scans', doc.folder, page.file);
    const r = await ocrPage(pool, { greyFile: image, colourFile: image, dpi: page.dpi });
    const got = Object.fromEntries(suggestRecordFields([pageTextOf(1, r.text, r.layout)]).map((s) => [s.field, s.value]));
    return { doc, got, text: r.text };
  };
  const letter = await fields('hangdanghan-2020-45');
  assert.equal(letter.got['docNumber'], letter.doc.docNumber, `read: ${letter.text}`);
  assert.equal(letter.got['title'], TITLE, `read: ${letter.text}`);
  const notice = manifest.documents.find((d) => d.id !== 'hangdanghan-2020-45' && /通知$/.test(d.title))!;
  const other = await fields(notice.id);
  assert.equal(other.got['docNumber'], notice.docNumber, `read: ${other.text}`);
});
