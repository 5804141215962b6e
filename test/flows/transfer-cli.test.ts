/**
 * The transfer through the `lantai` CLI: the security officer makes the key and exports the
 * certificate, the archivist exports with the security officer approving (second login,
 * passphrase from a 0600 file), the archive verifies with the pinned certificate (no vault),
 * and a SIGKILLed export never leaves anything at the final name.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import Database from 'better-sqlite3';
import { main } from '../../native/cli/main.js';
import { createUnitSigningKey } from '../../native/crypto/unit-key.js';
import { CLI, runChild } from '../harness/crash.js';
import { tempDir } from '../harness/temp.js';
import { makeTransferVault, type TransferVault } from './transfer-fixture.js';

const root = tempDir();
let tv: TransferVault;

before(async () => {
  tv = await makeTransferVault(root, { key: false });
  tv.api.close();
});

async function cli(env: Record<string, string>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { LANG: 'C', ...env } });
  return { code, out, err };
}

function approverEnv(): Record<string, string> {
  return { ...tv.acc.archivist.env, LANTAI_APPROVER_PASSWORD_FILE: tv.acc.security.passwordFile, LANTAI_KEY_PASSPHRASE_FILE: tv.passphraseFile };
}

test('keys create and keys cert: the security officer only, passphrase never on the command line', async () => {
  const denied = await cli({ ...tv.acc.archivist.env, LANTAI_KEY_PASSPHRASE_FILE: tv.passphraseFile }, ['keys', 'create', '--unit', '某某市档案局档案室', '--sm2']);
  assert.equal(denied.code, 4, denied.err);
  const made = await cli({ ...tv.acc.security.env, LANTAI_KEY_PASSPHRASE_FILE: tv.passphraseFile }, ['keys', 'create', '--unit', '某某市档案局档案室', '--sm2', '--json']);
  assert.equal(made.code, 0, made.err + made.out);
  assert.equal((JSON.parse(made.out) as { sm2: boolean }).sm2, true);
  const cert = await cli(tv.acc.security.env, ['keys', 'cert', '--out', path.join(root, 'unit.pem'), '--sm2-out', path.join(root, 'unit-sm2.pem')]);
  assert.equal(cert.code, 0, cert.err);
  assert.match(fs.readFileSync(path.join(root, 'unit.pem'), 'utf8'), /BEGIN CERTIFICATE/);
  const argv = await cli(tv.acc.security.env, ['keys', 'create', '--unit', 'x', '--passphrase=secret']);
  assert.notEqual(argv.code, 0);
});

test('export needs --approver; with it the package is written and verify-package accepts it pinned (exit 0)', async () => {
  const noApproval = await cli({ ...tv.acc.archivist.env, LANTAI_KEY_PASSPHRASE_FILE: tv.passphraseFile }, ['export', '--year', '2016', '--out', path.join(root, 'p0')]);
  assert.notEqual(noApproval.code, 0);
  assert.match(noApproval.err, /TRANSFER_APPROVAL_REQUIRED/);
  const out = path.join(root, '移交 包');
  const r = await cli(approverEnv(), ['export', '--year', '2016', '--out', out, '--approver', tv.acc.security.username, '--json']);
  assert.equal(r.code, 0, r.err + r.out);
  const json = JSON.parse(r.out) as { transferId: string; records: number };
  assert.equal(json.records, 3);
  const v = await cli({}, ['verify-package', out, '--pin', path.join(root, 'unit.pem'), '--json']);
  assert.equal(v.code, 0, v.out);
  const vj = JSON.parse(v.out) as { ok: boolean; transferId: string; warnings: unknown[] };
  assert.equal(vj.ok, true);
  assert.equal(vj.transferId, json.transferId);
  // Without a pin: still valid, with a warning printed.
  const unpinned = await cli({}, ['verify-package', out]);
  assert.equal(unpinned.code, 0);
  assert.match(unpinned.err, /CERT_NOT_PINNED_WARNING/);
  // Pinned to another certificate: not valid, exit 1.
  const otherCert = path.join(root, 'other.pem');
  fs.writeFileSync(otherCert, createUnitSigningKey({ unitName: '冒名单位', bits: 2048 }).certificate.toString());
  const wrongCert = await cli({}, ['verify-package', out, '--pin', otherCert]);
  assert.equal(wrongCert.code, 1);
  assert.match(wrongCert.out, /CERT_NOT_PINNED/);
  const wrongPin = await cli({}, ['verify-package', out, '--pin', 'AA:'.repeat(31) + 'AA']);
  assert.equal(wrongPin.code, 1);
  assert.match(wrongPin.out, /CERT_NOT_PINNED/);
  // The transfer list shows it sealed.
  const list = await cli(tv.acc.archivist.env, ['transfer', 'list', '--json']);
  const rows = (JSON.parse(list.out) as { transfers: { id: string; state: string }[] }).transfers;
  assert.equal(rows.find((t) => t.id === json.transferId)?.state, 'sealed');
});

test('a zip package verifies through the safe extractor; a tampered zip does not', async () => {
  const out = path.join(root, 'pkg.zip');
  const r = await cli(approverEnv(), ['export', '--category', 'WS', '--out', out, '--approver', tv.acc.security.username]);
  assert.equal(r.code, 0, r.err);
  const v = await cli({}, ['verify-package', out, '--pin', path.join(root, 'unit.pem')]);
  assert.equal(v.code, 0, v.out + v.err);
  const bytes = fs.readFileSync(out);
  const at = bytes.indexOf(Buffer.from('BagIt-Version'));
  bytes[at] = bytes[at]! ^ 0x20;
  const bad = path.join(root, 'bad.zip');
  fs.writeFileSync(bad, bytes);
  const vb = await cli({}, ['verify-package', bad]);
  assert.notEqual(vb.code, 0);
  assert.match(vb.err + vb.out, /PACKAGE_ZIP_CORRUPT|CRC/);
});

test('--carrier splits into zipped carriers; verify-package checks the folder as one set', async () => {
  const out = path.join(root, '光盘组');
  const db = new Database(path.join(tv.dir, 'catalog.sqlite'), { readonly: true });
  const largest = (db.prepare('SELECT max(o.size) AS n FROM masters m JOIN objects o ON o.sha256 = m.sha256').get() as { n: number }).n;
  db.close();
  // Room for one record per carrier (the split keeps 2% and 1 MB for the index and manifests).
  const capacity = Math.ceil((largest + 1_000_000 + 10_000) / 0.98);
  const r = await cli(approverEnv(), ['export', '--year', '2016', '--out', out, '--zip', '--carrier', String(capacity), '--approver', tv.acc.security.username, '--json']);
  assert.equal(r.code, 0, r.err + r.out);
  const carriers = fs.readdirSync(out).filter((n) => !n.endsWith('.校验单.txt')).sort();
  assert.equal(carriers.length, 3);
  assert.ok(carriers.every((n) => /^YJ\d{8}-[0-9A-F]{6}-0\d\.zip$/.test(n)), carriers.join(','));
  // Each carrier has its digest sheet: its place in the set, and digests a person can check with openssl.
  for (const [i, name] of carriers.entries()) {
    const sheet = fs.readFileSync(path.join(out, `${name}.校验单.txt`), 'utf8');
    assert.ok(sheet.includes(`第 ${i + 1} 盘，共 3 盘`), sheet);
    const zipSha = execFileSync('openssl', ['dgst', '-sha256', '-r', path.join(out, name)], { encoding: 'utf8' }).split(' ')[0]!;
    const zipSm3 = execFileSync('openssl', ['dgst', '-sm3', '-r', path.join(out, name)], { encoding: 'utf8' }).split(' ')[0]!;
    assert.ok(sheet.includes(`${name} SHA-256: ${zipSha}`) && sheet.includes(`${name} SM3: ${zipSm3}`), sheet);
  }
  const v = await cli({}, ['verify-package', out, '--pin', path.join(root, 'unit.pem'), '--json']);
  assert.equal(v.code, 0, v.out);
  assert.equal((JSON.parse(v.out) as { records: number }).records, 3);
  // A sheet that names other digests than its carrier is caught, by carrier.
  const second = path.join(out, `${carriers[1]}.校验单.txt`);
  const original = fs.readFileSync(second, 'utf8');
  fs.writeFileSync(second, original.replace(/(tagmanifest-sha256\.txt SHA-256: )([0-9a-f])/, (_m, a: string, c: string) => `${a}${c === '0' ? '1' : '0'}`));
  const bad = await cli({}, ['verify-package', out, '--json']);
  assert.equal(bad.code, 1, bad.out);
  assert.ok(bad.out.includes('CARRIER_SHEET_MISMATCH') && bad.out.includes(carriers[1]!), bad.out);
  fs.writeFileSync(second, original);
});

/** The state of the transfer the vault recorded for an output path, read as a second process would. */
function transferStateFor(out: string): string | undefined {
  const db = new Database(path.join(tv.dir, 'catalog.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT state, output_path AS p FROM transfers').all() as { state: string; p: string }[];
    return rows.find((r) => path.resolve(r.p) === path.resolve(out))?.state;
  } finally {
    db.close();
  }
}

test('SIGKILL during export never leaves a package at the final name', async () => {
  // One full run tells how long an export takes; kills are then spread over that time.
  const full = await runChild([CLI, 'export', '--year', '2016', '--out', path.join(root, 'timed.zip'), '--approver', tv.acc.security.username], { env: approverEnv() });
  assert.equal(full.code, 0, full.stderr);
  const trials = Number(process.env['LANTAI_CRASH_TRIALS'] ?? 50);
  let killed = 0;
  for (let i = 0; i < trials; i++) {
    const out = path.join(root, `crash-${i}.zip`);
    const delay = Math.round((full.ms * (i + 0.5)) / trials);
    const run = await runChild([CLI, 'export', '--year', '2016', '--out', out, '--approver', tv.acc.security.username], { killAfterMs: delay, env: approverEnv() });
    if (run.killed) {
      killed++;
      // Killed before the rename: nothing at the final name. Killed in the last moments, after
      // the rename (the vault's record of it and the exit still to come): what is there is the
      // whole package, valid. Never something partial that looks finished.
      if (fs.existsSync(out)) {
        const v = await cli({}, ['verify-package', out]);
        assert.equal(v.code, 0, `trial ${i} (killed at ${delay} ms): what is at the final name is a complete, valid package`);
        assert.ok(['prepared', 'sealed'].includes(transferStateFor(out) ?? ''), `trial ${i}: the vault lists the package it wrote`);
      } else {
        assert.notEqual(transferStateFor(out), 'sealed', `trial ${i}: nothing at the final name, nothing sealed`);
      }
    } else {
      assert.equal(run.code, 0, run.stderr);
      const v = await cli({}, ['verify-package', out]);
      assert.equal(v.code, 0, `trial ${i}: a finished package is valid`);
    }
  }
  assert.ok(killed > 0, 'some trials were killed mid-way');
  // The next export to a name a killed one used clears what the dead writer left beside it.
  // A kill after the rename leaves the work folder beside a finished package, whose name a new
  // export rightly refuses; only a name with no package at it is a name to reuse.
  const reusable = (n: string): string | undefined => {
    const name = /^\.(crash-\d+\.zip)\.transfer-partial-/.exec(n)?.[1];
    return name !== undefined && !fs.existsSync(path.join(root, name)) ? name : undefined;
  };
  const name = fs.readdirSync(root).map(reusable).find((n) => n !== undefined);
  if (name) {
    const again = await runChild([CLI, 'export', '--year', '2016', '--out', path.join(root, name), '--approver', tv.acc.security.username], { env: approverEnv() });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(fs.readdirSync(root).filter((n) => n.startsWith(`.${name}.`)), [], 'stale work folders removed');
  }
  // An export refused because a package is at its name still clears the work folder a writer
  // killed just after the rename left beside it.
  const beside = fs.readdirSync(root).map((n) => /^\.(crash-\d+\.zip)\.transfer-partial-/.exec(n)?.[1]).find((n) => n !== undefined && fs.existsSync(path.join(root, n)));
  if (beside) {
    const refused = await runChild([CLI, 'export', '--year', '2016', '--out', path.join(root, beside), '--approver', tv.acc.security.username], { env: approverEnv() });
    assert.notEqual(refused.code, 0);
    assert.ok(refused.stderr.includes('PACKAGE_TARGET_EXISTS'), refused.stderr);
    assert.deepEqual(fs.readdirSync(root).filter((n) => n.startsWith(`.${beside}.`)), [], 'stale work folder beside a package removed');
  }
  // Whatever a kill left is hidden and marked partial, never named like a package.
  for (const name of fs.readdirSync(root)) if (name.startsWith('crash-')) assert.match(name, /^crash-\d+\.zip$/);
});
