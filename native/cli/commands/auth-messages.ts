import { defineMessages } from '../../api/index.js';

/** Texts of the account, audit, review and register commands (zh first, en second). */
export const cliAuthMessages = defineMessages({
  initNext: {
    zh: '下一步：运行 lantai setup --vault {dir} 创建系统管理员、安全保密管理员和安全审计员三个账户。',
    en: 'Next: run lantai setup --vault {dir} to create the three administrator accounts (system administrator, security officer, auditor).',
  },
  setupDone: {
    zh: '首次设置完成：系统管理员 {sys}，安全保密管理员 {so}，安全审计员 {aud}。',
    en: 'First-run setup done: system administrator {sys}, security officer {so}, auditor {aud}.',
  },
  setupNext: {
    zh: '下一步：系统管理员用 lantai users create 创建档案管理员和备份管理员账户。',
    en: 'Next: the system administrator creates the archivist and backup officer accounts with lantai users create.',
  },
  setupNoInput: {
    zh: '首次设置需要账户文件（--accounts 文件，权限 0600）或在终端中交互输入；口令不能写在命令行上。',
    en: 'First-run setup needs an accounts file (--accounts FILE, mode 0600) or a terminal to prompt in; passwords never go on the command line.',
  },
  accountsFileInvalid: {
    zh: '账户文件 {file} 无效：{reason}。格式：{"sysadmin":{"username":…,"password":…},"securityOfficer":{…},"auditor":{…}}',
    en: 'Invalid accounts file {file}: {reason}. Format: {"sysadmin":{"username":…,"password":…},"securityOfficer":{…},"auditor":{…}}',
  },
  promptUsername: { zh: '{roleZh}的用户名：', en: 'User name of the {roleEn}: ' },
  promptDisplayName: { zh: '{username} 的姓名（可留空）：', en: 'Full name of {username} (may be empty): ' },
  promptNewPassword: { zh: '{username} 的新口令：', en: 'New password for {username}: ' },
  promptRepeat: { zh: '再次输入新口令：', en: 'Repeat the new password: ' },
  passwordsDiffer: { zh: '两次输入的口令不一致。', en: 'The two passwords differ.' },
  newPasswordNeeded: {
    zh: '无法读取新口令：请使用 --new-password-file 文件（权限 0600）或 --new-password-stdin，或在终端中交互输入。',
    en: 'No way to read the new password: use --new-password-file FILE (mode 0600) or --new-password-stdin, or run in a terminal to be prompted.',
  },
  stdinTwice: {
    zh: '标准输入只能提供一个口令：登录口令请改用 LANTAI_PASSWORD_FILE。',
    en: 'Standard input can carry only one password: give the login password through LANTAI_PASSWORD_FILE instead.',
  },
  secondPersonNeeded: {
    zh: '此操作需要第二人：请用 {option} 用户名 指定，并用环境变量 {envVar}（权限 0600 的口令文件）或终端输入其口令。',
    en: 'This needs a second person: name them with {option} NAME and give their password through {envVar} (a mode 0600 file) or a terminal prompt.',
  },
  usersHeader: { zh: '用户名\t姓名\t角色\t状态\t锁定至\t须改口令', en: 'User\tName\tRoles\tStatus\tLocked until\tMust change password' },
  userCreated: {
    zh: '已创建账户 {username}（{roles}）。本人首次登录后须用 lantai passwd 修改初始口令。',
    en: 'Account {username} created ({roles}). The person must change the initial password with lantai passwd at first login.',
  },
  userRoles: { zh: '账户 {username} 的角色已改为：{roles}（其会话已结束）。', en: 'Roles of {username} are now: {roles} (their sessions ended).' },
  userReset: { zh: '已重置 {username} 的口令；本人下次登录须修改。', en: 'Password of {username} reset; they must change it at next login.' },
  userDisabled: { zh: '已停用账户 {username}。', en: 'Account {username} disabled.' },
  userEnabled: { zh: '已启用账户 {username}。', en: 'Account {username} enabled.' },
  userUnlocked: { zh: '已解除账户 {username} 的锁定。', en: 'Account {username} unlocked.' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  statusActive: { zh: '有效', en: 'active' },
  statusDisabled: { zh: '停用', en: 'disabled' },
  passwordChanged: { zh: '口令已修改。', en: 'Password changed.' },
  auditHeader: { zh: '序号\t时间\t用户\t设备\t操作\t对象\t结果\t详情', en: 'Seq\tTime\tUser\tDevice\tAction\tObject\tResult\tDetail' },
  auditFooter: { zh: '共 {total} 条，显示 {shown} 条。', en: '{total} rows, {shown} shown.' },
  auditHead: { zh: '链头：seq={seq} hash={hash}', en: 'Chain head: seq={seq} hash={hash}' },
  auditVerifyOk: {
    zh: '审计日志校验通过：{rows} 条记录，没有修改、删除、插入或调换。',
    en: 'Audit log verified: {rows} rows, no edit, deletion, insertion or reordering.',
  },
  auditVerifyFailed: {
    zh: '审计日志校验失败：{rows} 条记录中发现 {count} 处问题：',
    en: 'Audit log verification FAILED: {count} problems in {rows} rows:',
  },
  auditExported: {
    zh: '已导出 {rows} 条审计记录到 {file}（{format}）；导出时链校验{verdictZh}。',
    en: 'Exported {rows} audit rows to {file} ({format}); chain check at export time: {verdictEn}.',
  },
  auditUnlogged: {
    zh: '注意：审计日志拒绝追加新记录，本次校验无法记入日志（登录未建立会话，仅核对口令和角色）。',
    en: 'Note: the audit log refuses new rows, so this verification could not be logged (no session was opened; only the password and role were checked).',
  },
  badAnchor: {
    zh: '锚点“{value}”无效：格式为 序号:哈希（64 位十六进制），例如备份或移交包中记录的链头。',
    en: 'Invalid anchor "{value}": use SEQ:HASH (64 hex digits), e.g. the chain head recorded in a backup or transfer package.',
  },
  reviewAccess: { zh: '已将档案 {id} 的开放状态定为 {status}。', en: 'Access status of record {id} set to {status}.' },
  reviewClassify: { zh: '已将档案 {id} 的密级定为 {classification}。', en: 'Classification of record {id} set to {classification}.' },
  reviewHoldCleared: { zh: '已解除档案 {id} 的涉密暂停。', en: 'Classified hold of record {id} cleared.' },
  reviewGranted: {
    zh: '已审批 {username} 利用档案 {ids}（{scope}），有效期至 {expiresAt}。',
    en: 'Approved {username} to use records {ids} ({scope}) until {expiresAt}.',
  },
  reviewRevoked: { zh: '已撤销利用审批 {id}。', en: 'Access approval {id} revoked.' },
  accessRegistered: { zh: '已登记利用 #{id}：{person}，{count} 件，目的：{purpose}。', en: 'Access #{id} registered: {person}, {count} items, purpose: {purpose}.' },
  checkedOut: { zh: '已登记出库 #{id}：{count} 件，使用人 {user}，责任人 {responsible}，应还 {due}。', en: 'Checkout #{id} registered: {count} items, user {user}, responsible {responsible}, due {due}.' },
  returnedOk: { zh: '已登记归还 #{id}：清点 {counted}/{out}，相符。', en: 'Return of #{id} registered: counted {counted}/{out}, all back.' },
  returnedMismatch: {
    zh: '已登记归还 #{id}，但清点不符：出库 {out}，清点归还 {counted}，缺少：{missing}。已标记为不符，请核查。',
    en: 'Return of #{id} registered, but the count does NOT match: {out} out, {counted} counted back, missing: {missing}. Flagged for follow-up.',
  },
  handoverCreated: { zh: '已登记交接清单 #{id}：{lines} 项，共 {total}。', en: 'Handover list #{id} registered: {lines} lines, {total} in total.' },
  handoverWritten: { zh: '交接清单已写入 {file}：打印后由移交人和接收人签字。', en: 'Handover list written to {file}: print it for both signatures.' },
  badItemSpec: {
    zh: '交接内容“{value}”格式不对：应为 说明|数量[|卷件号[|单位]]。',
    en: 'Invalid handover line "{value}": use DESCRIPTION|COUNT[|ITEM-REF[|UNIT]].',
  },
  sealed: { zh: '库房“{stack}”已封库（{first} 与 {second} 共同确认）。', en: 'Stack room "{stack}" sealed ({first} and {second} confirmed).' },
  unsealed: { zh: '库房“{stack}”已启库（{first} 与 {second} 共同确认），事由：{purpose}。', en: 'Stack room "{stack}" unsealed ({first} and {second} confirmed), reason: {purpose}.' },
  registerEmpty: { zh: '（无记录）', en: '(none)' },
  watchStopped: {
    zh: '账户 {username} 已不能导入（会话结束、账户停用或角色变更），停止监视。',
    en: 'Account {username} may no longer ingest (session ended, account disabled or roles changed): watching stopped.',
  },
});
