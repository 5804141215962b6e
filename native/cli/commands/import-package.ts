import { msg, transferCliMessages } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { readKeyApproval } from './keys.js';

/** The receiving archive: a verified package into this vault, all or nothing; optionally the signed receipt. */
export const importPackageCommand: Command = {
  name: 'import-package',
  summary: { zh: '接收移交包：校验后整体入库（保留档号、摘要与识别文本），可同时出具签名回执', en: 'Receive a transfer package: verified, then imported whole (archival codes, digests and OCR text kept); optionally issue the signed receipt' },
  usage: 'lantai import-package PATH [--pin CERT|SHA256] [--receipt FILE --approver USER]',
  options: { pin: { type: 'string' }, receipt: { type: 'string' }, approver: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const target = positionals[0];
    if (!target) throw new UsageError('PATH is required');
    const pin = stringOption(values, 'pin');
    const receiptOut = stringOption(values, 'receipt');
    if (receiptOut !== undefined && stringOption(values, 'approver') === undefined) throw new UsageError('--receipt needs --approver (the security officer signs the receipt)');
    const { api, session } = await ctx.openSession();
    const approval = receiptOut !== undefined ? await readKeyApproval(ctx, api, values) : {};
    const r = await api.receiving.importPackage(session, { path: target, ...(pin ? { pin } : {}), ...(receiptOut !== undefined ? { receiptOut } : {}) },
      approval,
      { signal: ctx.signal, onProgress: (p) => ctx.progress(msg(transferCliMessages.progress, { phase: p.message, done: p.done, total: p.total })) });
    ctx.endProgress();
    if (r.alreadyImported) ctx.say(msg(transferCliMessages.alreadyImported, { id: r.transferId, importId: r.importId }));
    else ctx.say(msg(transferCliMessages.imported, { id: r.transferId, org: r.sourceOrganization, records: r.records.length, importId: r.importId }));
    if (r.receipt) ctx.say(msg(transferCliMessages.receiptWritten, { path: r.receipt.path }));
    ctx.emitJson({ ok: true, ...r });
    return EXIT.OK;
  },
};
