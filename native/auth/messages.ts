import { defineMessages } from '../i18n/messages.js';

export const authMessages = defineMessages({
  accessDenied: {
    zh: '无权{actionZh}：{reasonZh}。如确需办理，请联系安全保密管理员或系统管理员。',
    en: 'Not allowed to {actionEn}: {reasonEn}. If this is needed, ask the security officer or the system administrator.',
  },
  authFailed: {
    zh: '用户名或口令错误。{hintZh}',
    en: 'Wrong user name or password. {hintEn}',
  },
  authThrottled: {
    zh: '口令错误次数过多，请 {seconds} 秒后再试。',
    en: 'Too many wrong passwords: try again in {seconds} s.',
  },
  authLocked: {
    zh: '账户 {username} 因口令连续错误已被锁定，{until} 后自动解锁，或请系统管理员解锁。',
    en: 'The account {username} is locked after repeated wrong passwords until {until}; or ask the system administrator to unlock it.',
  },
  accountDisabled: {
    zh: '账户 {username} 已停用。',
    en: 'The account {username} is disabled.',
  },
  sessionEnded: {
    zh: '会话已结束，请重新登录。',
    en: 'The session has ended: log in again.',
  },
  sessionLocked: {
    zh: '会话因 {minutes} 分钟无操作已锁定，请输入口令解锁。',
    en: 'The session is locked after {minutes} minutes without activity: enter your password to unlock it.',
  },
  passwordChangeRequired: {
    zh: '请先修改口令（口令由系统管理员设置或重置）。',
    en: 'Change your password first (it was set or reset by the system administrator).',
  },
  passwordTooShort: {
    zh: '口令至少需要 {min} 个字符。',
    en: 'The password needs at least {min} characters.',
  },
  passwordTooLong: {
    zh: '口令不能超过 {max} 个字符。',
    en: 'The password cannot be longer than {max} characters.',
  },
  passwordIsUsername: {
    zh: '口令不能与用户名相同。',
    en: 'The password cannot be the user name.',
  },
  passwordUnchanged: {
    zh: '新口令不能与原口令相同。',
    en: 'The new password must differ from the old one.',
  },
  passwordBadChars: {
    zh: '口令不能包含控制字符。',
    en: 'The password cannot contain control characters.',
  },
  badUsername: {
    zh: '用户名“{username}”无效：需 2–32 个字符，只能由字母、数字、汉字、点、下划线和连字符组成。',
    en: 'Invalid user name "{username}": 2–32 letters, digits, Chinese characters, dots, underscores or hyphens.',
  },
  usernameTaken: {
    zh: '用户名“{username}”已存在。',
    en: 'The user name "{username}" is taken.',
  },
  accountNotFound: {
    zh: '没有用户名为“{username}”的账户。',
    en: 'No account named "{username}".',
  },
  setupDone: {
    zh: '已存在账户，不能再次执行首次设置。',
    en: 'Accounts exist already: first-run setup cannot run again.',
  },
  setupDuplicate: {
    zh: '首次设置的三个管理员账户必须使用不同的用户名（{username} 重复）。',
    en: 'The three administrator accounts of the first-run setup need different user names ({username} is repeated).',
  },
  roleSeparation: {
    zh: '三员分离：{roleZh} 账户不能再持有其他角色（{roles}）。',
    en: 'Role separation: a {roleEn} account holds no other role ({roles}).',
  },
  noRoles: {
    zh: '账户至少需要一个角色。',
    en: 'An account needs at least one role.',
  },
  unknownRole: {
    zh: '未知角色“{role}”。',
    en: 'Unknown role "{role}".',
  },
  countersignRequired: {
    zh: '变更管理员账户 {username} 需要另一位安全保密管理员或安全审计员当场会签。',
    en: 'Changing the administrator account {username} needs a countersignature by a security officer or auditor who is present.',
  },
  countersignSamePerson: {
    zh: '会签人不能是操作人本人。',
    en: 'The countersigner cannot be the person making the change.',
  },
  countersignTarget: {
    zh: '会签人不能是被变更的账户本人。',
    en: 'The countersigner cannot be the account being changed.',
  },
  notOnSelf: {
    zh: '不能对本人账户执行此操作（{actionZh}）；修改本人口令请使用“修改口令”。',
    en: 'This cannot be done to your own account ({actionEn}); to change your own password use "change password".',
  },
  lastAdmin: {
    zh: '{username} 是唯一有效的{roleZh}，不能停用或撤销其角色，否则三员分离无法保持。',
    en: '{username} is the only active {roleEn}: disabling it or removing the role would break role separation.',
  },
  settingInvalid: {
    zh: '设置项 {key} 的值 {value} 无效：须为 {min} 到 {max} 之间的整数。',
    en: 'Invalid value {value} for setting {key}: it must be an integer from {min} to {max}.',
  },
  settingUnknown: {
    zh: '未知的设置项 {key}。',
    en: 'Unknown setting {key}.',
  },
  recordNotFound: {
    zh: '档案 {id} 不存在。',
    en: 'Record {id} does not exist.',
  },
  grantBadGrantee: {
    zh: '只能为档案管理员账户审批利用（{username} 不是有效的档案管理员）。',
    en: 'Access can only be approved for archivist accounts ({username} is not an active archivist).',
  },
  grantExportClassified: {
    zh: '涉密档案 {id} 不得导出，不能审批导出。',
    en: 'Classified record {id} is never exported: export cannot be approved.',
  },
  grantBadExpiry: {
    zh: '审批有效期 {expiresAt} 无效：须晚于现在且不超过 {maxDays} 天。',
    en: 'Invalid approval expiry {expiresAt}: it must be in the future and within {maxDays} days.',
  },
  grantNotFound: {
    zh: '利用审批 {id} 不存在或已撤销。',
    en: 'Access approval {id} does not exist or was revoked.',
  },
  textRequired: {
    zh: '请填写{fieldZh}。',
    en: 'The {fieldEn} is required.',
  },
  notHeld: {
    zh: '档案 {id} 没有涉密暂停标记。',
    en: 'Record {id} is not on a classified hold.',
  },
  cliNoUser: {
    zh: '未指定用户名：请使用 --user 或设置环境变量 LANTAI_USER。',
    en: 'No user name: use --user or set LANTAI_USER.',
  },
  cliNoPassword: {
    zh: '无法读取口令：请使用 --password-stdin（从标准输入读取）、设置 LANTAI_PASSWORD_FILE（仅本人可读的文件），或在终端中交互输入。',
    en: 'No way to read the password: use --password-stdin, set LANTAI_PASSWORD_FILE (a file only you can read), or run in a terminal to be prompted.',
  },
  cliPasswordOnCommandLine: {
    zh: '不接受命令行上的口令（{arg}）：命令行会被其他用户和历史记录看到。请使用 --password-stdin 或 LANTAI_PASSWORD_FILE。',
    en: 'Passwords are not accepted on the command line ({arg}): other users and the shell history can see it. Use --password-stdin or LANTAI_PASSWORD_FILE.',
  },
  cliPasswordEnv: {
    zh: '不支持环境变量 LANTAI_PASSWORD（环境变量可被其他进程读取）；请改用 LANTAI_PASSWORD_FILE。',
    en: 'LANTAI_PASSWORD is not supported (other processes can read the environment); use LANTAI_PASSWORD_FILE.',
  },
  cliPasswordFileMode: {
    zh: '口令文件 {file} 的权限为 {mode}，同组或其他用户可以读取；请执行 chmod 600 {file}。',
    en: 'The password file {file} has mode {mode}: its group or other users can read it. Run chmod 600 {file}.',
  },
  cliPasswordFileOwner: {
    zh: '口令文件 {file} 不属于当前用户。',
    en: 'The password file {file} is not owned by the current user.',
  },
  cliPasswordFileUnreadable: {
    zh: '无法读取口令文件 {file}：{reason}。',
    en: 'Cannot read the password file {file}: {reason}.',
  },
  cliPasswordEmpty: {
    zh: '口令为空（{source}）。',
    en: 'The password is empty ({source}).',
  },
  cliCancelled: {
    zh: '已取消输入口令。',
    en: 'Password entry cancelled.',
  },
  cliPrompt: {
    zh: '{username} 的口令：',
    en: 'Password for {username}: ',
  },
});

/** Reasons named in ACCESS_DENIED messages and audit details. */
export const denialReasons = defineMessages({
  ROLE: { zh: '当前角色（{roles}）没有此权限', en: 'none of your roles ({roles}) has this permission' },
  CLASSIFIED: { zh: '档案 {id} 为涉密档案', en: 'record {id} is classified' },
  NEEDS_GRANT: { zh: '档案 {id} 需经安全保密管理员审批后才能利用', en: 'record {id} needs an approval by the security officer' },
  TWO_PERSON: { zh: '此操作需要两名不同的已登录人员共同确认', en: 'this needs two different logged-in people to confirm' },
  OUT_OF_SCOPE: { zh: '{id} 不在您参与的进行中数字化项目范围内', en: '{id} is outside the open digitization projects you work on' },
});

export const denialExtra = defineMessages({
  RESTRICTED: { zh: '档案 {id} 为控制使用档案', en: 'record {id} is restricted' },
  SESSION_ENDED: { zh: '会话已结束', en: 'the session has ended' },
  SESSION_LOCKED: { zh: '会话已锁定', en: 'the session is locked' },
  ACCOUNT_DISABLED: { zh: '账户已停用', en: 'the account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { zh: '须先修改口令', en: 'the password must be changed first' },
});
