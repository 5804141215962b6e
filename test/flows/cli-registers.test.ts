import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createVaultWithAccounts } from '../harness/accounts.js';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';

const lantai = (args: string[], env: Record<string, string>) => runChild([CLI, ...args], { env });

test('registers through the CLI: checkout and a short return (exit 1), a printable handover list, sealing by two people', async () => {
  const root = tempDir();
  const vault = path.join(root, 'v');
  const acc = await createVaultWithAccounts(vault);
  const arch = acc.archivist.env;
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const out = await lantai(['register', 'checkout', '--item', 'WS·2016-Y-0001', '--item', 'WS·2016-Y-0002', '--reason', '领导查阅', '--borrower', '王科长', '--responsible', '陈档案', '--due', due, '--json'], arch);
  assert.equal(out.code, 0, out.stderr);
  const id = JSON.parse(out.stdout).checkout.id;
  const short = await lantai(['register', 'return', String(id), '--counted', '1', '--item', 'WS·2016-Y-0001'], { ...arch, LANG: 'zh_CN.UTF-8' });
  assert.equal(short.code, 1, 'a count that does not match is flagged with a non-zero exit');
  assert.match(short.stderr, /清点不符/);
  assert.match(short.stderr, /WS·2016-Y-0002/);
  const again = await lantai(['register', 'return', String(id), '--counted', '2'], arch);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /CHECKOUT_RETURNED/);

  const html = path.join(root, '交接清单.html');
  const made = await lantai(['register', 'handover', '--title', '2016 年文书档案移交', '--from', '陈档案', '--to', '李四', '--item', '文书档案 2016 年 1–50 件|50|WS·2016', '--item', '备份光盘|2||张', '--out', html, '--json'], acc.backup.env);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(JSON.parse(made.stdout).handover.totalCount, 52);
  const page = fs.readFileSync(html, 'utf8');
  assert.match(page, /移交人（签字）/);
  assert.match(page, /接收人（签字）/);
  assert.match(page, /文书档案 2016 年 1–50 件/);
  const reprint = await lantai(['register', 'handover', '--print', String(JSON.parse(made.stdout).handover.id)], arch);
  assert.equal(reprint.code, 0, reprint.stderr);
  assert.match(reprint.stdout, /接收人（签字）/);

  const alone = await lantai(['register', 'seal', '一号库房'], arch);
  assert.equal(alone.code, 4);
  assert.match(alone.stderr, /TWO_PERSON_REQUIRED/);
  const self = await lantai(['register', 'seal', '一号库房', '--second-user', 'archivist'], { ...arch, LANTAI_SECOND_PASSWORD_FILE: acc.archivist.passwordFile });
  assert.equal(self.code, 4, 'the same person twice');
  const two = await lantai(['register', 'seal', '一号库房', '--second-user', 'backup', '--json'], { ...arch, LANTAI_SECOND_PASSWORD_FILE: acc.backup.passwordFile });
  assert.equal(two.code, 0, two.stderr);
  assert.deepEqual([JSON.parse(two.stdout).event.firstName, JSON.parse(two.stdout).event.secondName], ['陈档案', '周备份']);
  const list = JSON.parse((await lantai(['register', 'list', 'stacks', '--json'], arch)).stdout);
  assert.equal(list.rows[0].kind, 'seal');
});
