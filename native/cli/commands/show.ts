import { classificationText, msg, type Message, type OcrQueueStatus, type RecordRow } from '../../api/index.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';
import { resolveRecordRef } from './record-ref.js';

const OCR_STATUS: Record<OcrQueueStatus, Message> = {
  done: cliMessages.ocrDone,
  pending: cliMessages.ocrPending,
  running: cliMessages.ocrRunning,
  failed: cliMessages.ocrFailed,
};

function fieldRows(ctx: CliContext, r: RecordRow): [Message, string | number | null][] {
  return [
    [cliMessages.fieldArchivalCode, r.archivalCode],
    [cliMessages.fieldFonds, r.fondsCode],
    [cliMessages.fieldCategory, r.categoryCode],
    [cliMessages.fieldYear, r.year],
    [cliMessages.fieldRetention, r.retention],
    [cliMessages.fieldOrgUnit, r.orgUnit],
    [cliMessages.fieldItemNumber, r.itemNumber],
    [cliMessages.fieldTitle, r.title],
    [cliMessages.fieldCreator, r.creator],
    [cliMessages.fieldDocNumber, r.docNumber],
    [cliMessages.fieldDocDate, r.docDate],
    [cliMessages.fieldPages, r.pageCount],
    [cliMessages.fieldClassification, classificationText(r, ctx.lang)],
    [cliMessages.fieldHold, ctx.t(r.classifiedHold ? cliMessages.yes : cliMessages.no)],
    [cliMessages.fieldRemarks, r.remarks],
  ];
}

export const showCommand: Command = {
  name: 'show',
  summary: cliMessages.showSummary,
  usage: 'lantai show ARCHIVAL-CODE|ID',
  options: {},
  positionals: 'some',
  async run(ctx, _values, positionals) {
    const ref = positionals[0];
    if (!ref) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    const { api, session } = await ctx.openSession();
    const detail = api.records.get(session, resolveRecordRef(api, session, 'view_record', ref));
    const { record, masters, pages, warnings } = detail;
    const suggestions = detail.suggestions.filter((s) => s.status === 'pending');
    for (const [label, value] of fieldRows(ctx, record)) ctx.say(`${ctx.t(label)}: ${value ?? ''}`);
    ctx.say(cliMessages.mastersHeader);
    for (const m of masters) {
      ctx.say(msg(cliMessages.masterLine, { seq: m.seq, name: m.originalName, format: m.format, pages: m.pageCount, size: m.size, sha256: m.sha256, sm3: m.sm3 }));
    }
    ctx.say(cliMessages.pagesHeader);
    for (const p of pages) {
      const status = p.ocr;
      ctx.say(msg(cliMessages.pageLine, {
        no: p.pageNo, format: p.format, compression: p.compression, width: p.width, height: p.height,
        dpi: p.dpiX ? `${Math.round(p.dpiX)}dpi` : ctx.t(cliMessages.noDpi), colour: p.colourMode,
        ocr: ctx.t(status ? OCR_STATUS[status] : cliMessages.ocrNone), sha256: p.imageSha256, sm3: p.sm3,
      }));
    }
    for (const w of warnings) ctx.say(`  ! ${ctx.t(w.message)}`);
    if (suggestions.length > 0) {
      ctx.say(msg(cliMessages.suggestionsHeader, { code: record.archivalCode }));
      for (const s of suggestions) ctx.say(msg(cliMessages.suggestionLine, { id: s.id, field: s.field, value: s.value, page: s.pageNo ?? '-', confidence: s.confidence }));
    }
    ctx.emitJson({ ok: true, record, masters, pages, warnings, suggestions });
    return EXIT.OK;
  },
};
