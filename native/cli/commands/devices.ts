import { DEVICE_KINDS, type DeviceKind, type DeviceRow } from '../../api/index.js';
import { msg } from '../../api/index.js';
import { stringOption, UsageError, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt, requiredOption } from './auth-common.js';
import { digitizationCliMessages as m } from './digitization-messages.js';

function line(ctx: CliContext, d: DeviceRow): void {
  ctx.say(msg(m.deviceLine, { id: d.id, kind: d.kind, label: d.label, serial: d.serial || '-', holder: d.holder, state: d.state, uses: d.uses.length }));
}

export const devicesCommand: Command = {
  name: 'devices',
  summary: { zh: '扫描现场设备与移动载体登记：add | list | use 使用 | return 归还 | wipe 清除', en: 'Register of devices and removable media at the scanning site: add | list | use | return | wipe' },
  usage: `lantai devices add PROJECT --kind ${DEVICE_KINDS.join('|')} --label ID --holder NAME [--serial S] [--description TEXT]\n` +
    '  lantai devices list PROJECT\n' +
    '  lantai devices use ENTRY-ID --purpose TEXT [--holder NAME]\n' +
    '  lantai devices return ENTRY-ID [--note TEXT]\n' +
    '  lantai devices wipe ENTRY-ID --note HOW',
  options: {
    kind: { type: 'string' },
    label: { type: 'string' },
    holder: { type: 'string' },
    serial: { type: 'string' },
    description: { type: 'string' },
    purpose: { type: 'string' },
    note: { type: 'string' },
  },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const [sub, ref] = positionals;
    if (!sub || !ref || !['add', 'list', 'use', 'return', 'wipe'].includes(sub)) throw new UsageError(this.usage);
    const { api, session } = await ctx.openSession();
    const s = (k: string) => stringOption(values, k);
    if (sub === 'list') {
      const list = api.digitization.devices(session, ref);
      if (list.length === 0) ctx.say(m.noDevices);
      else {
        ctx.say(m.devicesHeader);
        for (const d of list) line(ctx, d);
      }
      ctx.emitJson({ ok: true, devices: list });
      return EXIT.OK;
    }
    let d: DeviceRow;
    if (sub === 'add') {
      const kind = requiredOption(values, 'kind');
      if (!(DEVICE_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind ${DEVICE_KINDS.join('|')}`);
      d = api.digitization.addDevice(session, ref, { kind: kind as DeviceKind, label: requiredOption(values, 'label'), holder: requiredOption(values, 'holder'), ...(s('serial') !== undefined ? { serial: s('serial')! } : {}), ...(s('description') !== undefined ? { description: s('description')! } : {}) });
    } else {
      const id = positiveInt(ref, 'ENTRY-ID');
      if (sub === 'use') d = api.digitization.useDevice(session, id, { purpose: requiredOption(values, 'purpose'), ...(s('holder') !== undefined ? { holder: s('holder')! } : {}) });
      else d = api.digitization.endDevice(session, id, sub === 'wipe' ? 'wiped' : 'returned', s('note') ?? '');
    }
    line(ctx, d);
    ctx.emitJson({ ok: true, device: d });
    return EXIT.OK;
  },
};
