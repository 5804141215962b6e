import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setAccessStatus } from '../../native/review/classification.js';
import { recordPages } from '../../native/catalog/records.js';
import type { Db } from '../../native/db/database.js';
import { isVaultError } from '../../native/errors.js';
import { ingest } from '../../native/ingest/ingest-job.js';
import type { IngestMetadata } from '../../native/ingest/metadata.js';
import { commitPageText } from '../../native/ocr/queue.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { continueRebuild, rebuildBatch, reindexAll, startRebuild } from '../../native/search/indexer.js';
import { rebuildProgress } from '../../native/search/rebuild-state.js';
import { search } from '../../native/search/search.js';
import type { SearchOptions, SearchResult } from '../../native/search/types.js';
import { Vault } from '../../native/vault/vault.js';
import { VaultApi, type Session } from '../../native/api/index.js';
import { createVaultWithAccounts, loginAs, type TestAccount, type TestAccounts } from '../harness/accounts.js';
import { seededRandom } from '../harness/random.js';
import { writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';
import { layoutFor } from '../unit/search/helpers.js';

// The visibility differential (issue 17). What an archivist finds of a record they may see only
// by its catalog line must not depend on what its pages say: every result is compared with the
// result over a copy of the vault in which those records have no page text at all (and so no
// grams, dates, suggestions … derived from it). Records are ingested and their page text
// stored through the OCR queue's own commit (which indexes and extracts, and puts a record whose
// first page carries a 秘密/机密 mark under 涉密 hold), so the real indexer runs.

/** The entry point people use; one line so it can be re-pointed at VaultApi's search. */
/** The archivist's and the security officer's searches go through the one engine face (VaultApi), as the CLI's and the desktop's do. */
const personSearch = (side: Side, who: 'archivist' | 'security', query: string, options: SearchOptions): SearchResult => side.api.search.query(side[who], { ...options, query });

interface Spec {
  key: string;
  meta: IngestMetadata;
  pages: string[];
  /** How the record comes to be hidden from the archivist's content rule. */
  hidden?: 'mark' | 'restricted' | 'classified';
}

const BASE = { fondsCode: 'Z109', categoryCode: 'WS', retention: 'Y', orgUnit: 'BGS' };

// Catalog fields differ on purpose from what the pages say (years, dates, titles, 文号).
const SPECS: Spec[] = [
  { key: 'v1', meta: { ...BASE, year: 2016, title: '档案安全工作年度总结', docNumber: '档办发〔2016〕3号', docDate: '2016-04-01' },
    pages: ['档案馆安全检查于2016年4月1日完成。\n设备运行正常，核心设施完好。', '附件：检查记录表 2016-04-02\n联系人：李明'] },
  { key: 'v2', meta: { ...BASE, year: 2015, title: '关于设备采购的通知', docDate: '2015-06-10', retention: 'D30' },
    pages: ['采购设备清单\n二〇一五年六月十日印发\n会议纪要另发'] },
  { key: 'v3', meta: { ...BASE, year: 2017, title: '会议纪要', orgUnit: 'RSC' },
    pages: ['2017年3月5日召开会议，研究核心设施维修事宜。\n参加人员：王建国、李明'] },
  { key: 'v4', meta: { ...BASE, year: 2018, title: '人员培训计划', docDate: '2018-01-01', categoryCode: 'KJ' },
    pages: ['培训于2018年1月举行。\n地点：三号楼会议室', '培训内容：档案数字化、口令管理'] },
  { key: 'v5', meta: { ...BASE, year: 2009, title: '关于设备维修的请示', docNumber: '档保发〔2009〕2号', docDate: '2009-11-20', retention: 'D10' },
    pages: ['设备维修请示\n2009年11月20日\n改造工程预算'] },
  { key: 'h1', hidden: 'mark', meta: { ...BASE, year: 2009, title: '关于设备采购的请示' },
    pages: ['秘密★10年\n关于核心设施改造的报告\n档保发〔2017〕12号\n2017年3月5日', '改造工程于二〇一七年三月五日开工，预计2017-09-30完工。\n联系人：王建国，密码柜钥匙由保卫处保管'] },
  { key: 'h2', hidden: 'mark', meta: { ...BASE, year: 2012, title: '年度工作计划', docDate: '2012-05-01', orgUnit: 'RSC' },
    pages: ['机密★20年\n三号楼口令本保管办法\n2019.07.15\n密码柜位于地下二层'] },
  { key: 's1', hidden: 'classified', meta: { ...BASE, year: 2014, title: '保密检查通知', docDate: '2014-02-02', classification: 'secret', classificationPeriod: '10年' },
    pages: ['检查组于2014年2月2日到达。\n口令本另存于核心设施。\n2020年5月复查'] },
  { key: 'r1', hidden: 'restricted', meta: { ...BASE, year: 2016, title: '控制使用的材料', docDate: '2016-08-08' },
    pages: ['维修记录：2017年3月5日更换核心设施部件\n2021年10月验收\n档办发〔2021〕7号'] },
  { key: 'r2', hidden: 'restricted', meta: { ...BASE, year: 2010, title: '人事档案目录', categoryCode: 'KJ' },
    pages: ['二〇一三年十二月 调动记录\n王建国 调入保卫处', '档案移交清单 2013/12/31'] },
];

// Made at the top level: a temp folder made inside before() is removed when that hook ends.
const root = tempDir();
let accounts: TestAccounts;
const ids = new Map<string, number>();
const hiddenKeys = SPECS.filter((s) => s.hidden).map((s) => s.key);
/** The held record the security officer later approves for the archivist. */
const GRANTED = 'h1';

interface Side {
  api: VaultApi;
  vault: Vault;
  archivist: Session;
  security: Session;
}
let original: Side;
/** Every hidden record's page text removed. */
let noneVisible: Side;
/** Every hidden record's page text removed except GRANTED's (approved for the archivist there too). */
let grantedVisible: Side;

let pageImage = 0;

async function ingestRecord(vault: Vault, spec: Spec): Promise<number> {
  const dir = path.join(root, 'scans', spec.key);
  for (let i = 0; i < spec.pages.length; i++) await writeTestPage(path.join(dir, `${i + 1}.png`), ++pageImage, { width: 200, height: 280 });
  const summary = await ingest(vault, { paths: [dir], metadata: spec.meta });
  const id = summary.items[0]?.recordId;
  if (summary.status !== 'done' || id === undefined) throw new Error(`ingest of ${spec.key} failed: ${JSON.stringify(summary.items)}`);
  return id;
}

/** Stores a page's text the way the OCR queue does (commit → index → extract on the last page). */
function storeText(db: Db, pageId: number, text: string): void {
  commitPageText(db, pageId, {
    text, layout: layoutFor(text), meanConfidence: 90, engine: 'test', engineVersion: '0', model: 'none', modelVersion: '0',
    settings: { languages: 'chi_sim', psm: 6, oem: 'LSTM_ONLY', rotateAuto: false, steps: [], details: {} }, rotation: 0,
  });
}

async function buildOriginal(vaultDir: string): Promise<void> {
  accounts = await createVaultWithAccounts(vaultDir);
  const vault = await openWorkingVault(vaultDir);
  try {
    const security = await loginAs(vault.db, accounts.security);
    for (const spec of SPECS) {
      const id = await ingestRecord(vault, spec);
      ids.set(spec.key, id);
      recordPages(vault.db, id).forEach((p, i) => storeText(vault.db, p.id, spec.pages[i]!));
      if (spec.hidden === 'restricted') setAccessStatus(security, id, 'restricted', '含个人信息，控制使用');
    }
    for (const spec of SPECS.filter((s) => s.hidden === 'mark')) {
      const held = vault.db.prepare('SELECT classified_hold FROM records WHERE id = ?').pluck().get(ids.get(spec.key)) as number;
      assert.equal(held, 1, `${spec.key}: the mark on page 1 puts the record under 涉密 hold`);
    }
  } finally {
    vault.close();
  }
}

/** Removes the page text of these records and everything derived from it, then rebuilds the index. */
function removeText(db: Db, keys: string[]): void {
  const recordIds = JSON.stringify(keys.map((k) => ids.get(k)!));
  db.transaction(() => {
    db.prepare('DELETE FROM page_text WHERE page_id IN (SELECT id FROM pages WHERE record_id IN (SELECT value FROM json_each(?)))').run(recordIds);
    db.prepare('DELETE FROM record_suggestions WHERE record_id IN (SELECT value FROM json_each(?))').run(recordIds);
  })();
  reindexAll(db);
}

async function openSide(dir: string): Promise<Side> {
  const api = await VaultApi.open(dir);
  const login = (a: TestAccount) => api.accounts.login(a.username, a.password, 'test');
  return { api, vault: api.vault, archivist: await login(accounts.archivist), security: await login(accounts.security) };
}

function grant(side: Side): number {
  const [g] = side.api.review.grant(side.security, {
    username: accounts.archivist.username, recordIds: [ids.get(GRANTED)!], scope: 'view', purpose: '编研利用',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  return g!.id;
}

before(async () => {
  const dirs = { original: path.join(root, 'vault'), none: path.join(root, 'copy-none'), granted: path.join(root, 'copy-granted') };
  await buildOriginal(dirs.original);
  fs.cpSync(dirs.original, dirs.none, { recursive: true });
  fs.cpSync(dirs.original, dirs.granted, { recursive: true });
  original = await openSide(dirs.original);
  noneVisible = await openSide(dirs.none);
  removeText(noneVisible.vault.db, hiddenKeys);
  grantedVisible = await openSide(dirs.granted);
  removeText(grantedVisible.vault.db, hiddenKeys.filter((k) => k !== GRANTED));
  grant(grantedVisible);
});

after(() => {
  for (const side of [original, noneVisible, grantedVisible]) side?.api.close();
});

// ── queries ─────────────────────────────────────────────────────────────────────────────────

interface Case {
  query: string;
  options: SearchOptions;
}

/** Characters that are query syntax (or spaces): a sampled term must not contain them. */
const SYNTAX = /[\s"“”＂()（）|｜\-－:：]/;

function hiddenTexts(): string[] {
  return SPECS.filter((s) => s.hidden).flatMap((s) => s.pages.flatMap((p) => p.split('\n')));
}

/** Substrings of 1–6 characters of the hidden records' page text. */
function sampledTerms(rand: () => number, perLength: number): string[] {
  const lines = hiddenTexts();
  const out = new Set<string>();
  for (let len = 1; len <= 6; len++) {
    for (let tries = 0, n = 0; n < perLength && tries < perLength * 20; tries++) {
      const line = Array.from(lines[Math.floor(rand() * lines.length)]!);
      if (line.length < len) continue;
      const at = Math.floor(rand() * (line.length - len + 1));
      const term = line.slice(at, at + len).join('');
      if (SYNTAX.test(term) || /^(OR|AND|NOT)$/i.test(term) || out.has(term)) continue;
      out.add(term);
      n++;
    }
  }
  return [...out];
}

/** Every date printed in the hidden records' text, as YYYY-MM-DD (the forms vary on the page). */
const HIDDEN_DATES = ['2017-03-05', '2017-09-30', '2019-07-15', '2014-02-02', '2020-05-01', '2021-10-01', '2013-12-01', '2013-12-31'];
const VISIBLE_TERMS = ['档案', '设备', '会议', '核心设施', '王建国', '三号楼', '培训', '请示', '档办发', '维修'];
const TITLES = SPECS.map((s) => s.meta.title!);

function dateCases(): Case[] {
  const out: Case[] = [];
  const queries = ['"关于设备采购的请示"', '请示', '设备 OR 档案 OR 计划 OR 通知 OR 材料 OR 目录 OR 纪要', 'year:2009..2021'];
  for (const d of HIDDEN_DATES) {
    const [y, m] = d.split('-');
    const ranges: Pick<SearchOptions, 'from' | 'to'>[] = [{ from: d, to: d }, { from: `${y}-${m}`, to: `${y}-${m}` }, { from: y, to: y }, { from: d }, { to: d }];
    for (const q of queries) for (const r of ranges) for (const dateField of ['anyDate', 'docDate'] as const) out.push({ query: q, options: { ...r, dateField } });
  }
  return out;
}

function combinationCases(rand: () => number, terms: string[]): Case[] {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const out: Case[] = [];
  for (let i = 0; i < 60; i++) {
    const h = pick(terms);
    const v = pick(VISIBLE_TERMS);
    const t = `"${pick(TITLES)}"`;
    out.push(
      { query: [`${h} ${v}`, `${h} OR ${v}`, `${v} -${h}`, `${t} -${h}`, `(${h} OR ${t}) -${v}`, `NOT ${h}`][i % 6]!, options: {} },
    );
  }
  return out;
}

function fuzzyCases(rand: () => number, terms: string[]): Case[] {
  const out: Case[] = [];
  for (const term of terms.filter((t) => Array.from(t).length >= 3)) {
    const cps = Array.from(term);
    cps[Math.floor(rand() * cps.length)] = '丁';
    out.push({ query: term, options: { fuzzy: true } }, { query: cps.join(''), options: { fuzzy: true } });
  }
  return out;
}

const FILTERS: NonNullable<SearchOptions['filters']>[] = [
  { year: '2009' }, { year: '2009..2017' }, { retention: 'Y' }, { classification: 'secret' }, { category: 'WS' }, { org: 'RSC' },
  { code: 'Z109-WS' }, { fonds: 'Z109' },
];

function filterCases(terms: string[]): Case[] {
  const out: Case[] = [];
  FILTERS.forEach((filters, i) => {
    for (const q of [terms[i % terms.length]!, terms[(i * 7 + 3) % terms.length]!, '请示 OR 计划 OR 材料']) out.push({ query: q, options: { filters } });
    const [name, value] = Object.entries(filters)[0]!;
    out.push({ query: `${terms[(i * 5 + 1) % terms.length]!} ${name}:${value}`, options: {} });
  });
  return out;
}

/** Sorting, paging and all-pages variants of the cases, rotated so each case gets one. */
const VARIANTS: SearchOptions[] = [
  {}, { sort: 'dateAsc' }, { sort: 'dateDesc' }, { offset: 1, limit: 2 }, { offset: 2, limit: 1, sort: 'dateAsc' },
  { pages: 'all' }, { pages: 'all', offset: 1, limit: 3 }, { pages: 'all', sort: 'dateDesc' },
];

function allCases(): Case[] {
  const rand = seededRandom(17);
  const terms = sampledTerms(rand, 14);
  const base: Case[] = [
    ...terms.map((t) => ({ query: t, options: {} })),
    ...terms.filter((t) => Array.from(t).length >= 2).map((t) => ({ query: `"${t}"`, options: {} })),
    ...dateCases(),
    ...combinationCases(rand, terms),
    ...fuzzyCases(rand, terms),
    ...filterCases(terms),
  ];
  return base.map((c, i) => ({ query: c.query, options: { limit: 50, ...VARIANTS[i % VARIANTS.length]!, ...c.options } }));
}

const CASES = allCases();

// ── comparing ───────────────────────────────────────────────────────────────────────────────

/** Everything a person is shown (not the timing); an error by its code. */
function shown(run: () => SearchResult): unknown {
  try {
    const { tookMs: _took, ...rest } = run();
    return rest;
  } catch (e) {
    if (isVaultError(e)) return { error: e.code };
    throw e;
  }
}

function label(c: Case): string {
  return `${c.query} ${JSON.stringify(c.options)}`;
}

/** Fails with the first few differing cases (and how many there were). */
function assertSame(cases: Case[], left: (c: Case) => unknown, right: (c: Case) => unknown): void {
  const diffs: string[] = [];
  for (const c of cases) {
    const a = left(c);
    const b = right(c);
    try {
      assert.deepStrictEqual(a, b);
    } catch {
      diffs.push(`${label(c)}\n    got      ${JSON.stringify(a).slice(0, 600)}\n    expected ${JSON.stringify(b).slice(0, 600)}`);
    }
  }
  assert.equal(diffs.length, 0, `${diffs.length} of ${cases.length} queries differ:\n  ${diffs.slice(0, 8).join('\n  ')}`);
}

const asPerson = (side: Side, who: 'archivist' | 'security') => (c: Case) => shown(() => personSearch(side, who, c.query, c.options));

test('the generated queries cover what they should', () => {
  assert.ok(CASES.length >= 300, `${CASES.length} queries`);
  // The issue's case is among them and, without the rule, reveals the held record.
  const issue = { dateField: 'anyDate', from: '2017', to: '2017' } as const;
  const unrestricted = search(original.vault.db, '"关于设备采购的请示"', { ...issue, includeClassified: true }).hits.map((h) => h.recordId);
  assert.deepEqual(unrestricted, [ids.get('h1')]);
});

test('the archivist sees a held or restricted record exactly as if its pages had no text', () => {
  assertSame(CASES, asPerson(original, 'archivist'), asPerson(noneVisible, 'archivist'));
});

test('the issue 17 query: a held record is not dated by the dates printed on its pages', () => {
  const r = personSearch(original, 'archivist', '"关于设备采购的请示"', { dateField: 'anyDate', from: '2017-01-01', to: '2017-12-31' });
  assert.deepEqual(r.hits.map((h) => h.recordId), []);
  // By its catalog line it is found (year 2009, no 成文日期).
  assert.deepEqual(personSearch(original, 'archivist', '"关于设备采购的请示"', {}).hits.map((h) => h.recordId), [ids.get('h1')]);
});

test('an approval makes that record visible to the archivist, and revoking it hides it again', () => {
  const grantId = grant(original);
  assertSame(CASES, asPerson(original, 'archivist'), asPerson(grantedVisible, 'archivist'));
  original.api.review.revoke(original.security, grantId);
  // The state is the first test's again, checked there with every query: a third here.
  assertSame(CASES.filter((_, i) => i % 3 === 0), asPerson(original, 'archivist'), asPerson(noneVisible, 'archivist'));
});

test('the security officer sees what an unrestricted search of the vault finds', () => {
  assertSame(CASES, asPerson(original, 'security'), (c) => shown(() => search(original.vault.db, c.query, { includeClassified: true, ...c.options })));
});

test('the suggestions of a held record (read from its pages) are not shown to the archivist by deciding them', () => {
  const db = original.vault.db;
  const held = SPECS.filter((s) => s.hidden === 'mark').map((s) => ids.get(s.key)!);
  const rows = db.prepare(`SELECT id, record_id AS recordId FROM record_suggestions WHERE record_id IN (${held.join(',')}) AND status = 'pending'`).all() as { id: number; recordId: number }[];
  assert.ok(rows.length > 0, 'extraction suggested fields for the held records');
  for (const r of rows) {
    for (const decide of [original.api.records.acceptSuggestion, original.api.records.rejectSuggestion]) {
      assert.throws(() => decide.call(original.api.records, original.archivist, r.recordId, r.id), (e: unknown) => isVaultError(e) && e.code === 'ACCESS_DENIED');
    }
    assert.throws(() => original.api.records.suggestions(original.archivist, r.recordId), (e: unknown) => isVaultError(e) && e.code === 'ACCESS_DENIED');
  }
  assert.equal((db.prepare(`SELECT count(*) FROM record_suggestions WHERE record_id IN (${held.join(',')}) AND status <> 'pending'`).pluck().get() as number), 0, 'nothing was decided');
});

// ── while the index is being rebuilt ────────────────────────────────────────────────────────

/** Puts a side's index into a rebuild that has reached about `share` of its records (0: none). */
function rebuildUpTo(side: Side, share: number): void {
  const db = side.vault.db;
  startRebuild(db);
  const target = Math.round([...ids.values()].length * share);
  while ((rebuildProgress(db)?.done ?? Infinity) < target) rebuildBatch(db, 1);
}

async function finishRebuild(side: Side): Promise<void> {
  await continueRebuild(side.vault.db);
}

test('while the index is being rebuilt, the archivist still sees a held or restricted record as if its pages had no text', async () => {
  try {
    for (const share of [0, 0.5]) {
      rebuildUpTo(original, share);
      rebuildUpTo(noneVisible, share);
      const r = personSearch(original, 'archivist', '档案', {});
      assert.ok(r.rebuilding, `share ${share}: results say the index is being rebuilt`);
      // Every hidden record must be past the place for the fallback to be tested on it at 0.
      assertSame(CASES.filter((_, i) => i % 2 === share * 2), asPerson(original, 'archivist'), asPerson(noneVisible, 'archivist'));
      await finishRebuild(original);
      await finishRebuild(noneVisible);
    }
  } finally {
    await finishRebuild(original);
    await finishRebuild(noneVisible);
  }
});

test('while the index is being rebuilt, the security officer finds what the whole index finds', async () => {
  const without = (r: SearchResult) => {
    const { rebuilding: _r, ...rest } = r;
    return rest;
  };
  const cases = CASES.filter((_, i) => i % 2 === 1);
  const expected = new Map(cases.map((c) => [c, shown(() => without(personSearch(original, 'security', c.query, c.options)))]));
  try {
    rebuildUpTo(original, 0.5);
    assertSame(cases, (c) => shown(() => without(personSearch(original, 'security', c.query, c.options))), (c) => expected.get(c));
  } finally {
    await finishRebuild(original);
  }
});
