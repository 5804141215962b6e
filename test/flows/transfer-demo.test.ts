/** The demo ends with a transfer: key, certificate, export of what may leave, and the archive's pinned check. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';

test('lantai demo exports a transfer package and verifies it', async () => {
  const root = path.join(tempDir(), '演示 移交');
  const run = await runChild([CLI, 'demo', root, '--documents', '2', '--max-pages', '1'], { env: { LANG: 'zh_CN.UTF-8' } });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  for (const heading of ['创建本单位签名密钥', '导出移交包', '接收方校验移交包']) assert.match(run.stdout, new RegExp(heading));
  assert.match(run.stdout, /移交包 YJ\d{8}-[0-9A-F]{6} 已写出/);
  assert.match(run.stdout, /移交包有效：YJ\d{8}-[0-9A-F]{6}，来自 示例市档案局档案室/);
  assert.ok(fs.statSync(path.join(root, 'transfer-package.zip')).isFile());
  assert.equal(fs.statSync(path.join(root, 'credentials', 'signing-key.passphrase')).mode & 0o077, 0, 'the passphrase file is private');
});
