import fs from 'node:fs';
import { isMediaType, MEDIA_TYPE_LABELS, msg, promptHidden, readPasswordFile, VaultError, type MediumRow } from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { requiredOption, stdinOf } from './auth-common.js';
import { mediaCliMessages as m } from './media-messages.js';

/**
 * The backup passphrase: from the 0600 file LANTAI_BACKUP_PASSPHRASE_FILE names, or typed on a
 * terminal (twice when it is a new one); never from the command line.
 */
export async function readBackupPassphrase(ctx: CliContext, confirm: boolean): Promise<string> {
  const file = ctx.io.env['LANTAI_BACKUP_PASSPHRASE_FILE'];
  if (file) return readPasswordFile(file);
  const stdin = stdinOf(ctx);
  if (!stdin.isTTY) throw VaultError.of('KEY_PASSPHRASE_REQUIRED', m.passphraseRequired);
  const first = await promptHidden(ctx.t(m.passphrase), stdin, process.stderr);
  if (confirm && first !== (await promptHidden(ctx.t(m.passphraseAgain), stdin, process.stderr))) throw VaultError.of('KEY_PASSPHRASE_REQUIRED', m.passphrasesDiffer);
  return first;
}

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3, TIB: 1024 ** 4 };

/** "2TB", "64GB", "700MiB" or bytes. */
export function parseBytes(text: string): number {
  const x = /^\s*([\d.]+)\s*([KMGT]?I?B?)\s*$/i.exec(text);
  const unit = UNITS[(x?.[2] ?? '').toUpperCase()];
  const n = x && unit !== undefined ? Math.round(Number(x[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--capacity must be a size such as 2TB, 64GB or a number of bytes, not "${text}"`);
  return n;
}

export function printMedium(ctx: CliContext, x: MediumRow): void {
  ctx.say([x.id, ctx.t(MEDIA_TYPE_LABELS[x.type]), x.label, `${x.brand || '-'}/${x.batch || '-'}`, x.site, x.state, x.lastVerifiedAt?.slice(0, 10) ?? '-', x.earlyCheck ? '!' : ''].join('\t'));
}

export const mediaCommand: Command = {
  name: 'media',
  summary: { zh: '备份载体：add 登记，list，show，label 打印标签，recognize 识别，checkout/checkin 出入库，retire 退役，key 备份密钥，set 设置，erasures/erased 待清除副本', en: 'Backup media: add, list, show, label, recognize, checkout/checkin, retire, key (backup key), set (settings), erasures/erased (copies of destroyed records)' },
  usage: [
    'lantai media add --type cd_r|dvd_r|bd_r|hdd|ssd|usb|lto --site 地点 [--path MOUNT] [--id ID] [--label 标签] [--brand B] [--batch B] [--capacity 2TB] [--life YEARS] [--custodian 保管人]',
    'lantai media list [--all]   |   lantai media show ID   |   lantai media label ID --out DIR   |   lantai media recognize PATH',
    'lantai media checkout ID --to 地点 [--courier 经手人] [--count N] [--note …]   |   lantai media checkin ID [--to 地点] [--courier …] [--count N]',
    'lantai media retire ID --reason …   |   lantai media key create|unlock|sheet   |   lantai media set NAME VALUE',
    'lantai media erasures [ID] [--all]   |   lantai media erased ID [--path MOUNT] --note 清除方式   (copies of destroyed records)',
  ].join('\n'),
  options: {
    type: { type: 'string' }, site: { type: 'string' }, path: { type: 'string' }, id: { type: 'string' }, label: { type: 'string' }, brand: { type: 'string' }, batch: { type: 'string' },
    capacity: { type: 'string' }, life: { type: 'string' }, custodian: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' }, to: { type: 'string' }, courier: { type: 'string' },
    count: { type: 'string' }, note: { type: 'string' }, reason: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, arg, arg2] = positionals;
    const { api, session } = await ctx.openSession();
    switch (sub) {
      case 'add': {
        const type = requiredOption(values, 'type');
        if (!isMediaType(type)) throw new UsageError(`--type must be one of cd_r, dvd_r, bd_r, hdd, ssd, usb, lto, not "${type}"`);
        const capacity = stringOption(values, 'capacity');
        const life = intOption(values, 'life');
        const x = await api.media.add(session, {
          type, site: requiredOption(values, 'site'),
          ...(stringOption(values, 'path') ? { mountPath: stringOption(values, 'path')! } : {}),
          ...(stringOption(values, 'id') ? { id: stringOption(values, 'id')! } : {}),
          ...(stringOption(values, 'label') ? { label: stringOption(values, 'label')! } : {}),
          ...(stringOption(values, 'brand') ? { brand: stringOption(values, 'brand')! } : {}),
          ...(stringOption(values, 'batch') ? { batch: stringOption(values, 'batch')! } : {}),
          ...(stringOption(values, 'custodian') ? { custodian: stringOption(values, 'custodian')! } : {}),
          ...(capacity ? { capacityBytes: parseBytes(capacity) } : {}),
          ...(life !== undefined ? { expectedLifeYears: life } : {}),
        });
        ctx.say(msg(m.added, { id: x.id, type: ctx.t(MEDIA_TYPE_LABELS[x.type]), label: x.label, site: x.site, labelled: x.mountPath ? ctx.t(msg(m.labelledAt, { path: x.mountPath })) : '' }));
        ctx.emitJson({ ok: true, medium: x });
        return EXIT.OK;
      }
      case 'list': {
        const rows = api.media.list(session, { includeRetired: values['all'] === true });
        ctx.say(rows.length === 0 ? m.noMedia : m.listHeader);
        for (const x of rows) printMedium(ctx, x);
        ctx.emitJson({ ok: true, media: rows });
        return EXIT.OK;
      }
      case 'show': {
        if (!arg) throw new UsageError('media show ID');
        const d = api.media.show(session, arg);
        printMedium(ctx, d.medium);
        ctx.say(`copies=${d.copies} bad=${d.bad} snapshots=${d.snapshots} capacity=${d.medium.capacityBytes} custodian=${d.medium.custodian || '-'} mount=${d.medium.mountPath ?? '-'}${d.medium.earlyCheck ? ` early-check: ${d.medium.earlyCheckReason}` : ''}`);
        for (const r of d.runs) ctx.say(`  run ${r.id} ${r.kind} ${r.startedAt} ${r.result} checked=${r.checked} problems=${r.problems}`);
        for (const a of d.alerts) ctx.say(`  alert ${a.id} ${a.kind} ${a.subject}`);
        for (const t of d.transport) ctx.say(`  ${t.direction} ${t.at} ${t.fromSite} → ${t.toSite} ×${t.count} ${t.courier}`);
        if (d.disposal) ctx.say(`  retired ${d.disposal.at}: ${d.disposal.reason}${d.disposal.migratedTo ? ` → ${d.disposal.migratedTo}` : ''}, keep until ${d.disposal.keepUntil}`);
        ctx.emitJson({ ok: true, ...d });
        return EXIT.OK;
      }
      case 'label': {
        if (!arg) throw new UsageError('media label ID --out DIR');
        const out = requiredOption(values, 'out');
        const l = await api.media.label(session, { mediumId: arg, outDir: out });
        ctx.say(l.text);
        ctx.say(msg(m.labelWritten, { text: l.textFile, svg: l.svgFile, png: l.pngFile }));
        ctx.emitJson({ ok: true, ...l });
        return EXIT.OK;
      }
      case 'recognize': {
        if (!arg) throw new UsageError('media recognize PATH');
        const x = await api.media.recognize(session, arg);
        ctx.say(msg(m.recognized, { path: arg, id: x.id, label: x.label }));
        ctx.emitJson({ ok: true, medium: x });
        return EXIT.OK;
      }
      case 'checkout':
      case 'checkin': {
        if (!arg) throw new UsageError(`media ${sub} ID`);
        const count = intOption(values, 'count');
        const input = {
          mediumId: arg, ...(stringOption(values, 'courier') ? { courier: stringOption(values, 'courier')! } : {}), ...(count !== undefined ? { count } : {}),
          ...(stringOption(values, 'note') ? { note: stringOption(values, 'note')! } : {}),
        };
        const t = sub === 'checkout' ? api.media.checkout(session, { ...input, toSite: requiredOption(values, 'to') }) : api.media.checkin(session, { ...input, ...(stringOption(values, 'to') ? { toSite: stringOption(values, 'to')! } : {}) });
        ctx.say(msg(m.moved, { id: arg, from: t.fromSite, to: t.toSite, count: t.count, courier: t.courier || '-' }));
        ctx.emitJson({ ok: true, transport: t });
        return EXIT.OK;
      }
      case 'retire': {
        if (!arg) throw new UsageError('media retire ID --reason …');
        const x = api.media.retire(session, { mediumId: arg, reason: requiredOption(values, 'reason') });
        const d = api.media.show(session, x.id).disposal;
        ctx.say(msg(m.retired, { id: x.id, keepUntil: d?.keepUntil.slice(0, 10) ?? '-' }));
        ctx.emitJson({ ok: true, medium: x, disposal: d });
        return EXIT.OK;
      }
      case 'key': {
        if (arg === 'create') {
          const info = await api.media.createKey(session, { passphrase: await readBackupPassphrase(ctx, true) });
          ctx.say(msg(m.keyCreated, { keyId: info.keyId }));
          ctx.say(info.recoverySheet);
          const out = stringOption(values, 'out');
          if (out) fs.writeFileSync(out, info.recoverySheet, { flag: 'wx', mode: 0o600 });
          ctx.emitJson({ ok: true, ...info });
          return EXIT.OK;
        }
        if (arg === 'unlock') {
          const r = await api.media.unlockKey(session, { passphrase: await readBackupPassphrase(ctx, false) });
          ctx.say(msg(m.keyUnlocked, r));
          ctx.emitJson({ ok: true, ...r });
          return EXIT.OK;
        }
        if (arg === 'sheet') {
          const s = api.media.recoverySheet(session);
          ctx.say(s.text);
          ctx.emitJson({ ok: true, recoverySheet: s.text });
          return EXIT.OK;
        }
        throw new UsageError('media key create|unlock|sheet');
      }
      case 'erasures': {
        // Copies of destroyed records still on media (issue 13 part 3), for the backup officer.
        const rows = api.media.erasures(session, { ...(arg ? { mediumId: arg } : {}), all: values['all'] === true });
        for (const e of rows) ctx.say([e.mediumId, e.file, e.sha256.slice(0, 16), e.archivalCodes.join(','), `register ${e.registerId}`, e.erasedAt ? `erased ${e.erasedAt.slice(0, 10)}` : 'pending'].join('\t'));
        ctx.say(rows.some((e) => e.erasedAt === null) ? msg(m.erasuresPending, { count: rows.filter((e) => e.erasedAt === null).length }) : m.noErasures);
        ctx.emitJson({ ok: true, erasures: rows });
        return EXIT.OK;
      }
      case 'erased': {
        if (!arg) throw new UsageError('media erased ID [--path MOUNT] --note …');
        const mount = stringOption(values, 'path');
        const done = await api.media.confirmErasure(session, { mediumId: arg, ...(mount ? { path: mount } : {}), note: requiredOption(values, 'note') });
        ctx.say(msg(m.erased, { id: arg, count: done.length }));
        ctx.emitJson({ ok: true, erased: done });
        return EXIT.OK;
      }
      case 'set': {
        if (!arg || arg2 === undefined) throw new UsageError('media set NAME VALUE (interval.magnetic, interval.optical, interval.flash, sampleFraction, minCopies, minTypes, minSites, archiveRoomSite, keepYears)');
        const s = api.media.setSetting(session, arg.replace(/^media\./, ''), arg2);
        ctx.say(msg(m.settingSet, { name: arg.replace(/^media\./, ''), value: arg2 }));
        ctx.emitJson({ ok: true, settings: s });
        return EXIT.OK;
      }
      default:
        throw new UsageError(`media: expected add, list, show, label, recognize, checkout, checkin, retire, key, set, erasures or erased${sub ? `, not "${sub}"` : ''}`);
    }
  },
};
