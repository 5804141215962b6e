/**
 * The command line as a new user meets it (issue 14): what the demo tells them to type works,
 * a folder's every refused file is named, init on a vault says so, audit times are local,
 * progress does not smear `\r` over a log, a typed `-` in a 档号 is accepted, a bad query is a
 * usage error, LANG=C is English as the README says, and a partial 档号 suggests records.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { main } from '../../native/cli/main.js';
import type { CliIO } from '../../native/cli/context.js';
import { demoMessages } from '../../native/cli/demo/messages.js';
import { localTime } from '../../native/cli/local-time.js';
import { currentLang } from '../../native/i18n/messages.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { tempDir } from '../harness/temp.js';

// Made at the top level: tempDir() removes it after the file (inside before() it would go at once).
const root = tempDir();
const vaultDir = path.join(root, 'vault');
let acc: TestAccounts;
let codes: string[] = [];

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `lantai …` in this process with the archivist's credentials (English unless env says otherwise). */
async function lantai(args: string[], env: Record<string, string> = {}, io: Partial<CliIO> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ...acc.archivist.env, LANG: 'en_US.UTF-8', ...env }, ...io });
  return { code, out, err };
}

before(async () => {
  acc = await createVaultWithAccounts(vaultDir);
  const scans = path.join(root, 'scans');
  await writeTestBatch(path.join(scans, '通知'), 2);
  await writeTestPage(path.join(scans, '报告.png'), 7, { format: 'png' });
  await writeTestPage(path.join(scans, '请示.png'), 8, { format: 'png' });
  const r = await lantai(['ingest', scans, '--fonds', 'Z109', '--category', 'WS', '--year', '2016', '--retention', 'Y', '--org', 'BGS', '--title', '关于档案工作的通知', '--json']);
  assert.equal(r.code, 0, r.out + r.err);
  codes = (JSON.parse(r.out) as { items: { archivalCode: string }[] }).items.map((i) => i.archivalCode).sort();
  assert.deepEqual(codes, ['Z109-WS·2016-Y-BGS-0001', 'Z109-WS·2016-Y-BGS-0002', 'Z109-WS·2016-Y-BGS-0003']);
});

test('the demo closes with a command that works from the project folder (npx lantai), not a bare lantai', () => {
  for (const lang of ['zh', 'en'] as const) {
    const commands = demoMessages.done[lang].split('\n').map((l) => l.trim()).filter((l) => /\blantai\b/.test(l) && !l.startsWith('export'));
    assert.ok(commands.length > 0, lang);
    for (const c of commands) assert.match(c, /^npx lantai /, `${lang}: ${c}`);
  }
});

test('a folder ingest names every refused file, not only the first', async () => {
  const folder = path.join(root, 'mixed', '公文');
  await writeTestPage(path.join(folder, '1.png'), 30, { format: 'png' });
  const good = fs.readFileSync(path.join(folder, '1.png'));
  // Truncated: passes the header look and is refused only when decoded, after the others were refused.
  fs.writeFileSync(path.join(folder, '2.png'), good.subarray(0, good.length - 40));
  fs.writeFileSync(path.join(folder, '3.png'), '');
  fs.writeFileSync(path.join(folder, '4.jpg'), 'not an image at all\n');
  const text = await lantai(['ingest', folder]);
  assert.equal(text.code, 1, text.out + text.err);
  for (const name of ['2.png', '3.png', '4.jpg']) assert.ok(text.out.includes(name), `${name} is named:\n${text.out}`);
  assert.match(text.out, /3 files refused/);
  assert.ok(!text.out.includes(`${path.sep}1.png`), 'the good file is not called refused');
  const json = await lantai(['ingest', folder, '--json']);
  const item = (JSON.parse(json.out) as { items: { status: string; error: { code: string; refused: { file: string; code: string }[] } }[] }).items[0]!;
  assert.equal(item.status, 'failed');
  assert.equal(item.error.code, 'INGEST_FILES_REFUSED');
  assert.deepEqual(item.error.refused.map((r) => [path.basename(r.file), r.code]), [['2.png', 'INGEST_CORRUPT'], ['3.png', 'INGEST_EMPTY_FILE'], ['4.jpg', 'INGEST_UNSUPPORTED_FORMAT']]);
});

test('two files of a folder that fail only when decoded are both named', async () => {
  const folder = path.join(root, 'decode', '公文');
  await writeTestPage(path.join(folder, '1.png'), 31, { format: 'png' });
  const good = fs.readFileSync(path.join(folder, '1.png'));
  fs.writeFileSync(path.join(folder, '2.png'), good.subarray(0, good.length - 40));
  const damaged = Buffer.from(good);
  damaged[damaged.length - 30] = damaged[damaged.length - 30]! ^ 0xff; // a CRC mismatch in the image data
  fs.writeFileSync(path.join(folder, '3.png'), damaged);
  const json = await lantai(['ingest', folder, '--json']);
  assert.equal(json.code, 1);
  const item = (JSON.parse(json.out) as { items: { error: { code: string; refused: { file: string; code: string }[] } }[] }).items[0]!;
  assert.equal(item.error.code, 'INGEST_FILES_REFUSED');
  assert.deepEqual(item.error.refused.map((r) => [path.basename(r.file), r.code]), [['2.png', 'INGEST_CORRUPT'], ['3.png', 'INGEST_CORRUPT']]);
});

test('init on an existing vault says it is already a vault (exit 3), in both languages', async () => {
  const en = await lantai(['init', vaultDir]);
  assert.equal(en.code, 3);
  assert.match(en.err, /\[VAULT_EXISTS\].*already a Lantai vault/);
  const zh = await lantai(['init', vaultDir, '--json'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(zh.code, 3);
  const error = (JSON.parse(zh.out) as { error: { code: string; message: { zh: string } } }).error;
  assert.equal(error.code, 'VAULT_EXISTS');
  assert.match(error.message.zh, /已经是兰台档案库/);
  // A folder of other things is still "not empty".
  const other = path.join(root, 'letters');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'a.txt'), 'x');
  assert.match((await lantai(['init', other])).err, /VAULT_NOT_EMPTY/);
});

test('audit list prints local time with its zone; --json keeps UTC', async () => {
  const auditor = { ...acc.auditor.env, TZ: 'Asia/Shanghai' };
  const json = await lantai(['audit', 'list', '--limit', '3', '--json'], auditor);
  assert.equal(json.code, 0, json.err);
  const rows = (JSON.parse(json.out) as { rows: { seq: number; at: string }[] }).rows;
  assert.ok(rows.length > 0);
  for (const r of rows) assert.match(r.at, /Z$/, 'UTC in JSON');
  const text = await lantai(['audit', 'list', '--limit', '3'], auditor);
  for (const r of rows) {
    const line = text.out.split('\n').find((l) => l.startsWith(`${r.seq}\t`))!;
    const shown = line.split('\t')[1]!;
    assert.match(shown, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00$/);
    const utc = new Date(r.at);
    const local = new Date(utc.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    assert.equal(shown, `${local} +08:00`);
  }
  assert.equal(localTime('2016-04-26T00:30:00.000Z', 'UTC'), '2016-04-26 00:30:00 +00:00');
  assert.equal(localTime('2016-04-26T00:30:00.000Z', 'America/New_York'), '2016-04-25 20:30:00 -04:00');
});

test('progress is rewritten with \\r only on a terminal; elsewhere one plain line at the end', async () => {
  const scans = path.join(root, 'progress');
  await writeTestBatch(scans, 3, { start: 50 });
  const piped = await lantai(['ingest', path.join(scans, '0001.png'), path.join(scans, '0002.png')]);
  assert.equal(piped.code, 0, piped.err);
  assert.ok(!piped.err.includes('\r'), JSON.stringify(piped.err));
  assert.ok(piped.err.split('\n').filter((l) => /^Ingest \d+\/\d+/.test(l)).length <= 1, JSON.stringify(piped.err));
  const tty = await lantai(['ingest', path.join(scans, '0003.png')], {}, { isTTY: true });
  assert.equal(tty.code, 0, tty.err);
  assert.match(tty.err, /\rIngest \d+\/\d+/);
});

test('a 档号 typed with - where it has · is accepted by show and by the search --code filter', async () => {
  const shown = await lantai(['show', 'Z109-WS-2016-Y-BGS-0002', '--json']);
  assert.equal(shown.code, 0, shown.out + shown.err);
  assert.equal((JSON.parse(shown.out) as { record: { archivalCode: string } }).record.archivalCode, 'Z109-WS·2016-Y-BGS-0002');
  assert.equal((await lantai(['show', 'Z109-WS.2016-Y-BGS-0002'])).code, 0, 'the . of some keyboards too');
  const found = await lantai(['search', '档案工作', '--code', 'Z109-WS-2016', '--json']);
  assert.equal(found.code, 0, found.out + found.err);
  assert.equal((JSON.parse(found.out) as { total: number }).total, codes.length);
});

test('a query that cannot be read is a usage error (exit 2)', async () => {
  for (const q of ['(档案', '档案 OR', '"档案']) {
    const r = await lantai(['search', q]);
    assert.equal(r.code, 2, `${q}: ${r.err}`);
    assert.match(r.err, /SEARCH_QUERY_SYNTAX/);
  }
  assert.equal((await lantai(['search', '档案', '--code', 'Z109', '--year', '20x6'])).code, 2);
});

test('LANG=C, POSIX and no locale are English, as the README says; zh_* is Chinese', async () => {
  assert.equal(currentLang({ LANG: 'C' }), 'en');
  assert.equal(currentLang({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(currentLang({ LC_ALL: 'POSIX' }), 'en');
  assert.equal(currentLang({}), 'en');
  assert.equal(currentLang({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(currentLang({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }), 'en', 'LC_ALL wins, as in every POSIX program');
  assert.equal(currentLang({ LANG: 'C', LANTAI_LANG: 'zh' }), 'zh');
  const help = await lantai(['--help'], { LANG: 'C' });
  assert.match(help.out, /^Usage: lantai/);
});

test('show by a partial 档号 lists the records it could mean', async () => {
  const partial = await lantai(['show', 'WS·2016-Y-BGS-000']);
  assert.equal(partial.code, 1);
  assert.match(partial.err, /RECORD_NOT_FOUND/);
  assert.match(partial.err, /Did you mean/);
  for (const c of codes) assert.ok(partial.err.includes(c), `${c} offered:\n${partial.err}`);
  const json = await lantai(['show', 'Z109-WS-2016-Y-BGS-00', '--json']);
  const error = (JSON.parse(json.out) as { error: { details: { candidates: { archivalCode: string }[] } } }).error;
  assert.deepEqual(error.details.candidates.map((c) => c.archivalCode), codes);
  const none = await lantai(['show', 'ZZZ-nothing-like-it']);
  assert.equal(none.code, 1);
  assert.doesNotMatch(none.err, /Did you mean/);
});
