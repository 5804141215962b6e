/**
 * The transfer wizard and the receiving screen, end to end in Chromium over the real engine:
 * the sending unit's archivist selects records (live count), the self-check names the 涉密
 * record and why, a clean selection passes, the security officer approves in the modal and the
 * signed package is written; the archive's archivist verifies a tampered copy (every problem
 * listed by stage), then the real package, imports it and issues the receipt with their own
 * security officer's approval; the sender records that receipt. The receiving archive's journey
 * leaves its screenshots as .cache/e2e/screenshots/receiving-NN-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { VaultApi } from '../../native/api/vault-api.js';
import { verifyPackagePath } from '../../native/package/index.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { KEY_PASSPHRASE, makeTransferVault, type TransferVault } from '../flows/transfer-fixture.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { approveAs, chooseOption, confirmClick, logout, openAs } from './ui-steps.js';

const root = tempDir();
const packageDir = path.join(root, '移交包 第一批');
const tampered = path.join(root, '移交包 被改动');
const receiptFile = path.join(root, '回执.json');
const carrierDir = path.join(root, '光盘 第二批');
let h: Harness;
let page: Page;
let sender: TransferVault;
let receiverDir: string;
let receiverAcc: TestAccounts;
let codes: string[];

describe('transfer and receiving screens in Chromium', { timeout: 150_000 }, () => {
  before(async () => {
    buildRenderer();
    sender = await makeTransferVault(path.join(root, 'sender'), { records: 3, sm2: false });
    codes = (sender.api.vault.db.prepare('SELECT archival_code AS c FROM records ORDER BY id').all() as { c: string }[]).map((r) => r.c);
    // The second record is 涉密: the self-check must refuse it (SEC-01) and say so.
    sender.api.vault.db.prepare("UPDATE records SET classification = 'secret' WHERE archival_code = ?").run(codes[1]);
    sender.api.close();
    receiverDir = path.join(root, 'archive', 'vault');
    receiverAcc = await createVaultWithAccounts(receiverDir);
    const receiver = await VaultApi.open(receiverDir);
    const so = await receiver.accounts.login(receiverAcc.security.username, receiverAcc.security.password, 'test');
    receiver.transfer.createKey(so, { unitName: '某某市档案馆', sm2: false, passphrase: KEY_PASSPHRASE });
    receiver.close();
    h = await launchUi();
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('select with a live count, the self-check names the failing record, approval writes the package', async () => {
    await openAs(page, sender.dir, sender.acc.archivist);
    await page.getByTestId('menu-transfer').click();
    await page.getByTestId('transfer-year').fill('2016');
    await page.getByTestId('transfer-count').getByText('已选 3 件').waitFor();
    assert.match(await page.getByTestId('transfer-count').innerText(), /原件共 [\d.]+ (KB|MB)/);
    await page.getByTestId('transfer-next-check').click();
    await page.getByTestId('transfer-check').click();
    await page.getByTestId('check-failed').waitFor();
    const refused = await page.getByTestId('refused-table').innerText();
    assert.ok(refused.includes(codes[1]!), `the 涉密 record ${codes[1]} is named: ${refused}`);
    assert.match(refused, /SEC-01/);
    assert.ok(!refused.includes(codes[0]!), 'a record that may go is not listed');
    assert.equal(await page.getByTestId('transfer-next-write').isDisabled(), true, 'no approval for a failing selection');
    await h.shot('transfer-01-self-check-failed');

    // Take the refused record out: the count follows, and the check passes.
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByTestId('transfer-codes').fill(`${codes[0]}\n${codes[2]}`);
    await page.getByTestId('transfer-count').getByText('已选 2 件').waitFor();
    await page.getByTestId('transfer-next-check').click();
    await page.getByTestId('transfer-check').click();
    await page.getByTestId('check-passed').waitFor();
    await page.getByTestId('transfer-next-write').click();
    await page.getByTestId('transfer-output').fill(packageDir);
    await page.getByTestId('transfer-export').click();

    // The archivist cannot approve their own transfer: the engine's refusal shows, nothing is written.
    await approveAs(page, sender.acc.archivist, KEY_PASSPHRASE);
    await page.getByTestId('error').waitFor();
    assert.equal(await page.getByTestId('error').locator('[data-code]').getAttribute('data-code'), 'ACCESS_DENIED');
    assert.equal(fs.existsSync(packageDir), false);

    await page.getByTestId('transfer-export').click();
    await approveAs(page, sender.acc.security, KEY_PASSPHRASE);
    await page.getByTestId('transfer-done').waitFor();
    assert.match(await page.getByTestId('transfer-done').innerText(), /2 件/);
    assert.ok(h.events.some((e) => e.type === 'job:progress' && e.progress.kind === 'export'), 'the writing reported progress as job events');
    const v = await verifyPackagePath(packageDir);
    assert.equal(v.valid, true, JSON.stringify(v.problems));
    assert.equal(v.records, 2);
    await page.getByTestId('transfer-list').getByText('已封装').waitFor();
    await h.shot('transfer-02-written');
    await logout(page);
  });

  test('receiving: a tampered copy shows every problem by stage; the real package imports and gets its receipt', async () => {
    fs.cpSync(packageDir, tampered, { recursive: true });
    const master = fs.readdirSync(path.join(tampered, 'data'), { recursive: true, encoding: 'utf8' }).find((p) => /\.(png|jpg|tif)$/.test(p))!;
    const file = path.join(tampered, 'data', master);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0x01;
    fs.writeFileSync(file, bytes);

    await openAs(page, receiverDir, receiverAcc.archivist);
    await page.getByTestId('menu-receiving').click();
    await page.getByTestId('receiving-path').fill(tampered);
    await page.getByTestId('receiving-verify').click();
    await page.getByTestId('receiving-invalid').waitFor();
    const problems = await page.getByTestId('receiving-problems').innerText();
    assert.ok(problems.includes(path.basename(master)), `the changed file is named: ${problems}`);
    assert.match(problems, /摘要/);
    assert.equal(await page.getByTestId('receiving-import').count(), 0, 'an invalid package offers no import');
    await h.shot('receiving-01-report-tampered');

    await page.getByTestId('receiving-path').fill(packageDir);
    await page.getByTestId('receiving-verify').click();
    await page.getByTestId('receiving-valid').waitFor();
    assert.match(await page.getByTestId('receiving-valid').innerText(), /2 件/);
    await h.shot('receiving-02-report-valid');
    await confirmClick(page, 'receiving-import');
    await page.getByTestId('receiving-imported').waitFor();
    await h.shot('receiving-03-imported');
    await page.getByTestId('receiving-receipt-out').fill(receiptFile);
    await page.getByTestId('receiving-issue').click();
    await approveAs(page, receiverAcc.security, KEY_PASSPHRASE);
    await page.getByTestId('receiving-issued').waitFor();
    assert.ok(fs.existsSync(receiptFile));
    await page.getByTestId('receiving-list').getByText('已签发').waitFor();
    await h.shot('receiving-04-receipt');
    assert.deepEqual(h.foreign, [], 'the receiving archive\'s journey made no request outside the app');
    await logout(page);
  });

  test('the sender records the receipt: the transfer shows as receipted', async () => {
    await openAs(page, sender.dir, sender.acc.archivist);
    await page.getByTestId('menu-transfer').click();
    await page.getByTestId('transfer-receipt-file').fill(receiptFile);
    await page.getByTestId('transfer-receipt-record').click();
    await page.getByTestId('transfer-receipt-done').waitFor();
    await page.getByTestId('transfer-list').getByText('已回执').waitFor();
  });

  test('a ZIP split for CD: the carriers are listed with the form to print, and the carrier verifies', async () => {
    await page.getByTestId('transfer-codes').fill(codes[2]!);
    await page.getByTestId('transfer-count').getByText('已选 1 件').waitFor();
    await page.getByTestId('transfer-next-check').click();
    await page.getByTestId('transfer-check').click();
    await page.getByTestId('check-passed').waitFor();
    await page.getByTestId('transfer-next-write').click();
    await page.getByTestId('transfer-output').fill(carrierDir);
    await page.getByTestId('transfer-kind').getByText('ZIP 文件').click();
    await chooseOption(page, page.getByTestId('transfer-carrier'), /^CD（/, 'CD（');
    await page.getByTestId('transfer-export').click();
    await approveAs(page, sender.acc.security, KEY_PASSPHRASE);
    await page.getByTestId('transfer-done').waitFor();
    const carriers = await page.getByTestId('transfer-carriers').innerText();
    assert.match(carriers, /1\/1/);
    assert.match(await page.getByTestId('transfer-print-hint').innerText(), /移交登记表\.pdf/);
    // The carrier and its digest sheet (校验单) beside it, to burn together.
    const files = fs.readdirSync(carrierDir).sort();
    const zips = files.filter((f) => f.endsWith('.zip'));
    assert.equal(zips.length, 1, files.join(', '));
    assert.match(zips[0]!, /-01\.zip$/);
    assert.deepEqual(files, [zips[0]!, `${zips[0]!}.校验单.txt`]);
    assert.ok(carriers.includes(zips[0]!), `the carrier's file is named on screen: ${carriers}`);
    const v = await verifyPackagePath(path.join(carrierDir, zips[0]!));
    assert.equal(v.valid, true, JSON.stringify(v.problems));
    assert.equal(v.records, 1);
    await h.shot('transfer-03-carriers');
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors, []);
  });
});
