/**
 * 成文日期 on pages with boxes, as OCR returns them from 300-dpi A4 scans of GB/T 9704 documents:
 * the sign-off is found by its layout (right-aligned, after the body, beside the issuing body
 * or the seal), not by the punctuation of the line above, which a page break or a seal often
 * cuts. Geometry: type area 28 mm from the left, 156 mm wide (331–2173 px), 28 characters of
 * 66 px a row, rows 121 px apart; the date ends 4 characters in from the right margin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDocDate } from '../../../native/extract/doc-date.js';
import type { BBox, PageLine, PageText } from '../../../native/extract/types.js';

const LEFT = 331;
const RIGHT = 2173;
const CH = 66;
const ROW = 121;
const TOP = 437;

type Align = 'left' | 'indent' | 'center' | 'right' | 'imprint';
/** A printed row: its text and where it is set; `at` overrides the row number (gaps, page bottom). */
interface Row {
  text: string;
  align: Align;
  at?: number;
}

/** Width in character cells: Han and full-width forms take one, digits and Latin half of one. */
const chars = (s: string): number => Array.from(s.replace(/\s+/g, '')).reduce((n, c) => n + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

function box(row: Row, n: number): BBox {
  const w = Math.min(chars(row.text), 28) * CH;
  const y = TOP + (row.at ?? n) * ROW;
  const x0 = row.align === 'left' ? LEFT : row.align === 'indent' ? LEFT + 2 * CH : row.align === 'center' ? (LEFT + RIGHT - w) / 2 : row.align === 'right' ? RIGHT - 4 * CH - w : RIGHT - w;
  return [Math.round(x0), y, Math.round(Math.min(x0 + w, RIGHT)), y + 70];
}

/** A page as OCR gives it: text, one line per row with its box and offsets. */
function page(rows: Row[], pageNo = 1, seals?: BBox[]): PageText {
  let text = '';
  const lines: PageLine[] = rows.map((r, n) => {
    const start = text.length;
    text += `${r.text}\n`;
    return { text: r.text, bbox: box(r, n), start, end: start + r.text.length };
  });
  const p: PageText = { pageNo, text, lines, width: 2480, height: 3508 };
  if (seals) p.seals = seals;
  return p;
}

const L = (text: string): Row => ({ text, align: 'left' });
const I = (text: string): Row => ({ text, align: 'indent' });
const C = (text: string): Row => ({ text, align: 'center' });
const R = (text: string, at?: number): Row => (at === undefined ? { text, align: 'right' } : { text, align: 'right', at });

/** Page 1 of a notice whose body runs on: the text block's margins are set by its full rows. */
const HEAD: Row[] = [
  C('长江市档案局文件'),
  C('长档发〔2016〕3号'),
  C('关于开展档案安全检查工作的通知'),
  L('各区县档案局，市直各单位：'),
  I('为切实做好全市档案安全工作，经研究，决定于2016年4月至6'),
  L('月开展档案安全检查工作。现将有关事项通知如下。'),
  I('一、检查范围。各区档案馆，市属各机关、企事业单位档案'),
  L('室。各单位要先行开展自查，于5月20日前将自查报告报送'),
];
/** The last body rows, cut by the page or the seal: the row above the sign-off ends mid-sentence. */
const CUT_BODY: Row[] = [I('二、工作要求。市档案局将组织抽查，对发现的问题督促限期整'), L('改，并将抽查情况通报各区县档案局和市直各单位档案部')];

const dateOf = (pages: PageText[]): string | null => findDocDate(pages)?.value ?? null;

test('a right-aligned date under the signature, with the body above cut mid-sentence', () => {
  const pages = [page([...HEAD, ...CUT_BODY, R('长江市档案局', 12), R('2016年4月26日', 13)])];
  const s = findDocDate(pages)!;
  assert.equal(s.value, '2016-04-26');
  assert.equal(s.evidence, '长江市档案局 / 2016年4月26日');
  assert.equal(pages[0]!.text.slice(s.start, s.end), '2016年4月26日');
  assert.match(s.reason!.en, /right-aligned/);
  assert.match(s.reason!.zh, /右对齐/);
});

test('the issuing body lost under the seal: the right-aligned date after the cut body still wins', () => {
  // The punctuation rule of the old scorer dropped exactly this page.
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R('2016年4月26日', 13)])]), '2016-04-26');
  // The same on its own page after a page break in mid-sentence.
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY]), page([L('门。'), R('长江市档案局', 3), R('2016年4月26日', 4)], 2)]), '2016-04-26');
});

test('a date set above the issuing body', () => {
  const s = findDocDate([page([...HEAD, ...CUT_BODY, R('2016年4月26日', 12), R('长江市档案局', 13)])])!;
  assert.equal(s.value, '2016-04-26');
  assert.equal(s.evidence, '2016年4月26日 / 长江市档案局');
  assert.match(s.reason!.en, /above the issuing body/);
});

test('a date under the seal: the ring read as junk, the issuing body and the date garbled', () => {
  const seal: BBox = [1200, 1700, 1700, 2200];
  const rows = [...HEAD, ...CUT_BODY, R('长江 市档」案局', 12), R('@ 幸 ）', 13), R('2016年4月 26日 」', 14)];
  const s = findDocDate([page(rows, 1, [seal])])!;
  assert.equal(s.value, '2016-04-26');
  assert.match(s.reason!.en, /under the seal/);
  assert.match(s.reason!.en, /misread/);
  // without the seal's box, on layout alone
  assert.equal(dateOf([page(rows)]), '2016-04-26');
});

test('Chinese-numeral dates (1999 style and older), in the forms OCR gives', () => {
  for (const d of ['二〇一六年四月二十六日', '二○一六年四月二十六日', '二O一六年四月二十六日', '二〇一六年四月廿六日']) {
    assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R(d, 13)])]), '2016-04-26', d);
    assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R('长江市档案局', 12), R(d, 13)])]), '2016-04-26', `${d} under the issuing body`);
  }
});

test('dates in the body never win, even standing alone on a wrapped row', () => {
  // 定于 / 2016年5月20日 / 在…召开: a sentence wrapped so that its date fills a row by itself.
  const wrapped = [I('全市档案安全工作会议定于'), L('2016年5月20日'), L('在市档案馆召开，请各单位派一名分管负责同志参加会议，会')];
  assert.equal(dateOf([page([...HEAD, ...wrapped, ...CUT_BODY])]), null, 'no sign-off: nothing');
  assert.equal(dateOf([page([...HEAD, ...wrapped, ...CUT_BODY, R('长江市档案局', 14), R('2016年4月26日', 15)])]), '2016-04-26');
  // A later date in the body, left-aligned under a label, loses to the earlier sign-off-shaped date.
  const table = [L('检查时间：'), L('2016年6月30日'), L('检查结果报市档案局业务指导处备案，并抄送市直各单位档案部门。')];
  assert.equal(dateOf([page([...HEAD, ...table, R('长江市档案局', 14), R('2016年4月26日', 15)])]), '2016-04-26');
  assert.equal(dateOf([page([...HEAD, ...table])]), null, 'a label and its date are not a sign-off');
});

test('the print date of the imprint (版记) is never the 成文日期', () => {
  const imprint = (line: Row[]): Row[] => [...HEAD, ...CUT_BODY, ...line];
  const printRow = { text: '长江市档案局办公室          2016年4月27日印发', align: 'left' as Align, at: 22 };
  assert.equal(dateOf([page(imprint([{ text: '抄送：市委办公室，市政府办公室。', align: 'left', at: 21 }, printRow]))]), null, 'with 抄送 and 印发');
  assert.equal(dateOf([page(imprint([printRow]))]), null, '印发 on the row');
  // OCR lost 印发 under the rule: the body at the left margin and the date at the right margin is the imprint's row.
  const lost: Row[] = [{ text: '长江市档案局办公室', align: 'left', at: 22 }, { text: '2016年4月27日', align: 'imprint', at: 22 }];
  assert.equal(dateOf([page(imprint(lost))]), null, '印发 lost, one row');
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R('长江市档案局', 12), R('2016年4月26日', 13), ...lost])]), '2016-04-26', 'the sign-off above the imprint');
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R('长江市档案局', 12), R('2016年4月26日', 13), { text: '抄送：市委办公室。', align: 'left', at: 21 }, printRow])]), '2016-04-26');
});

test('no date printed: no suggestion', () => {
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY])]), null);
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R('长江市档案局', 12)])]), null);
  assert.equal(dateOf([page([...HEAD, ...CUT_BODY, R('长江市档案局', 12), R('至GO二和年关月十元日', 13)])]), null, 'a date OCR could not read');
});

test('the sign-off wins over a right-aligned date in the header zone', () => {
  // 1999-style up-going documents print 签发人 and the date at the right of the header.
  const head = [C('长江市档案局文件'), R('2016年3月1日'), ...HEAD.slice(1)];
  assert.equal(dateOf([page([...head, ...CUT_BODY, R('长江市档案局', 13), R('2016年4月26日', 14)])]), '2016-04-26');
});

// Each cue below decides its case alone (the others leave the date at the bar), so a scorer
// that lost one of them fails here.
const textOnly = (text: string): PageText[] => [{ pageNo: 1, text }];
const BODY = '长江市档案局文件\n长档发〔2016〕3号\n关于开展档案安全检查工作的通知\n各区县档案局：\n为切实做好全市档案安全工作，经研究，决定开展档案安全检查。';

test('without boxes: a date wrapped inside a sentence of the body is not a sign-off', () => {
  assert.equal(dateOf(textOnly(`${BODY}\n全市档案安全工作会议定于\n2016年5月20日\n在市档案馆召开，请各单位派员参加。`)), null, 'preposition before');
  assert.equal(dateOf(textOnly(`${BODY}\n请各单位将自查报告于\n2016年5月20日\n前报送市档案局。`)), null, 'preposition before, 前 after');
  assert.equal(dateOf(textOnly(`${BODY}\n自查报告请在\n2016年5月20日\n前报送市档案局。`)), null);
  assert.equal(dateOf(textOnly(`${BODY}\n本办法\n2016年5月20日\n起施行。`)), null, 'continuation after');
});

test('without boxes: a label and its value, and a date in the header zone, are not sign-offs', () => {
  assert.equal(dateOf(textOnly(`${BODY}\n检查时间：\n2016年6月30日\n检查结果报市档案局备案。`)), null);
  assert.equal(dateOf(textOnly('长江市档案局文件\n2016年3月1日\n关于开展档案安全检查工作的通知\n各区县档案局：\n请认真做好档案安全检查。')), null);
});

test('without boxes, the line above cut mid-sentence no longer decides', () => {
  assert.equal(dateOf(textOnly(`${BODY}\n对发现的问题督促限期整\n长江市档案局\n2016年4月26日`)), '2016-04-26');
  assert.equal(dateOf(textOnly(`${BODY}\n对发现的问题督促限期整\n2016年4月26日`)), '2016-04-26');
});

test('right alignment alone carries a sign-off at the top of a page, issuing body lost, junk beside the date', () => {
  const p1 = page([...HEAD, ...CUT_BODY]);
  assert.equal(dateOf([p1, page([R('2016年4月26日 」', 1)], 2)]), '2016-04-26');
  // The same row set at the left margin is body text that happens to hold a date.
  assert.equal(dateOf([p1, page([{ text: '2016年4月26日', align: 'left', at: 1 }], 2)]), null);
});

test('confidence follows the layout evidence, and the reason names what took points off', () => {
  const full = findDocDate([page([...HEAD, ...CUT_BODY, R('长江市档案局', 12), R('2016年4月26日', 13)])])!;
  const bare = findDocDate(textOnly(`${BODY}\n对发现的问题督促限期整\n2016年4月26日`))!;
  assert.ok(full.confidence >= 0.9, `sign-off with issuer, right-aligned: ${full.confidence}`);
  assert.ok(bare.confidence < full.confidence && bare.confidence <= 0.7, `a standalone date without boxes: ${bare.confidence}`);
  const noisy = findDocDate([page([...HEAD, ...CUT_BODY]), page([R('2016年4月26日 」', 1)], 2)])!;
  assert.match(noisy.reason!.en, /\(minus: stray misread characters/);
  assert.match(noisy.reason!.zh, /扣分：行内有识别杂字/);
});
