/**
 * Transfer to the archive through VaultApi: the security officer's key and approval, the
 * four-property self-check, the signed package (folder and zip), and what verify-package
 * catches. The package is checked with OpenSSL too: CMS, SM2 (pkeyutl) and SM3 digests.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { isVaultError } from '../../native/errors.js';
import { verifyPackage, verifyPackagePath } from '../../native/package/index.js';
import { tempDir } from '../harness/temp.js';
import { KEY_PASSPHRASE, makeTransferVault, type TransferVault } from './transfer-fixture.js';

const root = tempDir();
let tv: TransferVault;

before(async () => {
  tv = await makeTransferVault(root);
});
after(() => tv?.api.close());

function auditRows(action: string): { action: string; result: string; detail: string; username: string }[] {
  return tv.api.vault.db.prepare('SELECT action, result, detail, username FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { action: string; result: string; detail: string; username: string }[];
}

async function exportTo(out: string, kind: 'folder' | 'zip' = 'folder') {
  return tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: out, kind }, { approver: tv.security, keyPassphrase: KEY_PASSPHRASE });
}

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('an export without the security officer\'s approval is refused and audited', async () => {
  const before = auditRows('export_transfer').length;
  await assert.rejects(
    tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: path.join(root, 'no-approval') }, {}),
    (e: unknown) => isVaultError(e) && e.code === 'TRANSFER_APPROVAL_REQUIRED',
  );
  const rows = auditRows('export_transfer').slice(before);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.result, 'denied');
  assert.match(rows[0]!.detail, /NO_APPROVAL/);
  assert.equal(fs.existsSync(path.join(root, 'no-approval')), false);
});

test('an archivist cannot approve: the approver must be the security officer', async () => {
  const other = await tv.api.accounts.login(tv.acc.backup.username, tv.acc.backup.password, 'test');
  await assert.rejects(
    tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: path.join(root, 'bad-approver') }, { approver: other, keyPassphrase: KEY_PASSPHRASE }),
    (e: unknown) => isVaultError(e) && e.code === 'ACCESS_DENIED',
  );
  await assert.rejects(
    tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: path.join(root, 'bad-pass') }, { approver: tv.security, keyPassphrase: 'wrong passphrase!' }),
    (e: unknown) => isVaultError(e) && e.code === 'KEY_PASSPHRASE_WRONG',
  );
});

test('a signed package: layout, bag, CMS and SM2 signatures that OpenSSL accepts, SM3 digests equal openssl dgst', async () => {
  const out = path.join(root, 'package-folder');
  const result = await exportTo(out);
  assert.equal(result.records, tv.recordIds.length);
  assert.ok(result.report.passed);
  assert.ok(result.package.valid);
  // A 档号 that left in a package is fixed (never renumbered silently afterwards).
  const status = tv.api.vault.db.prepare(`SELECT DISTINCT code_status || ':' || code_fixed_reason AS s FROM records WHERE id IN (${tv.recordIds.join(',')})`).all();
  assert.deepEqual(status, [{ s: 'fixed:transferred' }]);
  for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sm3.txt', 'tagmanifest-sha256.txt', 'tagmanifest-sm3.txt',
    'data/说明文件.TXT', 'data/文件目录.XML', 'data/其他/归档文件目录.csv', 'data/其他/移交登记表.xml', 'data/其他/移交登记表.json', 'data/其他/四性检测报告.json',
    'signature/tagmanifest-sha256.txt.p7s', 'signature/tagmanifest-sm3.txt.sm2', 'signature-keys/unit-certificate.pem', 'signature-keys/unit-sm2-public.pem']) {
    assert.ok(fs.existsSync(path.join(out, f)), `${f} is in the package`);
  }
  const info = fs.readFileSync(path.join(out, 'bag-info.txt'), 'utf8');
  assert.match(info, /^Source-Organization: 某某市档案局档案室$/m);
  assert.match(info, new RegExp(`^External-Identifier: ${result.transferId}$`, 'm'));
  assert.match(info, /^Bag-Count: 1 of 1$/m);
  assert.match(info, /^Bagging-Date: \d{4}-\d\d-\d\d$/m);
  // Masters by 档号 + sequence, with the OCR text beside each.
  const code = (tv.api.vault.db.prepare('SELECT archival_code AS c FROM records WHERE id = ?').get(tv.recordIds[0]) as { c: string }).c;
  const itemDir = path.join(out, 'data', '电子档案', '2016', 'WS', code);
  const names = fs.readdirSync(itemDir).sort();
  assert.ok(names.includes(`${code}-0001.txt`), names.join(','));
  assert.ok(names.some((n) => new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-0001\\.(jpg|png|tif)$`).test(n)), names.join(','));
  assert.match(fs.readFileSync(path.join(itemDir, `${code}-0001.txt`), 'utf8'), /关于档案移交工作的通知/);
  const xml = fs.readFileSync(path.join(out, 'data', '文件目录.XML'), 'utf8');
  for (const col of ['顺序号', '档号', '责任者', '题名', '日期', '密级', '电子档案名称', '备注']) assert.match(xml, new RegExp(`<${col}>`));
  const csv = fs.readFileSync(path.join(out, 'data', '其他', '归档文件目录.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFF序号,档号,文号,责任者,题名,日期,密级,页数,备注,全宗号,门类,年度,保管期限,机构(问题)'));

  // OpenSSL: the CMS signature over the tag manifest.
  openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(out, 'signature/tagmanifest-sha256.txt.p7s'), '-content', path.join(out, 'tagmanifest-sha256.txt'), '-noverify', '-out', '/dev/null']);
  // Pinned to the exported certificate.
  const cert = path.join(root, 'unit-cert.pem');
  fs.writeFileSync(cert, tv.api.transfer.certificate(tv.security).certificatePem);
  openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(out, 'signature/tagmanifest-sha256.txt.p7s'), '-content', path.join(out, 'tagmanifest-sha256.txt'), '-CAfile', cert, '-purpose', 'any', '-out', '/dev/null']);
  // OpenSSL: SM2 with the standard ID over the SM3 tag manifest.
  const verified = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', path.join(out, 'signature-keys/unit-sm2-public.pem'), '-rawin', '-in', path.join(out, 'tagmanifest-sm3.txt'),
    '-sigfile', path.join(out, 'signature/tagmanifest-sm3.txt.sm2'), '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678']);
  assert.match(verified, /Signature Verified Successfully/);
  // Every SM3 entry equals openssl dgst -sm3.
  const lines = fs.readFileSync(path.join(out, 'manifest-sm3.txt'), 'utf8').trim().split('\n');
  assert.ok(lines.length >= tv.recordIds.length * 2);
  for (const l of lines) {
    const [digest, rel] = [l.slice(0, 64), l.slice(66)];
    const dgst = openssl(['dgst', '-sm3', '-r', path.join(out, rel)]).split(' ')[0];
    assert.equal(digest, dgst, rel);
  }

  // Kept in the vault: sealed, with both reports, and audited for both people.
  const row = tv.api.transfer.list(tv.archivist).find((t) => t.id === result.transferId)!;
  assert.equal(row.state, 'sealed');
  assert.equal(row.recordCount, tv.recordIds.length);
  const approvals = auditRows('approve_transfer');
  assert.equal(approvals.at(-1)!.username, tv.acc.security.username);
  assert.equal(auditRows('export_transfer').at(-1)!.result, 'ok');
});

test('verify-package catches a flipped payload byte, an edited tag file, a removed or added file, a swapped signature', async () => {
  const base = path.join(root, 'pristine');
  await exportTo(base);
  assert.ok((await verifyPackage(base)).valid);
  const codes = async (mutate: (dir: string) => void): Promise<string[]> => {
    const dir = path.join(root, `mut-${Math.random().toString(36).slice(2)}`);
    fs.cpSync(base, dir, { recursive: true });
    mutate(dir);
    const v = await verifyPackage(dir);
    assert.equal(v.valid, false);
    return v.problems.map((p) => p.code);
  };
  const master = (dir: string): string => {
    const found = fs.readFileSync(path.join(dir, 'manifest-sha256.txt'), 'utf8').split('\n').find((l) => /\.(jpg|png|tif)$/.test(l))!;
    return path.join(dir, found.slice(66));
  };
  assert.ok((await codes((d) => {
    const f = master(d);
    const b = fs.readFileSync(f);
    b[Math.floor(b.length / 2)] = b[Math.floor(b.length / 2)]! ^ 0x01;
    fs.writeFileSync(f, b);
  })).includes('DIGEST_MISMATCH'));
  assert.ok((await codes((d) => fs.appendFileSync(path.join(d, 'bag-info.txt'), 'Contact-Name: 某人\n'))).includes('DIGEST_MISMATCH'));
  // Payload edits that change sizes are caught by Payload-Oxum, the cheap stage, before any hashing.
  assert.ok((await codes((d) => fs.appendFileSync(path.join(d, 'data', '文件目录.XML'), '<!-- -->'))).includes('PAYLOAD_OXUM_MISMATCH'));
  assert.ok((await codes((d) => fs.rmSync(master(d)))).includes('PAYLOAD_OXUM_MISMATCH'));
  assert.ok((await codes((d) => fs.writeFileSync(path.join(d, 'data', '其他', 'extra.txt'), 'x'))).includes('PAYLOAD_OXUM_MISMATCH'));
  // Same size, one byte different in the index: the digests stage.
  assert.ok((await codes((d) => {
    const f = path.join(d, 'data', '说明文件.TXT');
    const b = fs.readFileSync(f);
    b[0] = b[0]! ^ 0x01;
    fs.writeFileSync(f, b);
  })).includes('DIGEST_MISMATCH'));
  // Removing a file and adding another of the same size: completeness both ways.
  assert.ok((await codes((d) => {
    const f = master(d);
    const size = fs.statSync(f).size;
    fs.rmSync(f);
    fs.writeFileSync(path.join(d, 'data', '其他', 'same-size.bin'), Buffer.alloc(size));
  })).some((c) => c === 'FILE_MISSING' || c === 'FILE_NOT_IN_MANIFEST'));
  assert.ok((await codes((d) => fs.writeFileSync(path.join(d, 'extra-tag.txt'), 'x'))).includes('TAG_FILE_UNLISTED'));
  // A link in place of a file (or of the catalog) is refused, never read through.
  assert.ok((await codes((d) => {
    const f = master(d);
    fs.rmSync(f);
    fs.symlinkSync('/etc/passwd', f);
  })).includes('SYMLINK_IN_BAG'));
  assert.ok((await codes((d) => {
    fs.rmSync(path.join(d, 'data', '文件目录.XML'));
    fs.symlinkSync('/etc/hostname', path.join(d, 'data', '文件目录.XML'));
  })).includes('SYMLINK_IN_BAG'));
  // Signatures: another package's, or a removed one.
  const other = path.join(root, 'other');
  await exportTo(other);
  assert.ok((await codes((d) => fs.copyFileSync(path.join(other, 'signature/tagmanifest-sha256.txt.p7s'), path.join(d, 'signature/tagmanifest-sha256.txt.p7s')))).includes('SIGNATURE_INVALID'));
  assert.ok((await codes((d) => fs.copyFileSync(path.join(other, 'signature/tagmanifest-sm3.txt.sm2'), path.join(d, 'signature/tagmanifest-sm3.txt.sm2')))).includes('SM2_SIGNATURE_INVALID'));
  assert.ok((await codes((d) => fs.rmSync(path.join(d, 'signature/tagmanifest-sha256.txt.p7s')))).includes('SIGNATURE_MISSING'));
  // Editing a manifest and re-making the tag manifests without the key: the signature no longer matches.
  assert.ok((await codes((d) => fs.appendFileSync(path.join(d, 'tagmanifest-sha256.txt'), ''.padEnd(64, '0') + '  bagit.txt\n'))).includes('SIGNATURE_INVALID'));
});

test('a 涉密 record is refused with the reason in the report, nothing is written, and the refusal is kept', async () => {
  const id = tv.recordIds[1]!;
  tv.api.vault.db.prepare("UPDATE records SET classification = 'secret' WHERE id = ?").run(id);
  try {
    const out = path.join(root, 'with-secret');
    let report: { refused: { subject: string; recordId?: number; reasons: { id: string; detail: { en: string } }[] }[] } | undefined;
    await assert.rejects(exportTo(out), (e: unknown) => {
      if (!isVaultError(e) || e.code !== 'TRANSFER_SELF_CHECK_FAILED') return false;
      report = e.details['report'] as typeof report;
      return true;
    });
    const refused = report!.refused.find((r) => r.recordId === id)!;
    assert.ok(refused, 'the classified record is named');
    assert.ok(refused.reasons.some((r) => r.id === 'SEC-01' && /classified/.test(r.detail.en)));
    assert.equal(fs.existsSync(out), false);
    assert.equal(tv.api.transfer.list(tv.archivist)[0]!.state, 'refused');
    const last = auditRows('export_transfer').at(-1)!;
    assert.equal(last.result, 'failed');
    assert.match(last.detail, /TRANSFER_SELF_CHECK_FAILED/);
  } finally {
    tv.api.vault.db.prepare("UPDATE records SET classification = 'public' WHERE id = ?").run(id);
  }
});

test('a zip package: stored entries under one top folder, renamed into place when complete', async () => {
  const out = path.join(root, 'package.zip');
  const result = await exportTo(out, 'zip');
  assert.ok(fs.statSync(out).isFile());
  const listing = execFileSync('unzip', ['-v', out], { encoding: 'utf8' });
  assert.match(listing, new RegExp(`${result.transferId}/bagit.txt`));
  assert.doesNotMatch(listing, /Defl:/, 'stored, not deflated');
  assert.deepEqual(fs.readdirSync(root).filter((n) => n.includes('.transfer-partial-')), []);
});

test('cancelling an export (AbortSignal) leaves nothing at the final name and no work folder', async () => {
  for (const delay of [0, 5, 20, 60]) {
    const out = path.join(root, `cancelled-${delay}`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), delay);
    try {
      await tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: out }, { approver: tv.security, keyPassphrase: KEY_PASSPHRASE }, { signal: controller.signal });
      // Finished before the abort: then it is complete and valid.
      assert.ok((await verifyPackage(out)).valid);
    } catch (e) {
      assert.ok(isVaultError(e), String(e));
      assert.equal(fs.existsSync(out), false, `nothing at ${out}`);
    }
    assert.deepEqual(fs.readdirSync(root).filter((n) => n.includes('.transfer-partial-') || n.includes('.bag-partial-')), []);
  }
});

test('a restricted record without an export grant, and a master that is really an executable, are refused with their reasons', async () => {
  const restricted = tv.recordIds[0]!;
  const tampered = tv.recordIds[2]!;
  tv.api.vault.db.prepare("UPDATE records SET access_status = 'restricted' WHERE id = ?").run(restricted);
  const sha = (tv.api.vault.db.prepare('SELECT sha256 FROM masters WHERE record_id = ?').get(tampered) as { sha256: string }).sha256;
  const object = tv.api.vault.store.pathOf(sha);
  const original = fs.readFileSync(object);
  fs.chmodSync(object, 0o644);
  fs.writeFileSync(object, Buffer.concat([Buffer.from('MZ\u0090\u0000', 'latin1'), original.subarray(4)]));
  try {
    let report: { refused: { recordId?: number; reasons: { id: string }[] }[] } | undefined;
    await assert.rejects(exportTo(path.join(root, 'refused-2')), (e: unknown) => {
      report = isVaultError(e) && e.code === 'TRANSFER_SELF_CHECK_FAILED' ? (e.details['report'] as typeof report) : undefined;
      return report !== undefined;
    });
    const reasons = (id: number): string[] => report!.refused.find((r) => r.recordId === id)?.reasons.map((r) => r.id) ?? [];
    assert.deepEqual(reasons(restricted), ['SEC-02']);
    assert.ok(reasons(tampered).includes('SEC-03'), reasons(tampered).join(','));
    assert.ok(reasons(tampered).includes('AUT-02'), 'the digest no longer matches either');
    assert.equal(report!.refused.length, 2, 'the third record is fine');
  } finally {
    fs.writeFileSync(object, original);
    tv.api.vault.db.prepare("UPDATE records SET access_status = 'unreviewed' WHERE id = ?").run(restricted);
  }
});

test('two 档号 that differ only in case would collide in a package: the second is refused (INT-04)', async () => {
  const [a, b] = [tv.recordIds[0]!, tv.recordIds[1]!];
  const codeA = (tv.api.vault.db.prepare('SELECT archival_code AS c FROM records WHERE id = ?').get(a) as { c: string }).c;
  const codeB = (tv.api.vault.db.prepare('SELECT archival_code AS c FROM records WHERE id = ?').get(b) as { c: string }).c;
  const variant = codeA.replace('BGS', 'bgs');
  tv.api.vault.db.prepare('UPDATE records SET archival_code = ? WHERE id = ?').run(variant, b);
  try {
    let report: { refused: { recordId?: number; reasons: { id: string }[] }[] } | undefined;
    await assert.rejects(exportTo(path.join(root, 'case-collision')), (e: unknown) => {
      report = isVaultError(e) && e.code === 'TRANSFER_SELF_CHECK_FAILED' ? (e.details['report'] as typeof report) : undefined;
      return report !== undefined;
    });
    const reasons = report!.refused.find((r) => r.recordId === b)?.reasons.map((r) => r.id) ?? [];
    assert.ok(reasons.includes('INT-04'), reasons.join(','));
  } finally {
    tv.api.vault.db.prepare('UPDATE records SET archival_code = ? WHERE id = ?').run(codeB, b);
  }
});

test('--select: a search query picks the records, searched as the exporting person', async () => {
  const title = (tv.api.vault.db.prepare('SELECT title FROM records WHERE id = ?').get(tv.recordIds[1]) as { title: string }).title;
  const out = path.join(root, 'selected');
  const result = await tv.api.transfer.export(tv.archivist, { selection: { query: `"${title}"` }, output: out }, { approver: tv.security, keyPassphrase: KEY_PASSPHRASE });
  const codes = (tv.api.vault.db.prepare('SELECT record_id AS id FROM transfer_records WHERE transfer_id = ?').all(result.transferId) as { id: number }[]).map((r) => r.id);
  assert.ok(codes.includes(tv.recordIds[1]!), `${title} → ${codes.join(',')}`);
  assert.ok((await verifyPackage(out)).valid);
});

test('split across carriers: each carrier a complete signed bag, Bag-Count i of n, items numbered across the set', async () => {
  const sizes = tv.api.vault.db.prepare('SELECT o.size FROM masters m JOIN objects o ON o.sha256 = m.sha256').all() as { size: number }[];
  // Room for one record per carrier (the split keeps 2% and 1 MB for the index and manifests).
  const capacity = Math.ceil((Math.max(...sizes.map((s) => s.size)) + 1_000_000 + 10_000) / 0.98);
  const out = path.join(root, 'carriers');
  const result = await tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: out, carrierCapacity: capacity }, { approver: tv.security, keyPassphrase: KEY_PASSPHRASE });
  assert.equal(result.carriers.length, 3);
  const seqs: string[] = [];
  for (const [i, c] of result.carriers.entries()) {
    assert.equal(path.basename(c.path), `${result.transferId}-0${i + 1}`);
    const v = await verifyPackage(c.path);
    assert.ok(v.valid, JSON.stringify(v.problems.slice(0, 3)));
    assert.match(fs.readFileSync(path.join(c.path, 'bag-info.txt'), 'utf8'), new RegExp(`^Bag-Count: ${i + 1} of 3$`, 'm'));
    assert.match(fs.readFileSync(path.join(c.path, 'data', '说明文件.TXT'), 'utf8'), new RegExp(`载体顺序号：${i + 1}/3`));
    seqs.push(...[...fs.readFileSync(path.join(c.path, 'data', '文件目录.XML'), 'utf8').matchAll(/<顺序号>(\d+)<\/顺序号>/g)].map((m) => m[1]!));
  }
  assert.deepEqual(seqs, ['1', '2', '3']);
  assert.deepEqual(fs.readdirSync(root).filter((n) => n.includes('transfer-set-partial')), [], 'the set was assembled aside and renamed whole');
  // The folder of carriers verifies as a set; a missing carrier makes it incomplete.
  const set = await verifyPackagePath(out);
  assert.ok(set.valid, JSON.stringify(set.problems.slice(0, 3)));
  assert.equal(set.records, 3);
  fs.rmSync(result.carriers[1]!.path, { recursive: true });
  const partial = await verifyPackagePath(out);
  assert.equal(partial.valid, false);
  assert.ok(partial.problems.some((p) => p.code === 'CARRIER_SET_INCOMPLETE'));
  await assert.rejects(
    tv.api.transfer.export(tv.archivist, { selection: { year: 2016 }, output: path.join(root, 'too-small'), carrierCapacity: 1_000_000 }, { approver: tv.security, keyPassphrase: KEY_PASSPHRASE }),
    (e: unknown) => isVaultError(e) && (e.code === 'TRANSFER_ITEM_TOO_LARGE'),
  );
});

test('the package carries the transfer form as a printable PDF (CJK font embedded) and the catalog as .xlsx, both under the signature', async () => {
  const out = path.join(root, 'forms');
  await exportTo(out);
  const pdf = path.join(out, 'data', '其他', '移交登记表.pdf');
  const xlsx = path.join(out, 'data', '其他', '归档文件目录.xlsx');
  const manifest = fs.readFileSync(path.join(out, 'manifest-sha256.txt'), 'utf8');
  assert.match(manifest, /data\/其他\/移交登记表\.pdf/);
  assert.match(manifest, /data\/其他\/归档文件目录\.xlsx/);
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  assert.match(fonts, /Noto\S*\s.*\byes\s+yes\b/, `embedded subset font: ${fonts}`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /电子档案移交与接收登记表/);
  assert.match(text, /某某市档案局档案室/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.getRow(1).getCell(2).value, '档号');
  const codes = (tv.api.vault.db.prepare('SELECT archival_code FROM records ORDER BY archival_code').pluck().all() as string[]);
  const cells = Array.from({ length: ws.rowCount - 1 }, (_, i) => String(ws.getRow(i + 2).getCell(2).value)).sort();
  assert.deepEqual(cells, codes);
  assert.equal((await verifyPackagePath(out)).valid, true);
});
