import {
  msg, FAIL_REASONS, QC_CHECK_LABELS, renderReport, type AcceptanceReport, type JobProgress, type MachineSummary, type SampleResult,
} from '../../api/index.js';
import path from 'node:path';
import type { Session, VaultApi } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt, requiredOption } from './auth-common.js';
import { isPdf, writeOut } from './digitization-common.js';
import { digitizationCliMessages as m } from './digitization-messages.js';

const SUBS = ['run', 'batches', 'findings', 'sample', 'judge', 'result', 'accept', 'return', 'report', 'rescan', 'settings'];

export function qcProgress(ctx: CliContext): (p: JobProgress) => void {
  return (p) => ctx.progress(msg(m.qcProgress, { done: p.done, total: p.total }));
}

export function printFindings(ctx: CliContext, s: MachineSummary): void {
  for (const f of s.findings) {
    ctx.say(msg(m.findingLine, { code: f.archivalCode, page: f.pageNo ?? '-', check: QC_CHECK_LABELS[f.check][ctx.lang], value: f.value === null ? '' : ` (${Math.round(f.value * 1000) / 1000})` }));
  }
}

function printResult(ctx: CliContext, r: SampleResult): void {
  ctx.say(msg(m.result, { judged: r.judged, size: r.size, passed: r.passed, failed: r.failed, rate: r.passRate ?? '-', mark: r.passMark, verdict: r.verdict }));
}

/** The report as text (to the screen or a .txt), or printed as the PDF form when --out ends in .pdf. */
async function printReport(ctx: CliContext, api: VaultApi, session: Session, r: AcceptanceReport, batchId: number, out: string | undefined): Promise<void> {
  if (isPdf(out)) {
    const printed = await api.qc.printReport(session, batchId, path.resolve(out));
    ctx.say(msg(m.pdfWritten, { file: printed.path, pages: printed.pages }));
    return;
  }
  writeOut(ctx, out, renderReport(r, ctx.lang), (file) => ctx.say(msg(m.reportWritten, { file })));
}

export const qcCommand: Command = {
  name: 'qc',
  summary: {
    zh: '质检与验收：run 机器质检 | batches | findings | sample 抽检样本 | judge 逐页判定 | result | accept 验收 | return 退回 | report 验收报告 | rescan 重扫 | settings',
    en: 'QC and acceptance: run (machine checks) | batches | findings | sample | judge | result | accept | return | report | rescan | settings',
  },
  usage:
    'lantai qc run PROJECT [--seed TEXT]                 (machine checks of the scanned items not yet in QC; exit 1 when a page has findings)\n' +
    '  lantai qc batches PROJECT | findings BATCH\n' +
    '  lantai qc sample BATCH [--seed TEXT]              (draws the sample once; the same seed gives the same pages)\n' +
    `  lantai qc judge BATCH CODE PAGE pass|fail [--reason ${FAIL_REASONS.join('|')}] [--note TEXT]\n` +
    '  lantai qc result BATCH                            (exit 1 unless the sample passed)\n' +
    '  lantai qc accept BATCH --vendor-signatory NAME [--signatory NAME] [--out FILE.txt|FILE.pdf]\n' +
    '  lantai qc return BATCH [--vendor-signatory NAME] [--out FILE.txt|FILE.pdf]\n' +
    '  lantai qc report BATCH [--out FILE.txt|FILE.pdf]       (.pdf: the printed form to sign)\n' +
    '  lantai qc rescan CODE PAGE FILE --reason TEXT [--device ID] [--software NAME]\n' +
    '  lantai qc settings [--set NAME=VALUE]',
  options: {
    seed: { type: 'string' },
    reason: { type: 'string' },
    note: { type: 'string' },
    'vendor-signatory': { type: 'string' },
    signatory: { type: 'string' },
    out: { type: 'string' },
    device: { type: 'string' },
    software: { type: 'string' },
    set: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, a, b, c, d] = positionals;
    if (!sub || !SUBS.includes(sub) || (sub !== 'settings' && !a)) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    const s = (k: string) => stringOption(values, k);
    const batch = () => positiveInt(a, 'BATCH');
    switch (sub) {
      case 'run': {
        const r = await api.qc.run(session, a!, s('seed') !== undefined ? { seed: s('seed')! } : {}, { signal: ctx.signal, onProgress: qcProgress(ctx) }).finally(() => ctx.endProgress());
        ctx.say(msg(m.qcRun, { id: r.batch.id, project: r.batch.project, seq: r.batch.seq, pages: r.machine.pages, withFindings: r.machine.pagesWithFindings }));
        printFindings(ctx, r.machine);
        ctx.emitJson({ ok: r.machine.findings.length === 0, ...r });
        return r.machine.findings.length === 0 ? EXIT.OK : EXIT.PROBLEMS;
      }
      case 'batches': {
        const list = api.qc.batches(session, a!);
        ctx.say(m.batchesHeader);
        for (const x of list) ctx.say([x.id, x.seq, x.state, x.items, x.pages, x.samplePercent, x.passMark, x.seed].join('\t'));
        ctx.emitJson({ ok: true, batches: list });
        return EXIT.OK;
      }
      case 'findings': {
        const r = api.qc.findings(session, batch());
        printFindings(ctx, r);
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'sample': {
        const pages = api.qc.sample(session, batch(), s('seed') !== undefined ? { seed: s('seed')! } : {});
        const info = api.qc.result(session, batch());
        ctx.say(msg(m.sampleHeader, { id: batch(), seed: info.seed, size: pages.length }));
        for (const p of pages) {
          ctx.say(msg(m.sampleLine, { ordinal: p.ordinal, code: p.archivalCode, page: p.pageNo, verdict: p.verdict ?? '-', findings: p.findings.map((f) => QC_CHECK_LABELS[f.check][ctx.lang]).join(', ') }));
        }
        ctx.emitJson({ ok: true, pages });
        return EXIT.OK;
      }
      case 'judge': {
        if (!b || !c || (d !== 'pass' && d !== 'fail')) throw new UsageError(this.usage);
        const r = api.qc.judge(session, batch(), { record: b, pageNo: positiveInt(c, 'PAGE'), verdict: d, ...(s('reason') !== undefined ? { reason: s('reason')! } : {}), ...(s('note') !== undefined ? { note: s('note')! } : {}) });
        printResult(ctx, r);
        ctx.emitJson({ ok: true, result: r });
        return EXIT.OK;
      }
      case 'result': {
        const r = api.qc.result(session, batch());
        printResult(ctx, r);
        ctx.emitJson({ ok: r.verdict === 'pass', result: r });
        return r.verdict === 'pass' ? EXIT.OK : EXIT.PROBLEMS;
      }
      case 'accept':
      case 'return': {
        const request = { ...(s('vendor-signatory') !== undefined ? { vendorSignatory: s('vendor-signatory')! } : {}), ...(s('signatory') !== undefined ? { archiveSignatory: s('signatory')! } : {}) };
        const r = sub === 'accept' ? api.qc.accept(session, batch(), request) : api.qc.returnBatch(session, batch(), request);
        await printReport(ctx, api, session, r, batch(), s('out'));
        ctx.emitJson({ ok: true, report: r });
        return EXIT.OK;
      }
      case 'report': {
        const r = api.qc.report(session, batch());
        await printReport(ctx, api, session, r, batch(), s('out'));
        ctx.emitJson({ ok: true, report: r });
        return EXIT.OK;
      }
      case 'rescan': {
        if (!b || !c) throw new UsageError(this.usage);
        const r = await api.qc.rescan(session, { record: a!, pageNo: positiveInt(b, 'PAGE'), file: c, reason: requiredOption(values, 'reason'), ...(s('device') !== undefined ? { deviceId: s('device')! } : {}), ...(s('software') !== undefined ? { software: s('software')! } : {}) });
        ctx.say(msg(m.rescanned, { code: r.archivalCode, page: r.pageNo, old: r.oldSha256.slice(0, 12), new: r.newSha256.slice(0, 12) }));
        ctx.emitJson({ ok: true, ...r });
        return EXIT.OK;
      }
      case 'settings': {
        const set = s('set');
        let settings;
        if (set !== undefined) {
          const at = set.indexOf('=');
          if (at < 1) throw new UsageError('--set NAME=VALUE');
          settings = api.qc.setSetting(session, set.slice(0, at).trim(), set.slice(at + 1).trim());
        } else settings = api.qc.settings(session);
        ctx.say(m.settings);
        for (const [k, v] of Object.entries(settings)) ctx.say(`  ${k} = ${v}`);
        ctx.emitJson({ ok: true, settings });
        return EXIT.OK;
      }
    }
    throw new UsageError(this.usage);
  },
};
