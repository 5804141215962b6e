import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { main } from '../../native/cli/main.js';
import { initWorkingVault, openWorkingVault } from '../../native/pipeline/wire.js';
import { tempDir } from '../harness/temp.js';
import { ACCOUNTS, makeOperator, setupAdmins } from '../unit/search/accounts.js';
import { addRecord, CHAR_W, LINE_H, MARGIN } from '../unit/search/helpers.js';

// `lantai search` through the real CLI entry point (main(argv, io), in process) on a vault with
// real accounts: log in from LANTAI_USER + LANTAI_PASSWORD_FILE, search with filters and date
// ranges, output in Chinese, English and JSON, permissions and the audit row.

const root = tempDir();
let vaultDir: string;
const codes: Record<string, string> = {};
const passwordFiles: Record<string, string> = {};

function passwordFile(name: string, password: string): string {
  const file = path.join(root, `${name}.pw`);
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

before(async () => {
  vaultDir = path.join(root, '档案库');
  const vault = await initWorkingVault(vaultDir);
  const db = vault.db;
  const add = (key: string, r: Parameters<typeof addRecord>[1]) => {
    codes[key] = addRecord(db, r).archivalCode;
  };
  add('notice', {
    title: '关于加强档案安全工作的通知', docNumber: '档发〔2016〕6号', year: 2016, retention: 'Y', docDate: '2016-03-15', orgUnit: 'BGS',
    pages: ['各单位：\n现将有关事项通知如下。', '一、各单位要落实\n档案安全责任制，\n定期开展检查。'],
  });
  add('minutes', { title: '档案工作会议纪要', year: 2018, retention: 'D30', docDate: '2018-07-01', orgUnit: 'DAS', pages: ['会议指出，档案安全是底线。2017年5月已部署。'] });
  add('report', { title: '年度统计报表', year: 2015, retention: 'D10', docDate: '2015-12-30', categoryCode: 'KJ', pages: ['电子档案备伤介质一批。'] });
  add('secret', { title: '保密工作要点', year: 2016, classification: 'secret', docDate: '2016-05-01', pages: ['档案安全绝密事项：三号库房。'] });
  const admins = await setupAdmins(db);
  await makeOperator(admins, 'zhangsan', 'zs-口令-2024');
  vault.close();
  passwordFiles['zhangsan'] = passwordFile('zhangsan', 'zs-口令-2024');
  passwordFiles[ACCOUNTS.securityOfficer.username] = passwordFile('secoff', ACCOUNTS.securityOfficer.password);
  passwordFiles[ACCOUNTS.sysadmin.username] = passwordFile('sysadm', ACCOUNTS.sysadmin.password);
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function lantai(args: string[], user = 'zhangsan', lang: 'zh' | 'en' = 'zh'): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { LANTAI_VAULT: vaultDir, LANTAI_USER: user, LANTAI_PASSWORD_FILE: passwordFiles[user], LANTAI_LANG: lang };
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

interface JsonHit {
  archivalCode: string;
  page: number | null;
  snippet: string;
  highlights: [number, number][];
  box: number[] | null;
  matchedIn: string;
  fuzzy: boolean;
}

async function json(args: string[], user = 'zhangsan'): Promise<{ total: number; hits: JsonHit[] }> {
  const r = await lantai([...args, '--json'], user);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as { total: number; hits: JsonHit[] };
}

const codesOf = (r: { hits: JsonHit[] }) => r.hits.map((h) => h.archivalCode).sort();

test('--json lists each hit with its archival code, page, snippet and highlight box', async () => {
  const r = await json(['search', '"安全责任制"']);
  assert.equal(r.total, 1);
  const h = r.hits[0]!;
  assert.equal(h.archivalCode, codes['notice']);
  assert.equal(h.page, 2);
  assert.equal(h.snippet.slice(...h.highlights[0]!), '安全责任制');
  // 安全责任制 starts at character 2 of line 2 (index 1) of page 2.
  assert.deepEqual(h.box, [MARGIN + 2 * CHAR_W, MARGIN + LINE_H, MARGIN + 7 * CHAR_W, MARGIN + 2 * LINE_H - 4]);
});

test('the Chinese and English listings show 档号, 题名, page and the snippet with the match marked', async () => {
  const zh = await lantai(['search', '安全责任制']);
  assert.equal(zh.code, 0, zh.stderr);
  assert.match(zh.stdout, /档号\t题名\t页\t摘要/);
  assert.ok(zh.stdout.includes(`${codes['notice']}\t关于加强档案安全工作的通知\t第2页\t`), zh.stdout);
  assert.match(zh.stdout, /【安全责任制】/);
  assert.match(zh.stdout, /共 1 件/);
  const en = await lantai(['search', '安全责任制'], 'zhangsan', 'en');
  assert.match(en.stdout, /Archival code\tTitle\tPage\tSnippet/);
  assert.match(en.stdout, /\tp\.2\t/);
  assert.match(en.stdout, /\[安全责任制\]/);
  assert.match(en.stdout, /1 records/);
  const none = await lantai(['search', '兰台兰台']);
  assert.equal(none.code, 0);
  assert.match(none.stdout, /没有找到/);
  // A query split by the shell into several arguments is one query (both terms).
  assert.deepEqual(codesOf(await json(['search', '档案', '底线'])), [codes['minutes']]);
});

test('filters, date ranges in any written form, and sort order', async () => {
  assert.deepEqual(codesOf(await json(['search', '档案安全', '--year', '2016'])), [codes['notice']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--retention', 'D30'])), [codes['minutes']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--category', 'KJ'])), [codes['report']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--org', 'DAS'])), [codes['minutes']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--code', codes['notice']!.slice(0, 14)])), [codes['notice']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--classification', '公开', '--year', '2015..2016'])), [codes['notice'], codes['report']].sort());
  assert.deepEqual(codesOf(await json(['search', '档案', '--from', '2016-03-15', '--to', '2016-03-15'])), [codes['notice']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--from', '2016-03', '--to', '2016'])), [codes['notice']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--from', '二〇一八年', '--to', '2018年7月1日'])), [codes['minutes']]);
  assert.deepEqual(codesOf(await json(['search', '档案', '--from', '2017年5月', '--to', '2017年5月'])), []);
  assert.deepEqual(codesOf(await json(['search', '档案', '--from', '2017年5月', '--to', '2017年5月', '--any-date'])), [codes['minutes']], 'the date printed in the page');
  const asc = await json(['search', '档案', '--sort', 'date']);
  assert.deepEqual(asc.hits.map((h) => h.archivalCode), [codes['report'], codes['notice'], codes['minutes']]);
  const desc = await json(['search', '档案', '--sort', 'date-desc', '--limit', '2']);
  assert.equal(desc.total, 3);
  assert.deepEqual(desc.hits.map((h) => h.archivalCode), [codes['minutes'], codes['notice']]);
});

test('--fuzzy tolerates one OCR error and marks the hit as approximate', async () => {
  assert.equal((await json(['search', '电子档案备份'])).total, 0);
  const r = await json(['search', '电子档案备份', '--fuzzy']);
  assert.deepEqual(codesOf(r), [codes['report']]);
  assert.equal(r.hits[0]!.fuzzy, true);
  const zh = await lantai(['search', '电子档案备份', '--fuzzy']);
  assert.match(zh.stdout, /【电子档案备伤】介质一批。（近似）/);
});

test('permissions: the archivist does not find a classified record by its text, the security officer does, the sysadmin may not search', async () => {
  assert.ok(!codesOf(await json(['search', '绝密事项'])).includes(codes['secret']!));
  assert.ok(!codesOf(await json(['search', '档案安全'])).includes(codes['secret']!));
  const so = await json(['search', '绝密事项'], ACCOUNTS.securityOfficer.username);
  assert.deepEqual(codesOf(so), [codes['secret']]);
  assert.equal(so.hits[0]!.page, 1);
  const denied = await lantai(['search', '档案'], ACCOUNTS.sysadmin.username);
  assert.equal(denied.code, 4, denied.stdout + denied.stderr);
  assert.match(denied.stderr, /ACCESS_DENIED/);
  // Every search is in the audit log with its query.
  const vault = await openWorkingVault(vaultDir);
  try {
    const rows = vault.db.prepare("SELECT username, result, detail FROM audit_log WHERE action = 'search' ORDER BY seq").all() as { username: string; result: string; detail: string }[];
    assert.ok(rows.some((r) => r.username === 'zhangsan' && r.result === 'ok' && (JSON.parse(r.detail) as { query: string }).query === '绝密事项'));
    assert.ok(rows.some((r) => r.username === 'sysadm' && r.result === 'denied'));
  } finally {
    vault.close();
  }
});

test('bad input: no query and a bad --sort are usage errors; a bad date or query says what is wrong', async () => {
  assert.equal((await lantai(['search'])).code, 2);
  const sort = await lantai(['search', '档案', '--sort', 'random']);
  assert.equal(sort.code, 2);
  assert.match(sort.stderr, /relevance/);
  // What the person typed cannot be read: a usage error (2), like a bad --sort (issue 14).
  const date = await lantai(['search', '档案', '--from', '2016-13']);
  assert.equal(date.code, 2);
  assert.match(date.stderr, /SEARCH_OPTION_INVALID/);
  assert.match(date.stderr, /2016-13/);
  const syntax = await lantai(['search', '(档案'], 'zhangsan', 'en');
  assert.equal(syntax.code, 2);
  assert.match(syntax.stderr, /parenthesis at character 1/);
  const pw = await lantai(['search', '档案', '--password', 'x']);
  assert.equal(pw.code, 2, 'a password on the command line is refused');
});
