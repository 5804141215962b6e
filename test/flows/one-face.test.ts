/**
 * One engine face: the same operation asked through the CLI and through the desktop's handler
 * table gives the same result, the same totals and the same audit row (action, object,
 * result and the detail's fields), because both only call VaultApi.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { dispatch, closeVault, newShellState, type ShellState } from '../../electron/main/handlers.js';
import type { Channel, Req, Res } from '../../electron/contract.js';
import { main } from '../../native/cli/main.js';
import { createVaultWithAccounts, type TestAccount, type TestAccounts } from '../harness/accounts.js';
import { writeTestBatch, writeTestPage } from '../harness/scans.js';
import { recordingHost } from '../harness/desktop-host.js';
import { tempDir } from '../harness/temp.js';

interface AuditLine {
  seq: number;
  action: string;
  object_type: string;
  result: string;
  detail: string;
  device: string;
}

// Made at the top level: tempDir() removes it after the file (inside before() it would go at once).
const root = tempDir();
const vaultDir = path.join(root, 'vault');
let acc: TestAccounts;
let state: ShellState;
const { host, events } = recordingHost();

/** Runs `lantai …` in this process as the person; returns the exit code and the one JSON document. */
async function cli(person: TestAccount, args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--json'], { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ...person.env, LANG: 'C' } });
  assert.ok(out.trim().length > 0, `lantai ${args.join(' ')} printed no JSON: ${err}`);
  return { code, json: JSON.parse(out) as Record<string, unknown> };
}

async function desk<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const r = await dispatch(state, host, channel, request);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message.en}`);
  return r.value as Res<C>;
}

function auditAfter(seq: number): AuditLine[] {
  const db = new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT seq, action, object_type, result, detail, device FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as AuditLine[];
  } finally {
    db.close();
  }
}

function lastSeq(): number {
  const rows = auditAfter(0);
  return rows[rows.length - 1]?.seq ?? 0;
}

/** The rows an operation wrote besides the CLI's own login and logout. */
function operationRows(rows: AuditLine[]): { action: string; objectType: string; result: string; detailKeys: string[] }[] {
  return rows
    .filter((r) => r.action !== 'login' && r.action !== 'logout')
    .map((r) => ({ action: r.action, objectType: r.object_type, result: r.result, detailKeys: Object.keys(JSON.parse(r.detail) as object).sort() }));
}

/** Runs the same operation through both faces and returns what each wrote to the audit log. */
async function both<T, U>(viaCli: () => Promise<T>, viaDesktop: () => Promise<U>): Promise<{ cli: T; desktop: U; cliRows: ReturnType<typeof operationRows>; desktopRows: ReturnType<typeof operationRows> }> {
  const s0 = lastSeq();
  const c = await viaCli();
  const s1 = lastSeq();
  const d = await viaDesktop();
  const cliRows = operationRows(auditAfter(s0).filter((r) => r.seq <= s1));
  const desktopRows = operationRows(auditAfter(s1));
  assert.ok(auditAfter(s0).filter((r) => r.seq <= s1).every((r) => r.device.startsWith('cli@')), 'the CLI writes its device');
  assert.ok(auditAfter(s1).every((r) => r.device === 'desktop-test'), 'the desktop writes its device');
  return { cli: c, desktop: d, cliRows, desktopRows };
}

before(async () => {
  acc = await createVaultWithAccounts(vaultDir);
  await writeTestBatch(path.join(root, 'a', '通知'), 2);
  await writeTestPage(path.join(root, 'a', '报告.png'), 7, { format: 'png' });
  await writeTestBatch(path.join(root, 'b', '通知'), 2, { start: 20 });
  await writeTestPage(path.join(root, 'b', '报告.png'), 27, { format: 'png' });
  state = newShellState();
  await desk('vault:open', { path: vaultDir });
  await desk('auth:login', { username: acc.archivist.username, password: acc.archivist.password });
});

after(() => closeVault(state));

test('ingest: the same summary and the same audit row from the CLI and the desktop', async () => {
  const meta = { fonds: 'Z109', year: '2016', retention: 'Y', org: '办公室' };
  const r = await both(
    () => cli(acc.archivist, ['ingest', path.join(root, 'a'), '--fonds', meta.fonds, '--year', meta.year, '--retention', meta.retention, '--org', meta.org]),
    async () => {
      const { jobId } = await desk('ingest:start', { paths: [path.join(root, 'b')], metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y', orgUnit: '办公室' } });
      for (let i = 0; i < 600 && !events.some((e) => e.type === 'ingest:done'); i++) await new Promise((res) => setTimeout(res, 50));
      const done = events.find((e) => e.type === 'ingest:done');
      assert.ok(done && done.type === 'ingest:done' && done.result.ok, 'the desktop ingest finished');
      assert.equal(done.jobId, jobId, 'ingest:start named the job its events carry');
      assert.ok(events.some((e) => e.type === 'job:progress' && e.progress.kind === 'ingest' && e.progress.jobId === jobId), 'progress in the one job shape');
      return done.result.value;
    },
  );
  assert.equal(r.cli.code, 0);
  const cliItems = (r.cli.json['items'] as { status: string; pageCount: number }[]).map((i) => [i.status, i.pageCount]);
  const deskItems = r.desktop.items.map((i) => [i.status, i.pageCount]);
  assert.deepEqual(deskItems, cliItems, 'one item per folder or file, the same default on both faces');
  assert.deepEqual(r.desktopRows, r.cliRows);
  assert.deepEqual(r.cliRows.map((x) => [x.action, x.objectType, x.result]), [['ingest', 'ingest_job', 'ok']]);
});

test('list, show, search and jobs: the same answers, totals and audit rows', async () => {
  const list = await both(() => cli(acc.archivist, ['list', '--year', '2016']), () => desk('records:list', { year: 2016, limit: 1000 }));
  assert.equal(list.desktop.total, list.cli.json['total']);
  assert.deepEqual(list.desktop.records.map((x) => x.archivalCode), (list.cli.json['records'] as { archivalCode: string }[]).map((x) => x.archivalCode));
  assert.equal(list.desktop.total, 4);
  assert.deepEqual(list.desktopRows, list.cliRows);

  const first = list.desktop.records[0]!;
  const show = await both(() => cli(acc.archivist, ['show', first.archivalCode]), () => desk('records:get', { id: first.id }));
  assert.deepEqual(show.desktop.record, show.cli.json['record']);
  assert.deepEqual(show.desktop.pages.map((p) => [p.pageNo, p.imageSha256, p.ocr]), (show.cli.json['pages'] as { pageNo: number; imageSha256: string; ocr: string | null }[]).map((p) => [p.pageNo, p.imageSha256, p.ocr]));
  assert.deepEqual(show.desktopRows, show.cliRows);
  assert.deepEqual(show.cliRows.map((x) => x.action), ['view_record']);

  // Filters and a date range: the desktop used to drop the filters and count after paging.
  const search = await both(
    () => cli(acc.archivist, ['search', '通知', '--year', '2016', '--limit', '1', '--sort', 'date-desc']),
    () => desk('search:query', { query: '通知', filters: { year: '2016' }, limit: 1, sort: 'dateDesc' }),
  );
  assert.equal(search.desktop.total, search.cli.json['total'], 'the same exact total');
  assert.equal(search.desktop.total, 2, 'the two folders named 通知');
  assert.deepEqual(search.desktop.hits.map((h) => h.recordId), (search.cli.json['hits'] as { recordId: number }[]).map((h) => h.recordId));
  assert.deepEqual(search.desktopRows, search.cliRows);
  assert.deepEqual(search.cliRows.map((x) => x.action), ['search'], 'the desktop search is audited too');
  const none = await desk('search:query', { query: '通知', filters: { year: '1999' } });
  assert.equal(none.total, 0, 'the desktop applies the field filters');

  const jobs = await both(() => cli(acc.archivist, ['jobs']), () => desk('jobs:list', undefined));
  assert.deepEqual(jobs.desktop.map((j) => [j.id, j.kind, j.status]), (jobs.cli.json['jobs'] as { id: number; kind: string; status: string }[]).map((j) => [j.id, j.kind, j.status]));
  assert.deepEqual(jobs.desktopRows, jobs.cliRows);
});

test('a denial is the same refusal and the same audit row on both faces', async () => {
  await desk('auth:logout', undefined);
  await desk('auth:login', { username: acc.auditor.username, password: acc.auditor.password });
  const s0 = lastSeq();
  const c = await cli(acc.auditor, ['list']);
  const s1 = lastSeq();
  const d = await dispatch(state, host, 'records:list', {});
  assert.equal(c.code, 4);
  assert.ok(!d.ok);
  assert.equal(d.error.code, (c.json['error'] as { code: string }).code);
  assert.deepEqual(operationRows(auditAfter(s1)), operationRows(auditAfter(s0).filter((r) => r.seq <= s1)));
  assert.deepEqual(operationRows(auditAfter(s1)).map((x) => [x.action, x.result]), [['view_catalog', 'denied']]);
});
