import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { msg, readPasswordFile, ROLE_LABELS, transferCliMessages, VaultApi, type Message } from '../../api/index.js';
import { intOption, type Command } from '../command.js';
import type { CliContext } from '../context.js';
import { provisionDemoAccounts, writePasswordFile, type DemoAccount } from '../demo/accounts.js';
import { runAppraisalDemo } from '../demo/appraisal.js';
import { runDigitizationDemo } from '../demo/digitization.js';
import { demoMessages } from '../demo/messages.js';
import { EXIT } from '../exit-codes.js';

/** The queries the demo searches for: a common word, a 2-character word with a date range, a 文号 fragment. */
const DEMO_SEARCHES: readonly (readonly string[])[] = [['档案'], ['通知', '--from', '2015-01-01', '--to', '2017-12-31', '--any-date'], ['〔2016〕']];

function isEmptyOrMissing(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

/**
 * `lantai demo`: the main job end to end on generated sample scans, by running the real
 * commands one after another (so the demo shows exactly what a user's commands do, and grows
 * as commands are added). Everything lands in one folder: scans/, vault/, credentials/.
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: demoMessages.summary,
  usage: 'lantai demo [DIR] [--documents N] [--max-pages N]',
  options: { documents: { type: 'string' }, 'max-pages': { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const root = path.resolve(positionals[0] ?? 'lantai-demo');
    if (!isEmptyOrMissing(root)) {
      ctx.warn(msg(demoMessages.notEmpty, { dir: root }));
      return EXIT.USAGE;
    }
    const scans = path.join(root, 'scans');
    const vaultDir = path.join(root, 'vault');
    const secrets = path.join(root, 'credentials');
    const documents = intOption(values, 'documents') ?? 6;
    const maxPages = intOption(values, 'max-pages') ?? 2;
    const runner = ctx.commands;
    if (!runner) throw new Error('the demo runs from main(), which hands it the command runner');
    let stepNo = 0;
    let failures = 0;
    const step = (title: Message): void => {
      stepNo++;
      ctx.say(msg(demoMessages.step, { n: stepNo, title: ctx.t(title) }));
    };
    // A step that shows a problem on purpose (a damaged medium) is expected to exit 1.
    const run = async (argv: readonly string[], env: Record<string, string> = {}, expected: number = EXIT.OK): Promise<number> => {
      if (!runner.has(argv[0]!)) {
        ctx.say(msg(demoMessages.skipped, { command: argv[0]! }));
        return expected;
      }
      const code = await runner.run([...argv], { ...ctx.io, env: { ...ctx.io.env, ...env } }, ctx.signal);
      if (code !== expected) {
        failures++;
        ctx.warn(expected === EXIT.OK ? msg(demoMessages.failedStep, { n: stepNo, code }) : msg(demoMessages.unexpectedExit, { n: stepNo, code, expected }));
      }
      return code;
    };

    step(demoMessages.stepSamples);
    if ((await run(['samples', scans, '--count', String(documents), '--max-pages', String(maxPages)])) !== EXIT.OK) return EXIT.PROBLEMS;
    step(demoMessages.stepInit);
    if ((await run(['init', vaultDir])) !== EXIT.OK) return EXIT.PROBLEMS;

    step(demoMessages.stepAccounts);
    const people = await provision(ctx, vaultDir, secrets);
    const as = (username: string): Record<string, string> => {
      const p = people.find((a) => a.username === username)!;
      return { LANTAI_VAULT: vaultDir, LANTAI_USER: p.username, LANTAI_PASSWORD_FILE: p.passwordFile };
    };
    const archivist = as('archivist');

    step(demoMessages.stepIngest);
    await run(['ingest', scans, '--ocr-batch'], archivist);
    step(demoMessages.stepOcr);
    await run(['ocr'], archivist);
    step(demoMessages.stepList);
    await run(['list'], archivist);
    for (const query of DEMO_SEARCHES) {
      step(msg(demoMessages.stepSearch, { query: query.join(' ') }));
      await run(['search', ...query], archivist);
    }
    step(demoMessages.stepCheck);
    await run(['check'], archivist);
    step(demoMessages.stepAudit);
    await run(['audit', 'verify'], as('auditor'));

    // The sample scans as a small digitization project that passes QC (issue 13).
    await runDigitizationDemo({ step, say: (text) => ctx.say(text), run, root, scans, vaultDir, archivist });

    // Transfer: key, export of what may leave, and the archive's check of the package.
    const keyFile = writePasswordFile(path.join(secrets, 'signing-key.passphrase'), `demo-${crypto.randomBytes(9).toString('base64url')}`);
    step(transferCliMessages.demoStepKey);
    await run(['keys', 'create', '--unit', '示例市档案局档案室', '--sm2'], { ...as('secofficer'), LANTAI_KEY_PASSPHRASE_FILE: keyFile });
    const cert = path.join(root, 'unit-certificate.pem');
    await run(['keys', 'cert', '--out', cert], as('secofficer'));
    step(transferCliMessages.demoStepExport);
    const codes = path.join(root, 'transfer-codes.txt');
    fs.writeFileSync(codes, `${(await transferableCodes(vaultDir, archivist)).join('\n')}\n`);
    const pkg = path.join(root, 'transfer-package.zip');
    await run(['export', '--codes', codes, '--out', pkg, '--approver', 'secofficer'], {
      ...archivist, LANTAI_APPROVER_PASSWORD_FILE: as('secofficer')['LANTAI_PASSWORD_FILE']!, LANTAI_KEY_PASSPHRASE_FILE: keyFile,
    });
    step(transferCliMessages.demoStepVerify);
    await run(['verify-package', pkg, '--pin', cert]);

    // Off-site media: two folder media, a backup to both, a damaged byte found, alerted, repaired.
    const backupPassphrase = writePasswordFile(path.join(secrets, 'backup.passphrase'), `demo-${crypto.randomBytes(12).toString('base64url')}`);
    step(demoMessages.stepBackupKey);
    await run(['media', 'key', 'create', '--out', path.join(root, 'backup-recovery-sheet.txt')], { ...as('secofficer'), LANTAI_BACKUP_PASSPHRASE_FILE: backupPassphrase });
    const backup = as('backup');
    const media = [
      { id: 'HDD-DEMO-A', dir: path.join(root, 'media', 'HDD-A'), args: ['--type', 'hdd', '--site', '市档案馆异地库', '--capacity', '1TB', '--brand', 'WD', '--batch', 'B2026-01'] },
      { id: 'USB-DEMO-B', dir: path.join(root, 'media', 'USB-B'), args: ['--type', 'usb', '--site', '区档案馆', '--capacity', '64GB', '--brand', 'Kingston', '--batch', 'K7'] },
    ];
    step(demoMessages.stepMedia);
    for (const m of media) {
      fs.mkdirSync(m.dir, { recursive: true });
      await run(['media', 'add', '--id', m.id, '--path', m.dir, ...m.args], backup);
    }
    step(demoMessages.stepBackup);
    for (const m of media) await run(['backup', '--medium', m.id], backup);
    const [a, b] = media as [(typeof media)[0], (typeof media)[0]];
    step(msg(demoMessages.stepDamage, { medium: a.id }));
    const damaged = flipOneByte(path.join(a.dir, 'lantai', 'objects'));
    if (damaged) ctx.say(msg(demoMessages.damaged, { file: path.relative(root, damaged.file), offset: damaged.offset }));
    step(demoMessages.stepVerifyBad);
    await run(['verify-media', '--medium', a.id], backup, damaged ? EXIT.PROBLEMS : EXIT.OK);
    step(demoMessages.stepAlerts);
    await run(['alerts'], backup, damaged ? EXIT.PROBLEMS : EXIT.OK);
    step(demoMessages.stepRepair);
    await run(['repair', '--medium', a.id, '--source', b.id], backup);
    step(demoMessages.stepVerifyGood);
    await run(['verify-media', '--medium', a.id], backup);
    await run(['alerts'], backup);

    // Appraisal: a 2012 record whose retention has ended, through the 鉴定小组 and the security officer to the 销毁清册 (issue 13).
    await runAppraisalDemo({ step, run, root, vaultDir, archivist, appraiser: as('appraiser'), securityOfficer: as('secofficer') });

    if (failures > 0) {
      ctx.say(msg(demoMessages.doneWithProblems, { count: failures, vault: vaultDir }));
      return EXIT.PROBLEMS;
    }
    ctx.say(msg(demoMessages.done, { vault: vaultDir, file: archivist['LANTAI_PASSWORD_FILE']! }));
    return EXIT.OK;
  },
};

/** Flips one bit in the middle of the first backup file under dir (the demo's simulated fault). */
function flipOneByte(dir: string): { file: string; offset: number } | undefined {
  const sub = fs.existsSync(dir) ? fs.readdirSync(dir).sort()[0] : undefined;
  const name = sub ? fs.readdirSync(path.join(dir, sub)).sort()[0] : undefined;
  if (!sub || !name) return undefined;
  const file = path.join(dir, sub, name);
  const bytes = fs.readFileSync(file);
  const offset = bytes.length >> 1;
  bytes[offset] = bytes[offset]! ^ 0x01;
  fs.writeFileSync(file, bytes);
  return { file, offset };
}

/** The records a transfer may take: not 涉密, not under a hold (the demo exports those, the self-check still runs). */
async function transferableCodes(vaultDir: string, person: Record<string, string>): Promise<string[]> {
  const api = await VaultApi.open(vaultDir);
  try {
    const session = await api.accounts.login(person['LANTAI_USER']!, readPasswordFile(person['LANTAI_PASSWORD_FILE']!), 'demo');
    try {
      return api.records.list(session, { limit: 1000 }).records
        .filter((r) => !r.classifiedHold && (r.classification === 'public' || r.classification === 'internal'))
        .map((r) => r.archivalCode);
    } finally {
      api.accounts.logout(session);
    }
  } finally {
    api.close();
  }
}

async function provision(ctx: CliContext, vaultDir: string, secrets: string): Promise<DemoAccount[]> {
  const api = await VaultApi.open(vaultDir);
  try {
    const people = await provisionDemoAccounts(api, secrets, ctx.device());
    for (const p of people) ctx.say(msg(demoMessages.account, { role: ctx.t(ROLE_LABELS[p.role]), username: p.username, file: p.passwordFile }));
    return people;
  } finally {
    api.close();
  }
}
