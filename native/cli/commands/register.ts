import fs from 'node:fs';
import path from 'node:path';
import {
  ACCESS_METHODS, msg, renderHandoverList, VaultError,
  type AccessMethod, type Checkout, type HandoverItemInput, type HandoverList, type Session, type VaultApi,
} from '../../api/index.js';
import { intOption, stringOption, UsageError, type Command, type OptionValues } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { listOption, positiveInt, requiredOption, secondPerson } from './auth-common.js';
import { cliAuthMessages } from './auth-messages.js';

export const SECOND_PERSON_ENV = 'LANTAI_SECOND_PASSWORD_FILE';

function optional<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}

function handoverLines(values: OptionValues): HandoverItemInput[] {
  return listOption(values, 'item').map((spec) => {
    const [description, countText, itemRef, unit] = spec.split('|').map((s) => s.trim());
    const count = Number(countText);
    if (!description || !Number.isSafeInteger(count) || count < 1) throw VaultError.of('REGISTER_INVALID', msg(cliAuthMessages.badItemSpec, { value: spec }));
    return { description, count, ...(itemRef ? { itemRef } : {}), ...(unit ? { unit } : {}) };
  });
}

function writeHandover(ctx: CliContext, list: HandoverList, out: string | undefined): string | null {
  const html = renderHandoverList(list, optional('unitName', ctx.io.env['LANTAI_UNIT_NAME']));
  if (out === undefined) return null;
  const file = path.resolve(out);
  fs.writeFileSync(file, html);
  ctx.say(msg(cliAuthMessages.handoverWritten, { file }));
  return file;
}

function checkoutLine(c: Checkout): string {
  return [c.id, c.checkedOutAt, c.userName, c.responsibleName, c.itemCount, c.dueAt, c.status, c.returnedCount ?? '', c.mismatch ? 'MISMATCH' : '', c.overdue ? 'OVERDUE' : ''].join('\t');
}

async function seal(ctx: CliContext, api: VaultApi, session: Session, values: OptionValues, kind: 'seal' | 'unseal', stack: string): Promise<number> {
  const second = await secondPerson(ctx, api, values, 'second-user', SECOND_PERSON_ENV);
  const remarks = optional('remarks', stringOption(values, 'remarks'));
  const ev = kind === 'seal' ? api.registers.seal(session, second, { stack, ...remarks }) : api.registers.unseal(session, second, { stack, purpose: requiredOption(values, 'purpose'), ...remarks });
  ctx.say(msg(kind === 'seal' ? cliAuthMessages.sealed : cliAuthMessages.unsealed, { stack, first: ev.firstName, second: ev.secondName, purpose: ev.purpose }));
  ctx.emitJson({ ok: true, event: ev });
  return EXIT.OK;
}

const SUBS = ['access', 'checkout', 'return', 'handover', 'seal', 'unseal', 'list'];

export const registerCommand: Command = {
  name: 'register',
  summary: {
    zh: '登记簿：access 利用 | checkout 出库 | return 归还清点 | handover 交接清单 | seal/unseal 封库启库（两人）| list',
    en: 'Registers: access | checkout | return (counted back) | handover list | seal/unseal stacks (two people) | list',
  },
  usage:
    'lantai register access --person NAME --purpose TEXT --method view|copy|excerpt|certificate|loan --record RECORD… [--item REF…] [--unit ORG] [--approved-by NAME] [--approval-ref REF] [--grant ID]\n' +
    '  lantai register checkout --item REF… [--count N] --reason TEXT --borrower NAME --responsible NAME --due ISO\n' +
    '  lantai register return CHECKOUT-ID --counted N [--item REF…] [--returned-by NAME] [--condition TEXT]   (exit 1 when the count does not match)\n' +
    '  lantai register handover --title TEXT --from NAME --to NAME --item "说明|数量[|卷件号[|单位]]"… [--out FILE.html]\n' +
    '  lantai register handover --print ID --out FILE.html\n' +
    `  lantai register seal|unseal STACK --second-user NAME [--purpose TEXT]   (second password from ${SECOND_PERSON_ENV} or a prompt)\n` +
    '  lantai register list access|checkouts|handovers|stacks [--open] [--mismatch] [--overdue]',
  options: {
    person: { type: 'string' },
    unit: { type: 'string' },
    purpose: { type: 'string' },
    method: { type: 'string' },
    record: { type: 'string', multiple: true },
    item: { type: 'string', multiple: true },
    'approved-by': { type: 'string' },
    'approval-ref': { type: 'string' },
    grant: { type: 'string' },
    count: { type: 'string' },
    reason: { type: 'string' },
    borrower: { type: 'string' },
    responsible: { type: 'string' },
    due: { type: 'string' },
    counted: { type: 'string' },
    'returned-by': { type: 'string' },
    condition: { type: 'string' },
    title: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    print: { type: 'string' },
    out: { type: 'string' },
    'second-user': { type: 'string' },
    remarks: { type: 'string' },
    open: { type: 'boolean' },
    mismatch: { type: 'boolean' },
    overdue: { type: 'boolean' },
    limit: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, arg] = positionals;
    if (!sub || !SUBS.includes(sub)) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    const s = (k: string) => stringOption(values, k);
    switch (sub) {
      case 'access': {
        const method = requiredOption(values, 'method');
        if (!(ACCESS_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method ${ACCESS_METHODS.join('|')}`);
        const items = [...listOption(values, 'record').map((r) => ({ recordId: api.records.resolve(session, 'register_access', r).id })), ...listOption(values, 'item').map((itemRef) => ({ itemRef }))];
        const entry = api.registers.registerAccess(session, {
          personName: requiredOption(values, 'person'),
          purpose: requiredOption(values, 'purpose'),
          method: method as AccessMethod,
          items,
          ...optional('personUnit', s('unit')),
          ...optional('approvedBy', s('approved-by')),
          ...optional('approvalRef', s('approval-ref')),
          ...optional('remarks', s('remarks')),
          ...(s('grant') !== undefined ? { grantId: positiveInt(s('grant'), '--grant') } : {}),
        });
        ctx.say(msg(cliAuthMessages.accessRegistered, { id: entry.id, person: entry.personName, count: entry.items.length, purpose: entry.purpose }));
        ctx.emitJson({ ok: true, entry });
        return EXIT.OK;
      }
      case 'checkout': {
        const refs = listOption(values, 'item');
        const c = api.registers.checkOut(session, {
          items: refs.map((itemRef) => ({ itemRef })),
          ...(s('count') !== undefined ? { count: positiveInt(s('count'), '--count') } : {}),
          reason: requiredOption(values, 'reason'),
          userName: requiredOption(values, 'borrower'),
          responsibleName: requiredOption(values, 'responsible'),
          dueAt: requiredOption(values, 'due'),
          ...optional('userUnit', s('unit')),
          ...optional('remarks', s('remarks')),
        });
        ctx.say(msg(cliAuthMessages.checkedOut, { id: c.id, count: c.itemCount, user: c.userName, responsible: c.responsibleName, due: c.dueAt }));
        ctx.emitJson({ ok: true, checkout: c });
        return EXIT.OK;
      }
      case 'return': {
        const id = positiveInt(arg, 'CHECKOUT-ID');
        const refs = listOption(values, 'item');
        const c = api.registers.returnCheckout(session, id, {
          countedBack: positiveInt(requiredOption(values, 'counted'), '--counted'),
          ...(refs.length > 0 ? { returnedItemRefs: refs } : {}),
          ...optional('returnedByName', s('returned-by')),
          ...optional('condition', s('condition')),
        });
        if (c.mismatch) {
          ctx.warn(msg(cliAuthMessages.returnedMismatch, { id, out: c.itemCount, counted: c.returnedCount ?? 0, missing: c.missingRefs.join(', ') || '-' }));
        } else ctx.say(msg(cliAuthMessages.returnedOk, { id, out: c.itemCount, counted: c.returnedCount ?? 0 }));
        ctx.emitJson({ ok: !c.mismatch, checkout: c });
        return c.mismatch ? EXIT.PROBLEMS : EXIT.OK;
      }
      case 'handover': {
        const printId = s('print');
        const list =
          printId !== undefined
            ? api.registers.handover(session, positiveInt(printId, '--print'))
            : api.registers.createHandover(session, {
                title: requiredOption(values, 'title'),
                fromHandler: { name: requiredOption(values, 'from') },
                toHandler: { name: requiredOption(values, 'to') },
                items: handoverLines(values),
                ...optional('purpose', s('purpose')),
                ...optional('remarks', s('remarks')),
              });
        if (printId === undefined) ctx.say(msg(cliAuthMessages.handoverCreated, { id: list.id, lines: list.items.length, total: list.totalCount }));
        const file = writeHandover(ctx, list, s('out'));
        if (file === null && printId !== undefined && !ctx.json) ctx.io.stdout(renderHandoverList(list));
        ctx.emitJson({ ok: true, handover: list, file, ...(file === null ? { html: renderHandoverList(list) } : {}) });
        return EXIT.OK;
      }
      case 'seal':
      case 'unseal':
        if (!arg) throw new UsageError(`lantai register ${sub} STACK --second-user NAME`);
        return seal(ctx, api, session, values, sub, arg);
      default: {
        const limit = intOption(values, 'limit');
        const lim = limit !== undefined ? { limit } : {};
        let rows: unknown[];
        if (arg === 'access') {
          const entries = api.registers.accessRegister(session, lim);
          for (const e of entries) ctx.say([e.id, e.at, e.personName, e.purpose, e.method, e.approvedBy, e.items.map((i) => i.itemRef).join(' ')].join('\t'));
          rows = entries;
        } else if (arg === 'checkouts') {
          const list = api.registers.checkouts(session, { ...lim, ...(values['open'] ? { open: true } : {}), ...(values['mismatch'] ? { mismatch: true } : {}), ...(values['overdue'] ? { overdue: true } : {}) });
          for (const c of list) ctx.say(checkoutLine(c));
          rows = list;
        } else if (arg === 'handovers') {
          const list = api.registers.handovers(session, limit);
          for (const h of list) ctx.say([h.id, h.at, h.title, h.fromHandler.name, h.toHandler.name, h.totalCount].join('\t'));
          rows = list;
        } else if (arg === 'stacks') {
          const list = api.registers.stackEvents(session, lim);
          for (const e of list) ctx.say([e.id, e.at, e.stack, e.kind, e.firstName, e.secondName, e.purpose].join('\t'));
          rows = list;
        } else throw new UsageError('lantai register list access|checkouts|handovers|stacks');
        if (rows.length === 0) ctx.say(cliAuthMessages.registerEmpty);
        ctx.emitJson({ ok: true, rows });
        return EXIT.OK;
      }
    }
  },
};
