import { authorize, recordAudit } from '../../auth/authorize.js';
import { recordTarget } from '../../auth/types.js';
import { getRecord, getRecordByCode, recordMasters, recordPages, recordWarnings } from '../../catalog/records.js';
import { CLASSIFICATION_LABELS } from '../../catalog/types.js';
import { msg } from '../../i18n/messages.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const showCommand: Command = {
  name: 'show',
  summary: { zh: '显示一件档案的著录项、原件和各页信息', en: 'Show one record: catalog fields, masters and pages' },
  usage: 'lantai show ARCHIVAL-CODE|ID',
  options: {},
  positionals: 'some',
  async run(ctx, _values, positionals) {
    const ref = positionals[0];
    if (!ref) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    const { vault, op } = await ctx.openSession();
    // The role is checked before the lookup, so a person without view_record cannot even
    // learn which archival codes exist; the record's own state is checked (and a denial
    // audited) once it is found.
    authorize(op, 'view_record', { type: 'record_ref', id: ref });
    const record = /^\d+$/.test(ref) ? getRecord(vault.db, Number(ref)) : getRecordByCode(vault.db, ref);
    if (!record) {
      ctx.error({ code: 'RECORD_NOT_FOUND', message: msg(cliMessages.notFound, { ref }), details: { ref } });
      return EXIT.PROBLEMS;
    }
    authorize(op, 'view_record', recordTarget(record.id));
    recordAudit(op, 'view_record', recordTarget(record.id), 'ok', { archivalCode: record.archivalCode, via: 'cli show' });
    const masters = recordMasters(vault.db, record.id);
    const pages = recordPages(vault.db, record.id);
    const warnings = recordWarnings(vault.db, record.id);
    const zh = ctx.lang === 'zh';
    const rows: [string, string, string | number | null][] = [
      ['档号', 'Archival code', record.archivalCode],
      ['全宗号', 'Fonds', record.fondsCode],
      ['门类', 'Category', record.categoryCode],
      ['年度', 'Year', record.year],
      ['保管期限', 'Retention', record.retention],
      ['机构(问题)', 'Org unit', record.orgUnit],
      ['件号', 'Item number', record.itemNumber],
      ['题名', 'Title', record.title],
      ['责任者', 'Creator', record.creator],
      ['文号', 'Doc number', record.docNumber],
      ['成文日期', 'Doc date', record.docDate],
      ['页数', 'Pages', record.pageCount],
      ['密级', 'Classification', CLASSIFICATION_LABELS[record.classification][ctx.lang] + (record.classificationPeriod ? `★${record.classificationPeriod}` : '')],
      ['涉密冻结', 'Classified hold', record.classifiedHold ? (zh ? '是' : 'yes') : (zh ? '否' : 'no')],
      ['备注', 'Remarks', record.remarks],
    ];
    for (const [z, e, v] of rows) ctx.say(`${zh ? z : e}: ${v ?? ''}`);
    ctx.say(zh ? '原件：' : 'Masters:');
    for (const m of masters) ctx.say(`  ${m.seq}. ${m.originalName} (${m.format}, ${m.pageCount} ${zh ? '页' : 'pages'}, ${m.size} B) SHA-256 ${m.sha256} SM3 ${m.sm3}`);
    ctx.say(zh ? '页：' : 'Pages:');
    for (const p of pages) {
      const dpi = p.dpiX ? `${Math.round(p.dpiX)}dpi` : (zh ? '无dpi' : 'no dpi');
      ctx.say(`  ${p.pageNo}. ${p.format}/${p.compression} ${p.width}×${p.height} ${dpi} ${p.colourMode} SHA-256 ${p.imageSha256} SM3 ${p.sm3}`);
    }
    for (const w of warnings) ctx.say(`  ! ${ctx.t(w.message)}`);
    ctx.emitJson({ ok: true, record, masters, pages, warnings });
    return EXIT.OK;
  },
};
