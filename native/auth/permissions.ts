import type { Message } from '../i18n/messages.js';

/**
 * Who may do what, as data. The tables here are the single source: authorize() reads them,
 * README.md (Accounts, roles and the audit log) describes them, and the tests
 * walk every cell.
 *
 * 三员分离: sysadmin (accounts, settings), security_officer (classification, holds, keys,
 * approvals) and auditor (the audit log) are held by three different accounts, each holding
 * nothing else; archivist does the daily work, backup_officer the media. No role may do
 * everything (no super-user).
 */
export const ROLES = ['sysadmin', 'security_officer', 'auditor', 'archivist', 'backup_officer', 'vendor_operator'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES = ['sysadmin', 'security_officer', 'auditor'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function isAdminRole(v: unknown): v is AdminRole {
  return typeof v === 'string' && (ADMIN_ROLES as readonly string[]).includes(v);
}

export const ROLE_LABELS: Record<Role, Message> = {
  sysadmin: { zh: '系统管理员', en: 'system administrator' },
  security_officer: { zh: '安全保密管理员', en: 'security officer' },
  auditor: { zh: '安全审计员', en: 'auditor' },
  archivist: { zh: '档案管理员', en: 'archivist' },
  backup_officer: { zh: '备份管理员', en: 'backup officer' },
  vendor_operator: { zh: '数字化外包操作员', en: 'digitization vendor operator' },
};

/**
 * Roles whose every right is limited to the open digitization projects the account is an
 * operator of (native/auth/project-scope.ts): records outside them are neither seen nor found,
 * and a project target outside them is denied. Held alone (accounts.ts checkRoleSet, and the
 * schema's trigger), so the limit can never be lifted by a second role.
 */
export const PROJECT_SCOPED_ROLES = ['vendor_operator'] as const satisfies readonly Role[];

export function isProjectScoped(roles: readonly Role[]): boolean {
  return roles.some((r) => (PROJECT_SCOPED_ROLES as readonly Role[]).includes(r));
}

export const ACTIONS = [
  'login',
  'logout',
  'change_own_password',
  'view_catalog',
  'search',
  'view_record',
  'view_page_image',
  'ingest',
  'edit_record',
  'ocr',
  'export_transfer',
  'backup',
  'verify_media',
  'restore',
  'manage_media',
  'verify_vault',
  'view_jobs',
  'rebuild_index',
  'view_accounts',
  'manage_accounts',
  'countersign_admin_change',
  'change_settings',
  'review_classification',
  'clear_classified_hold',
  'manage_keys',
  'approve_access',
  'read_audit',
  'export_audit',
  'verify_audit',
  'read_registers',
  'register_access',
  'register_checkout',
  'register_return',
  'register_handover',
  'seal_stacks',
  'unseal_stacks',
  'manage_digitization',
  'digitize',
  'run_qc',
  'accept_qc',
  'export_catalog',
  'import_catalog',
  'print_catalog',
  'appraise',
  'approve_appraisal',
  'destroy_records',
] as const;
export type Action = (typeof ACTIONS)[number];

export function isAction(v: unknown): v is Action {
  return typeof v === 'string' && (ACTIONS as readonly string[]).includes(v);
}

export const ACTION_LABELS: Record<Action, Message> = {
  login: { zh: '登录', en: 'log in' },
  logout: { zh: '退出登录', en: 'log out' },
  change_own_password: { zh: '修改本人口令', en: 'change own password' },
  view_catalog: { zh: '查看目录', en: 'view catalog entries' },
  search: { zh: '检索', en: 'search' },
  view_record: { zh: '查看档案内容', en: 'view record content' },
  view_page_image: { zh: '查看页面图像', en: 'view page images' },
  ingest: { zh: '档案入库', en: 'ingest records' },
  edit_record: { zh: '修改著录信息', en: 'edit catalog entries' },
  ocr: { zh: '文字识别', en: 'run OCR' },
  export_transfer: { zh: '导出移交包', en: 'export transfer packages' },
  backup: { zh: '备份', en: 'back up' },
  verify_media: { zh: '检测载体', en: 'verify media' },
  restore: { zh: '恢复', en: 'restore' },
  manage_media: { zh: '管理载体', en: 'manage media' },
  verify_vault: { zh: '检查档案库完整性', en: 'verify the vault (objects and digests)' },
  view_jobs: { zh: '查看任务', en: 'view jobs' },
  rebuild_index: { zh: '重建检索索引', en: 'rebuild the search index' },
  view_accounts: { zh: '查看账户', en: 'view accounts' },
  manage_accounts: { zh: '管理账户', en: 'manage accounts' },
  countersign_admin_change: { zh: '会签管理员账户变更', en: 'countersign administrator account changes' },
  change_settings: { zh: '修改系统设置', en: 'change settings' },
  review_classification: { zh: '密级与开放审核', en: 'review classification and access status' },
  clear_classified_hold: { zh: '解除涉密暂停', en: 'clear classified holds' },
  manage_keys: { zh: '管理密钥', en: 'manage keys' },
  approve_access: { zh: '审批利用', en: 'approve access' },
  read_audit: { zh: '查阅审计日志', en: 'read the audit log' },
  export_audit: { zh: '导出审计日志', en: 'export the audit log' },
  verify_audit: { zh: '校验审计日志', en: 'verify the audit log' },
  read_registers: { zh: '查阅登记簿', en: 'read registers' },
  register_access: { zh: '利用登记', en: 'register access' },
  register_checkout: { zh: '出库登记', en: 'register checkouts' },
  register_return: { zh: '归还登记', en: 'register returns' },
  register_handover: { zh: '交接登记', en: 'register handovers' },
  seal_stacks: { zh: '封库', en: 'seal the stacks' },
  unseal_stacks: { zh: '启库', en: 'unseal the stacks' },
  manage_digitization: { zh: '管理数字化项目', en: 'manage digitization projects' },
  digitize: { zh: '数字化加工（预检、扫描、流程单、设备登记）', en: 'digitization work (pre-check, scanning, process sheets, device register)' },
  run_qc: { zh: '机器质检', en: 'run machine QC' },
  accept_qc: { zh: '质检抽检与验收', en: 'judge QC samples and accept or return batches' },
  export_catalog: { zh: '导出目录', en: 'export the catalog' },
  import_catalog: { zh: '导入目录', en: 'import a catalog' },
  print_catalog: { zh: '打印目录与归档章', en: 'print the catalog and filing stamps' },
  appraise: { zh: '档案鉴定（提出与表决）', en: 'appraise records (propose and vote)' },
  approve_appraisal: { zh: '批准鉴定结果', en: 'approve appraisal results' },
  destroy_records: { zh: '执行销毁', en: 'carry out destruction' },
};

const SESSION: readonly Action[] = ['login', 'logout', 'change_own_password'];

/** The base matrix: an action not listed for any of the session's roles is denied. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  sysadmin: [...SESSION, 'view_accounts', 'manage_accounts', 'change_settings'],
  security_officer: [
    ...SESSION,
    'view_accounts',
    'countersign_admin_change',
    'view_catalog',
    'search',
    'view_record',
    'view_page_image',
    'review_classification',
    'clear_classified_hold',
    'manage_keys',
    'approve_access',
    'read_registers',
    'seal_stacks',
    'unseal_stacks',
    'approve_appraisal',
  ],
  auditor: [...SESSION, 'countersign_admin_change', 'read_audit', 'export_audit', 'verify_audit'],
  archivist: [
    ...SESSION,
    'view_catalog',
    'search',
    'view_record',
    'view_page_image',
    'ingest',
    'edit_record',
    'ocr',
    'export_transfer',
    'verify_vault',
    'view_jobs',
    'rebuild_index',
    'read_registers',
    'register_access',
    'register_checkout',
    'register_return',
    'register_handover',
    'seal_stacks',
    'unseal_stacks',
    'manage_digitization',
    'digitize',
    'run_qc',
    'accept_qc',
    'export_catalog',
    'import_catalog',
    'print_catalog',
    'appraise',
    'destroy_records',
  ],
  backup_officer: [...SESSION, 'backup', 'verify_media', 'restore', 'manage_media', 'verify_vault', 'view_jobs', 'register_handover', 'seal_stacks', 'unseal_stacks'],
  // Scanning and machine QC of their project's items only (project-scope.ts); no export, no
  // catalog edits, no registers, no acceptance of their own work. Not OCR nor the job list:
  // both reach the whole vault's queue (the archive room runs OCR; a scan or QC run reports
  // its own progress, and running it again goes on where it stopped).
  vendor_operator: [...SESSION, 'view_catalog', 'search', 'view_record', 'view_page_image', 'digitize', 'run_qc'],
};

/**
 * Record states for access control:
 *   classified  密级 秘密/机密/绝密, or a 涉密 hold (classified_hold = 1) pending screening;
 *   restricted  控制使用 after review (access_status = 'restricted'), not classified;
 *   normal      everything else (公开, 内部, open or not yet reviewed).
 */
export const RECORD_STATES = ['normal', 'restricted', 'classified'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/** allow; grant = only with a live approval (access grant) from the security officer; deny. */
export type RecordRule = 'allow' | 'grant' | 'deny';

/** Actions that, given a record as target, also depend on the record's state. */
export const RECORD_ACTIONS = [
  'view_catalog',
  'search',
  'view_record',
  'view_page_image',
  'edit_record',
  'ocr',
  'export_transfer',
  'review_classification',
  'clear_classified_hold',
] as const satisfies readonly Action[];
export type RecordAction = (typeof RECORD_ACTIONS)[number];

export function isRecordAction(a: Action): a is RecordAction {
  return (RECORD_ACTIONS as readonly Action[]).includes(a);
}

type StateRules = Readonly<Record<RecordState, RecordRule>>;
const ALL: StateRules = { normal: 'allow', restricted: 'allow', classified: 'allow' };

/**
 * The second matrix: for each role and record action in the base matrix, the rule per record
 * state. A pair missing here is denied (a test checks that every base pair has an entry).
 * - search counts as a catalog-line read; a full-text hit on a record's content must be
 *   filtered with view_record (the hit itself reveals content).
 * - edit_record edits catalog fields only; classification, holds and access status change
 *   only through review_classification / clear_classified_hold.
 * - 涉密 items are never exported and are not OCR'd (processing stops at screening).
 */
export const RECORD_RULES: Readonly<Record<Role, Partial<Record<RecordAction, StateRules>>>> = {
  sysadmin: {},
  auditor: {},
  backup_officer: {},
  // Never a classified or restricted record, even inside the project (涉密 items are stopped at pre-check).
  vendor_operator: {
    view_catalog: { normal: 'allow', restricted: 'deny', classified: 'deny' },
    search: { normal: 'allow', restricted: 'deny', classified: 'deny' },
    view_record: { normal: 'allow', restricted: 'deny', classified: 'deny' },
    view_page_image: { normal: 'allow', restricted: 'deny', classified: 'deny' },
  },
  archivist: {
    view_catalog: ALL,
    search: ALL,
    view_record: { normal: 'allow', restricted: 'grant', classified: 'grant' },
    view_page_image: { normal: 'allow', restricted: 'grant', classified: 'grant' },
    edit_record: ALL,
    ocr: { normal: 'allow', restricted: 'allow', classified: 'deny' },
    export_transfer: { normal: 'allow', restricted: 'grant', classified: 'deny' },
  },
  security_officer: {
    view_catalog: ALL,
    search: ALL,
    view_record: ALL,
    view_page_image: ALL,
    review_classification: ALL,
    clear_classified_hold: ALL,
  },
};

export const GRANT_SCOPES = ['view', 'export'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

/** Which grant scopes satisfy a 'grant' rule: an export grant includes viewing. */
export const GRANT_SCOPES_FOR: Readonly<Partial<Record<RecordAction, readonly GrantScope[]>>> = {
  view_record: ['view', 'export'],
  view_page_image: ['view', 'export'],
  export_transfer: ['export'],
};

export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}
