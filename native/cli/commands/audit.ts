import fs from 'node:fs';
import path from 'node:path';
import { isVaultError, msg, readCliCredentials, type AuditAnchor, type AuditFilter, type AuditVerifyResult, type Session } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command, type OptionValues } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { localTime } from '../local-time.js';
import { listOption, stdinOf } from './auth-common.js';
import { cliAuthMessages } from './auth-messages.js';

function filterOf(values: OptionValues): AuditFilter {
  const f: AuditFilter = {};
  const s = (k: string) => stringOption(values, k);
  const put = <K extends keyof AuditFilter>(key: K, v: AuditFilter[K] | undefined) => {
    if (v !== undefined) f[key] = v;
  };
  put('from', s('from'));
  put('to', s('to'));
  put('username', s('username'));
  put('action', s('action'));
  put('objectType', s('object-type'));
  put('objectId', s('object-id'));
  put('device', s('device'));
  const result = s('result');
  if (result !== undefined && result !== 'ok' && result !== 'denied' && result !== 'failed') throw new UsageError('--result ok|denied|failed');
  put('result', result as AuditFilter['result']);
  put('fromSeq', intOption(values, 'from-seq'));
  put('toSeq', intOption(values, 'to-seq'));
  put('limit', intOption(values, 'limit'));
  put('offset', intOption(values, 'offset'));
  return f;
}

function anchorsOf(ctx: CliContext, values: OptionValues): AuditAnchor[] {
  return listOption(values, 'anchor').map((a) => {
    const m = /^(\d+):([0-9a-f]{64})$/i.exec(a.trim());
    if (!m) throw new UsageError(ctx.t(msg(cliAuthMessages.badAnchor, { value: a })));
    return { seq: Number(m[1]), hash: m[2]!.toLowerCase(), source: `--anchor ${m[1]}` };
  });
}

function printVerify(ctx: CliContext, result: AuditVerifyResult): number {
  if (result.ok) ctx.say(msg(cliAuthMessages.auditVerifyOk, { rows: result.rows }));
  else {
    ctx.say(msg(cliAuthMessages.auditVerifyFailed, { rows: result.rows, count: result.problems.length }));
    for (const p of result.problems) ctx.say(`  [${p.code}] seq ${p.seq}${p.toSeq !== undefined && p.toSeq !== p.seq ? `–${p.toSeq}` : ''}: ${ctx.t(p.message)}  (${p.detail})`);
  }
  ctx.say(msg(cliAuthMessages.auditHead, { seq: result.head.seq, hash: result.head.hash }));
  ctx.emitJson(result);
  return result.ok ? EXIT.OK : EXIT.PROBLEMS;
}

/**
 * verify logs in itself (not ctx.openSession): when the log refuses appends, the login row
 * cannot be written, and the auditor still needs the verdict; then the password and role are
 * checked without a session and the run says it went unlogged.
 */
async function verify(ctx: CliContext, values: OptionValues): Promise<number> {
  const anchors = anchorsOf(ctx, values);
  const api = await ctx.openVault();
  const user = stringOption(values, 'user');
  const creds = await readCliCredentials({ ...(user !== undefined ? { user } : {}), passwordStdin: values['password-stdin'] === true, env: ctx.io.env, stdin: stdinOf(ctx), lang: ctx.lang });
  const device = ctx.device();
  let session: Session;
  try {
    session = ctx.keepSession(api, await api.accounts.login(creds.username, creds.password, device));
  } catch (e) {
    if (!isVaultError(e) || e.code !== 'AUDIT_APPEND_FAILED') throw e;
    const result = await api.audit.verifyUnlogged(creds.username, creds.password, device, anchors);
    ctx.warn(cliAuthMessages.auditUnlogged);
    printVerify(ctx, result);
    return EXIT.PROBLEMS;
  }
  return printVerify(ctx, api.audit.verify(session, anchors));
}

export const auditCommand: Command = {
  name: 'audit',
  summary: {
    zh: '审计日志（安全审计员）：list 查阅 | export 导出 | verify 校验链（有修改、删除、插入、调换时非零退出并指出位置）',
    en: 'Audit log (auditor): list | export | verify the chain (non-zero exit naming where on any edit, deletion, insertion or reordering)',
  },
  usage:
    'lantai audit list [--from ISO] [--to ISO] [--username U] [--action A] [--result ok|denied|failed] [--from-seq N] [--to-seq N] [--limit N] [--offset N]\n' +
    '  lantai audit export [--format csv|json] [--out FILE] [same filters]\n' +
    '  lantai audit verify [--anchor SEQ:HASH …]   (anchors: chain heads recorded in backups or transfer packages)',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    username: { type: 'string' },
    action: { type: 'string' },
    result: { type: 'string' },
    'object-type': { type: 'string' },
    'object-id': { type: 'string' },
    device: { type: 'string' },
    'from-seq': { type: 'string' },
    'to-seq': { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    anchor: { type: 'string', multiple: true },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const sub = positionals[0];
    if (sub !== 'list' && sub !== 'export' && sub !== 'verify') throw new UsageError('lantai audit list|export|verify');
    if (sub === 'verify') return verify(ctx, values);
    const { api, session } = await ctx.openSession();
    if (sub === 'list') {
      const page = api.audit.read(session, filterOf(values));
      ctx.say(cliAuthMessages.auditHeader);
      for (const r of page.rows) {
        ctx.say([r.seq, localTime(r.at, ctx.io.env['TZ']), r.username, r.device, r.action, `${r.objectType}${r.objectId ? ':' + r.objectId : ''}`, r.result, r.detail === '{}' ? '' : r.detail].join('\t'));
      }
      ctx.say(msg(cliAuthMessages.auditFooter, { total: page.total, shown: page.rows.length }));
      ctx.emitJson({ ok: true, ...page });
      return EXIT.OK;
    }
    if (sub === 'export') {
      const format = stringOption(values, 'format') ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError('--format csv|json');
      const out = stringOption(values, 'out');
      const exp = api.audit.export(session, format, filterOf(values));
      if (out === undefined) {
        // The export itself is the output (pipe it to a file); the summary goes to stderr.
        ctx.io.stdout(exp.text);
        ctx.warn(msg(cliAuthMessages.auditHead, { seq: exp.head.seq, hash: exp.head.hash }));
        return exp.verification.ok ? EXIT.OK : EXIT.PROBLEMS;
      }
      const file = path.resolve(out);
      fs.writeFileSync(file, exp.text, { mode: 0o600 });
      ctx.say(msg(cliAuthMessages.auditExported, { rows: exp.rows, file, format, verdictZh: exp.verification.ok ? '通过' : '失败', verdictEn: exp.verification.ok ? 'passed' : 'FAILED' }));
      ctx.say(msg(cliAuthMessages.auditHead, { seq: exp.head.seq, hash: exp.head.hash }));
      ctx.emitJson({ ok: exp.verification.ok, file, format, rows: exp.rows, head: exp.head, verification: exp.verification });
      return exp.verification.ok ? EXIT.OK : EXIT.PROBLEMS;
    }
    return EXIT.INTERNAL;
  },
};
