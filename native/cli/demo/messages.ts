import { defineMessages } from '../../api/index.js';

export const demoMessages = defineMessages({
  summary: {
    zh: '演示：生成样例扫描件，建库、建账户、入库、文字识别、检索、检查与审计校验，一步完成',
    en: 'Demo: render sample scans, create a vault and accounts, ingest, OCR, search, check and verify the audit log',
  },
  notEmpty: { zh: '演示目录 {dir} 已存在且不为空；请指定一个新目录：npx lantai demo 新目录', en: 'Demo folder {dir} exists and is not empty; give a new one: npx lantai demo NEWDIR' },
  step: { zh: '\n── 第 {n} 步：{title} ──', en: '\n── Step {n}: {title} ──' },
  stepSamples: { zh: '生成样例公文扫描件（300 dpi A4）', en: 'Render sample official-document scans (300-dpi A4)' },
  stepInit: { zh: '建立档案库', en: 'Create the vault' },
  stepAccounts: { zh: '首次设置：三员账户与业务账户', en: 'First-run setup: the three administrators and the operators' },
  stepIngest: { zh: '档案员入库（每个文件夹为一件）', en: 'The archivist ingests the scans (one folder = one item)' },
  stepOcr: { zh: '离线中文文字识别（OCR）', en: 'Offline Chinese OCR' },
  stepList: { zh: '归档文件目录', en: 'The catalog' },
  stepSearch: { zh: '全文检索：{query}', en: 'Search: {query}' },
  stepCheck: { zh: '全库检查（目录 ↔ 对象，摘要核验）', en: 'Check the whole vault (catalog ↔ objects, digests)' },
  stepAudit: { zh: '审计员校验审计日志', en: 'The auditor verifies the audit log' },
  account: { zh: '  {role}\t{username}\t口令文件 {file}', en: '  {role}\t{username}\tpassword file {file}' },
  skipped: { zh: '（本版本尚无“{command}”命令，跳过）', en: '(no "{command}" command in this build; skipped)' },
  failedStep: { zh: '第 {n} 步未成功（退出码 {code}）。', en: 'Step {n} did not succeed (exit code {code}).' },
  done: {
    zh: '\n演示完成。档案库：{vault}\n继续用命令行操作，例如：\n  export LANTAI_VAULT={vault} LANTAI_USER=archivist LANTAI_PASSWORD_FILE={file}\n  npx lantai search 档案',
    en: '\nDemo finished. Vault: {vault}\nCarry on from the command line, e.g.:\n  export LANTAI_VAULT={vault} LANTAI_USER=archivist LANTAI_PASSWORD_FILE={file}\n  npx lantai search 档案',
  },
  doneWithProblems: { zh: '\n演示结束，但有 {count} 步未成功（见上）。档案库：{vault}', en: '\nDemo ended with {count} unsuccessful steps (see above). Vault: {vault}' },
});
