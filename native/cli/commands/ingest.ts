import { msg, type IngestMetadata, type IngestSummary, type JobProgress } from '../../api/index.js';
import type { CliContext } from '../context.js';
import { intOption, stringOption, type Command, type OptionSpec, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const METADATA_OPTIONS: OptionSpec = {
  fonds: { type: 'string' },
  category: { type: 'string' },
  year: { type: 'string' },
  retention: { type: 'string' },
  org: { type: 'string' },
  title: { type: 'string' },
  creator: { type: 'string' },
  'doc-number': { type: 'string' },
  'doc-date': { type: 'string' },
  classification: { type: 'string' },
  'classification-period': { type: 'string' },
  remarks: { type: 'string' },
};

export function metadataFrom(values: OptionValues): IngestMetadata {
  const meta: IngestMetadata = {};
  const set = <K extends keyof IngestMetadata>(key: K, value: IngestMetadata[K] | undefined) => {
    if (value !== undefined) meta[key] = value;
  };
  set('fondsCode', stringOption(values, 'fonds'));
  set('categoryCode', stringOption(values, 'category'));
  set('year', intOption(values, 'year'));
  set('retention', stringOption(values, 'retention'));
  set('orgUnit', stringOption(values, 'org'));
  set('title', stringOption(values, 'title'));
  set('creator', stringOption(values, 'creator'));
  set('docNumber', stringOption(values, 'doc-number'));
  set('docDate', stringOption(values, 'doc-date'));
  set('classification', stringOption(values, 'classification'));
  set('classificationPeriod', stringOption(values, 'classification-period'));
  set('remarks', stringOption(values, 'remarks'));
  return meta;
}

/** Ingest progress on the terminal. */
export function ingestProgress(ctx: CliContext): (p: JobProgress) => void {
  return (p) => ctx.progress(msg(cliMessages.ingestProgress, { done: p.done, total: p.total, failed: p.failed }));
}

/** Prints one ingest summary in the user's language; returns the exit code it deserves. */
export function reportIngest(ctx: CliContext, summary: IngestSummary, attached = false): number {
  if (summary.resumed) ctx.say(msg(cliMessages.ingestResumed, { jobId: summary.jobId }));
  let added = 0;
  let skipped = 0;
  for (const item of summary.items) {
    if (item.status === 'done') {
      added++;
      ctx.say(msg(attached ? cliMessages.itemAttached : cliMessages.itemAdded, { code: item.archivalCode ?? '', pages: item.pageCount ?? 0, key: item.key }));
    } else if (item.status === 'skipped') {
      skipped++;
      ctx.say(msg(cliMessages.itemSkipped, { code: item.archivalCode ?? '', key: item.key }));
    } else if (item.status === 'failed') {
      const refused = item.error?.refused;
      if (refused) {
        // Every refused file on a line of its own, so the archivist can fix them all before trying again.
        ctx.say(msg(cliMessages.itemFailed, { key: item.key, message: ctx.t(msg(cliMessages.filesRefused, { count: refused.length })) }));
        for (const r of refused) ctx.say(msg(cliMessages.refusedFile, { message: ctx.t(r.message) }));
      } else {
        const [zh, en] = (item.error?.message ?? '').split('\n');
        ctx.say(msg(cliMessages.itemFailed, { key: item.key, message: (ctx.lang === 'zh' ? zh : en) ?? zh ?? '' }));
      }
    }
    for (const w of item.warnings) ctx.say(msg(cliMessages.itemWarning, { message: ctx.t(w.message) }));
  }
  for (const p of summary.ignored) ctx.say(msg(cliMessages.ignored, { path: p }));
  ctx.say(msg(cliMessages.ingestDone, { added, skipped, failed: summary.failed }));
  ctx.emitJson({ ok: summary.status === 'done', ...summary });
  if (summary.status === 'cancelled') return EXIT.CANCELLED;
  return summary.status === 'done' ? EXIT.OK : EXIT.PROBLEMS;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: { zh: '导入扫描文件或文件夹（一个文件或一个文件夹为一件）', en: 'Ingest scan files or folders (one file or one folder = one item)' },
  usage: 'lantai ingest PATH… --to 档号   (the scans of a catalog entry imported with `lantai catalog import`: all files named are its pages)\n' +
    '  lantai ingest PATH… [--fonds Z109] [--category WS] [--year 2016] [--retention Y|D30|D10] [--org 办公室] [--title …] [--creator …] [--doc-number …] [--doc-date YYYY-MM-DD] [--classification 公开|内部|秘密|机密|绝密] [--each-file] [--ocr-batch]',
  options: { ...METADATA_OPTIONS, 'each-file': { type: 'boolean' }, 'ocr-batch': { type: 'boolean' }, to: { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    if (positionals.length === 0) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    const metadata = metadataFrom(values);
    const attachTo = stringOption(values, 'to');
    const { api, session } = await ctx.openSession();
    const summary = await api.ingest.run(
      session,
      { paths: positionals, metadata, eachFile: values['each-file'] === true, ocrBatch: values['ocr-batch'] === true, ...(attachTo !== undefined ? { attachTo } : {}) },
      { signal: ctx.signal, onProgress: ingestProgress(ctx) },
    ).finally(() => ctx.endProgress());
    return reportIngest(ctx, summary, attachTo !== undefined);
  },
};
