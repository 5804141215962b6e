import { msg, transferCliMessages } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { readKeyApproval } from './keys.js';

async function list(ctx: CliContext): Promise<number> {
  const { api, session } = await ctx.openSession();
  const rows = api.transfer.list(session);
  if (rows.length === 0) ctx.say(transferCliMessages.noTransfers);
  else {
    ctx.say(transferCliMessages.transfersHeader);
    for (const r of rows) ctx.say([r.id, r.state, String(r.recordCount), r.createdAt, r.outputPath].join('\t'));
  }
  ctx.emitJson({ ok: true, transfers: rows.map((r) => ({ ...r, report: undefined })) });
  return EXIT.OK;
}

/** The sender records the archive's signed receipt. */
async function receipt(ctx: CliContext, file: string | undefined, pin: string | undefined): Promise<number> {
  if (!file) throw new UsageError('transfer receipt: FILE is required');
  const { api, session } = await ctx.openSession();
  const r = api.transfer.recordReceipt(session, file, pin !== undefined ? { pin } : {});
  if (r.alreadyRecorded) ctx.say(msg(transferCliMessages.receiptAlreadyRecorded, { id: r.transferId }));
  else ctx.say(msg(transferCliMessages.receiptRecorded, { org: r.receipt.content.receivingUnit, id: r.transferId, records: r.records }));
  ctx.emitJson({ ok: true, transferId: r.transferId, records: r.records, alreadyRecorded: r.alreadyRecorded, receipt: r.receipt.content, signer: r.receipt.signer });
  return EXIT.OK;
}

/** The receiving archive: the packages it received, and a receipt issued for one later. */
async function received(ctx: CliContext): Promise<number> {
  const { api, session } = await ctx.openSession();
  const rows = api.receiving.list(session);
  if (rows.length === 0) ctx.say(transferCliMessages.noImports);
  else {
    ctx.say(transferCliMessages.importsHeader);
    for (const r of rows) {
      ctx.say([String(r.id), r.transferId, r.sourceOrganization, String(r.recordCount), r.importedAt, ctx.t(r.receipt ? transferCliMessages.receiptIssued : transferCliMessages.receiptNone)].join('\t'));
    }
  }
  ctx.emitJson({ ok: true, imports: rows.map((r) => ({ ...r, receipt: r.receipt !== null })) });
  return EXIT.OK;
}

export const transferCommand: Command = {
  name: 'transfer',
  summary: {
    zh: '移交记录：list 列出每次移交及其状态；receipt 记录接收方回执；received 列出已接收的移交包；issue-receipt 为已接收的移交包出具回执',
    en: 'Transfers: list (with states); receipt (record the archive\'s receipt); received (packages received); issue-receipt (for a received package)',
  },
  usage: 'lantai transfer list | receipt FILE [--pin CERT|SHA256] | received | issue-receipt IMPORT_ID --out FILE --approver USER',
  options: { pin: { type: 'string' }, out: { type: 'string' }, approver: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    switch (positionals[0]) {
      case 'list':
        return list(ctx);
      case 'receipt':
        return receipt(ctx, positionals[1], stringOption(values, 'pin'));
      case 'received':
        return received(ctx);
      case 'issue-receipt': {
        const id = Number(positionals[1]);
        const out = stringOption(values, 'out');
        if (!Number.isSafeInteger(id) || id < 1 || !out) throw new UsageError('transfer issue-receipt: IMPORT_ID and --out FILE are required');
        const { api, session } = await ctx.openSession();
        const approval = await readKeyApproval(ctx, api, values);
        const r = await api.receiving.issueReceipt(session, id, out, approval);
        ctx.say(msg(transferCliMessages.receiptWritten, { path: r.path }));
        ctx.emitJson({ ok: true, path: r.path, receipt: r.content });
        return EXIT.OK;
      }
      default:
        throw new UsageError('transfer: expected list, receipt, received or issue-receipt');
    }
  },
};
