import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';

test('lantai demo runs the main job end to end: samples, vault, accounts, ingest, OCR, search, check, audit, transfer, backup to two media, a damaged byte found and repaired, an expired record appraised and destroyed', async () => {
  const root = path.join(tempDir(), '演示 目录');
  const run = await runChild([CLI, 'demo', root, '--documents', '2', '--max-pages', '1'], { env: { LANG: 'zh_CN.UTF-8' } });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  for (const heading of ['生成样例公文扫描件', '建立档案库', '档案员入库', '离线中文文字识别', '全文检索', '全库检查', '审计员校验审计日志']) {
    assert.match(run.stdout, new RegExp(heading), `step "${heading}" ran`);
  }
  assert.match(run.stdout, /导入完成：新增 2 件/);
  assert.match(run.stdout, /文字识别完成：本次识别 2 页，失败 0 页/);
  // The search step found OCR text: a highlighted 档案 in a snippet from page 1.
  assert.match(run.stdout, /第1页\t.*【档案】/);
  assert.match(run.stdout, /检查通过：2 件档案/);
  assert.match(run.stdout, /审计日志校验通过/);
  // Off-site media: two folder media backed up, a flipped byte found on A (alert), repaired from B, A clean again.
  for (const heading of ['备份管理员登记两个载体', '异地异质备份', '模拟载体损坏', '用另一载体上的完好副本修复']) assert.match(run.stdout, new RegExp(heading), `step "${heading}" ran`);
  assert.equal(run.stdout.match(/备份到 (HDD-DEMO-A|USB-DEMO-B) 完成/g)?.length, 2, 'a backup to each medium');
  assert.match(run.stdout, /载体 HDD-DEMO-A 检测发现 1 个问题/);
  assert.match(run.stdout, /HDD-DEMO-A\tmismatch/);
  assert.match(run.stdout, /修复完成：1 个成功，0 个无法修复/);
  assert.match(run.stdout, /载体 HDD-DEMO-A 检测通过/);
  assert.match(run.stdout, /没有未处理的告警/);
  assert.ok(fs.existsSync(path.join(root, 'media', 'USB-B', 'LANTAI-MEDIUM.json')));
  assert.equal(fs.statSync(path.join(root, 'backup-recovery-sheet.txt')).mode & 0o077, 0, 'the recovery sheet file is private');
  // The sample scans as a small digitization project that passes QC and is accepted.
  for (const heading of ['数字化项目', '加工前预检', '机器质检', '人工抽检', '验收报告', '结项']) assert.match(run.stdout, new RegExp(heading), `step "${heading}" ran`);
  assert.match(run.stdout, /已建立数字化项目 1“样例公文数字化”（自行加工），共 2 件/);
  assert.match(run.stdout, /批次 1（项目 样例公文数字化 第 1 批）：2 页，0 页有问题/);
  assert.match(run.stdout, /合格率 100%（合格线 95%）→ pass/);
  assert.match(run.stdout, /结论: 验收通过/);
  assert.match(run.stdout, /设备与载体登记: 1 件，未归还或未清除 0/);
  assert.match(run.stdout, /项目 样例公文数字化 已结项/);
  assert.ok(fs.statSync(path.join(root, '验收报告.pdf')).size > 1000, 'the acceptance report printed');
  // One record whose retention has ended goes through appraisal to the destruction register:
  // catalogued from a file, scanned later, due, proposed, two votes, approved, destroyed, register printed.
  const expired = 'Z109-WS·2012-D10-BGS-0001';
  for (const heading of ['目录导入', '补扫', '鉴定到期', '鉴定小组提出销毁意见', '鉴定小组两人表决同意', '安全保密管理员批准', '执行销毁']) assert.match(run.stdout, new RegExp(heading), `step "${heading}" ran`);
  assert.match(run.stdout, /导入 1 条目录（待扫描）/);
  assert.match(run.stdout, new RegExp(`${expired}  已挂接扫描件 1 页`));
  assert.match(run.stdout, new RegExp(`${expired}\t[^\n]*\t2012\tD10\t保管期满\t2023-01-01`), 'listed as due');
  assert.match(run.stdout, /已在鉴定 1 中提出意见 1。/);
  assert.match(run.stdout, /appraiser:agree/, 'the second member\'s vote');
  assert.match(run.stdout, /鉴定 1“2012 年到期文书档案鉴定”：approved \(secofficer/);
  assert.match(run.stdout, /已执行销毁，销毁清册 1：1 件，删除对象 [1-9]\d* 个。/);
  assert.match(run.stdout, new RegExp(`${expired}[^\n]*\[已销毁\]`), 'the entry stays in the catalog, marked destroyed');
  assert.ok(fs.statSync(path.join(root, '销毁清册.pdf')).size > 1000, 'the destruction register printed');

  // What the demo leaves behind is usable from the command line with the printed credentials.
  const file = path.join(root, 'credentials', 'archivist.password');
  assert.equal(fs.statSync(file).mode & 0o077, 0, 'password files are private');
  const env = { LANTAI_VAULT: path.join(root, 'vault'), LANTAI_USER: 'archivist', LANTAI_PASSWORD_FILE: file };
  const list = await runChild([CLI, 'list', '--json'], { env });
  assert.equal(list.code, 0, list.stderr);
  const records = JSON.parse(list.stdout) as { total: number; records: { archivalCode: string; disposal: string }[] };
  assert.equal(records.total, 3, 'the two samples and the destroyed entry');
  assert.equal(records.records.find((r) => r.archivalCode === expired)?.disposal, 'destroyed');

  // Extraction suggestions are confirmed by the archivist: accepting a 文号 writes it into the record.
  let accepted: { value: string; code: string } | undefined;
  for (const { archivalCode } of records.records.filter((r) => r.disposal === '')) {
    const listed = await runChild([CLI, 'suggestions', archivalCode, '--json'], { env });
    assert.equal(listed.code, 0, listed.stderr);
    const docNumber = (JSON.parse(listed.stdout) as { pending: { id: number; field: string; value: string }[] }).pending.find((p) => p.field === 'docNumber');
    if (!docNumber) continue;
    const decided = await runChild([CLI, 'suggestions', archivalCode, '--accept', String(docNumber.id)], { env: { ...env, LANG: 'zh_CN.UTF-8' } });
    assert.equal(decided.code, 0, decided.stderr);
    assert.match(decided.stdout, /已采纳建议/);
    accepted = { value: docNumber.value, code: archivalCode };
    break;
  }
  assert.ok(accepted, 'OCR of the sample scans suggested a 文号');
  const shown = await runChild([CLI, 'show', accepted.code, '--json'], { env });
  assert.equal(JSON.parse(shown.stdout).record.docNumber, accepted.value);
  const again2 = await runChild([CLI, 'suggestions', accepted.code, '--accept', '999999'], { env });
  assert.equal(again2.code, 1, 'an unknown suggestion is an error, not a silent success');

  const again = await runChild([CLI, 'demo', root], { env: { LANG: 'en_US.UTF-8' } });
  assert.equal(again.code, 2, 'a used demo folder is refused, not overwritten');
  assert.match(again.stderr, /not empty/);
});
