import fs from 'node:fs';
import { msg, promptHidden, readPasswordFile, transferCliMessages, VaultError, packageKeyMessages, type Session, type VaultApi } from '../../api/index.js';
import { stringOption, UsageError, type Command, type OptionValues } from '../command.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { secondPerson, stdinOf } from './auth-common.js';

/**
 * The signing key passphrase: from the 0600 file LANTAI_KEY_PASSPHRASE_FILE names, or typed on a
 * terminal (twice when it is a new one); never from the command line.
 */
export async function readKeyPassphrase(ctx: CliContext, confirm: boolean): Promise<string> {
  const file = ctx.io.env['LANTAI_KEY_PASSPHRASE_FILE'];
  if (file) return readPasswordFile(file);
  const stdin = stdinOf(ctx);
  if (!stdin.isTTY) throw VaultError.of('KEY_PASSPHRASE_REQUIRED', packageKeyMessages.passphraseRequired);
  const first = await promptHidden(ctx.t(transferCliMessages.promptPassphrase), stdin, process.stderr);
  if (confirm) {
    const again = await promptHidden(ctx.t(transferCliMessages.promptPassphraseAgain), stdin, process.stderr);
    if (first !== again) throw VaultError.of('KEY_PASSPHRASE_REQUIRED', transferCliMessages.passphrasesDiffer);
  }
  return first;
}

/**
 * The security officer's approval for an operation that signs with the unit key: --approver USER
 * (their password from LANTAI_APPROVER_PASSWORD_FILE or typed) and the key passphrase; nothing
 * when --approver is not given (the engine then refuses, audited).
 */
export async function readKeyApproval(ctx: CliContext, api: VaultApi, values: OptionValues): Promise<{ approver?: Session; keyPassphrase?: string }> {
  const approver = await secondPerson(ctx, api, values, 'approver', 'LANTAI_APPROVER_PASSWORD_FILE');
  if (!approver) return {};
  return { approver, keyPassphrase: await readKeyPassphrase(ctx, false) };
}

export const keysCommand: Command = {
  name: 'keys',
  summary: { zh: '本单位签名密钥（安全保密管理员）：create 创建，cert 导出证书', en: "The unit's signing key (security officer): create, cert (export the certificate)" },
  usage: 'lantai keys create --unit 单位名称 [--sm2]   |   lantai keys cert --out FILE [--sm2-out FILE]',
  options: { unit: { type: 'string' }, sm2: { type: 'boolean' }, out: { type: 'string' }, 'sm2-out': { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const sub = positionals[0];
    if (sub === 'create') {
      const unit = stringOption(values, 'unit');
      if (!unit) throw new UsageError('--unit is required');
      const { api, session } = await ctx.openSession();
      const passphrase = await readKeyPassphrase(ctx, true);
      const info = api.transfer.createKey(session, { unitName: unit, sm2: values['sm2'] === true, passphrase });
      ctx.say(msg(transferCliMessages.keyCreated, { unit, sm2: info.sm2PublicKeyPem ? ' + SM2' : '', fingerprint: info.certificate.fingerprints.sha256 }));
      ctx.emitJson({ ok: true, unitName: info.unitName, certificate: info.certificate, sm2: info.sm2PublicKeyPem !== null });
      return EXIT.OK;
    }
    if (sub === 'cert') {
      const out = stringOption(values, 'out');
      if (!out) throw new UsageError('--out is required');
      const { api, session } = await ctx.openSession();
      const info = api.transfer.certificate(session);
      fs.writeFileSync(out, info.certificatePem, { flag: 'wx' });
      ctx.say(msg(transferCliMessages.certWritten, { path: out, fingerprint: info.certificate.fingerprints.sha256 }));
      const sm2Out = stringOption(values, 'sm2-out');
      if (sm2Out && info.sm2PublicKeyPem) {
        fs.writeFileSync(sm2Out, info.sm2PublicKeyPem, { flag: 'wx' });
        ctx.say(msg(transferCliMessages.sm2Written, { path: sm2Out }));
      }
      ctx.emitJson({ ok: true, path: out, certificate: info.certificate, sm2PublicKeyPem: info.sm2PublicKeyPem });
      return EXIT.OK;
    }
    throw new UsageError('keys: expected "create" or "cert"');
  },
};
