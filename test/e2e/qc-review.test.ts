/**
 * The digitization QC review screen (issue 13, part 2) in Chromium against the app server: a
 * batch scanned and machine-checked through VaultApi, then in the UI the archivist sees the
 * machine findings, draws the sample, judges each sampled page side by side with its scan, OCR
 * text and catalog fields (one failed with a reason), watches the pass rate against the pass
 * mark, and returns the failing batch; a passing batch of another project is accepted. The engine's
 * state matches what the screen said.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { VaultApi } from '../../native/api/vault-api.js';
import { derivedPath } from '../../native/images/derived-paths.js';
import { batchReport, getBatch } from '../../native/qc/batches.js';
import { sampleResult, storedSample } from '../../native/qc/sample.js';
import type { AcceptanceReport } from '../../native/qc/types.js';
import { createVaultWithAccounts, type TestAccounts } from '../harness/accounts.js';
import { writeQcPage } from '../harness/qc-pages.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, type Harness } from './harness.js';
import { chooseOption, confirmClick, login, openFromVaultScreen } from './ui-steps.js';

const root = tempDir();
const vaultDir = path.join(root, 'vault');
const scans = path.join(root, 'scans');
const code = (n: number) => `Z109-WS·2016-Y-BGS-${String(n).padStart(4, '0')}`;
const OCR = '关于开展档案安全检查的通知';
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
let h: Harness;
let page: Page;
let acc: TestAccounts;
let batchId: number;
let acceptBatchId: number;

async function resultText(): Promise<string> {
  return page.getByTestId('qc-result').innerText();
}

/** Waits for the running result to match; if it never does, fails saying what the screen shows instead. */
async function untilResultShows(expected: RegExp): Promise<void> {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="qc-result"]')?.textContent ?? ''), expected.source);
  } catch (e) {
    const shown = await page.evaluate(() => ['qc-result', 'error', 'qc-reason-required', 'qc-page']
      .map((id) => `${id}: ${Array.from(document.querySelectorAll(`[data-testid="${id}"]`), (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ')).join(' | ') || '(none)'}`).join('\n'));
    throw new Error(`the result never showed ${String(expected)}; the screen shows:\n${shown}`, { cause: e });
  }
}

describe('QC review screen in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    buildRenderer();
    acc = await createVaultWithAccounts(vaultDir);
    // Item 1: a clean page and a blurred one; item 2: one clean page. 100% sample, pass mark 95%.
    await writeQcPage(path.join(scans, 'i1', '1.jpg'), 'text', 1);
    await writeQcPage(path.join(scans, 'i1', '2.jpg'), 'blurred', 2);
    await writeQcPage(path.join(scans, 'i2', '1.jpg'), 'text', 3);
    const api = await VaultApi.open(vaultDir);
    try {
      const archivist = await api.accounts.login(acc.archivist.username, acc.archivist.password, 'test');
      const d = api.digitization.createProject(archivist, {
        name: '2016年文书档案数字化', inHouse: true, samplePercent: 100,
        items: [{ archivalCode: code(1), title: '关于档案安全检查的通知', expectedPages: 2 }, { archivalCode: code(2), title: '年度工作总结', expectedPages: 1 }],
      });
      for (const n of [1, 2]) api.digitization.precheck(archivist, d.project.id, code(n), { complete: true, orderOk: true, matchesCatalog: true });
      await api.digitization.scan(archivist, d.project.id, { items: [1, 2].map((n) => ({ code: code(n), path: path.join(scans, `i${n}`) })), deviceId: 'SCN-01' });
      const run = await api.qc.run(archivist, d.project.id);
      batchId = run.batch.id;
      assert.equal(run.machine.counts.blur, 1, 'the blurred page is a machine finding');
      // A second project whose one clean page passes: accepted in the screen.
      await writeQcPage(path.join(scans, 'i3', '1.jpg'), 'text', 4);
      const e = api.digitization.createProject(archivist, { name: '2017年照片档案数字化', inHouse: true, samplePercent: 100, items: [{ archivalCode: code(3), title: '会议纪要', expectedPages: 1 }] });
      api.digitization.precheck(archivist, e.project.id, code(3), { complete: true, orderOk: true, matchesCatalog: true });
      await api.digitization.scan(archivist, e.project.id, { items: [{ code: code(3), path: path.join(scans, 'i3') }], deviceId: 'SCN-01' });
      acceptBatchId = (await api.qc.run(archivist, e.project.id)).batch.id;
      // The first page's OCR text, as the OCR job would have stored it (tesseract is not what is tested here).
      api.vault.db.prepare(`INSERT INTO page_text (page_id, text, layout, engine, engine_version, model, model_version, created_at)
        SELECT p.id, ?, '{"width":1240,"height":1754,"lines":[]}', 'test', '0', 'none', '0', '2026-01-01T00:00:00.000Z'
        FROM pages p JOIN records r ON r.id = p.record_id WHERE r.archival_code = ? AND p.page_no = 1`).run(OCR, code(1));
    } finally {
      api.close();
    }
    h = await launchUi();
    page = h.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openFromVaultScreen(page, vaultDir);
  });

  after(async () => {
    await h?.close();
  });

  test('the archivist judges the sample side by side, one page failed with a reason, and returns the batch', async () => {
    await login(page, acc.archivist.username, acc.archivist.password);
    await page.getByTestId('menu-qcReview').click();
    await page.getByTestId('qc-review').waitFor();
    const machine = page.getByTestId('qc-machine');
    await machine.waitFor();
    assert.match(await machine.innerText(), /共 3 页，1 页有问题[\s\S]*模糊 1/);
    assert.match(await page.getByTestId('qc-batch').innerText(), /第 1 批 · 2 件 3 页 · 待抽样/);

    await page.getByTestId('qc-draw').click();
    await page.getByTestId('qc-page').waitFor();
    assert.match(await page.getByTestId('qc-sample-info').innerText(), /样本 3 页（抽样比例 100%）/);
    assert.match(await resultText(), /已判定 0\/3 页，不合格 0 页，合格率 –（合格线 95%）/);

    for (let judged = 1; judged <= 3; judged++) {
      // The screen moves on to the next page not judged yet.
      const card = page.locator('[data-testid="qc-page"][data-verdict=""]');
      await card.waitFor();
      const cardCode = await card.getAttribute('data-code');
      const pageNo = Number(await card.getAttribute('data-page'));
      // Side by side: the scan (a display copy from the engine), the OCR text, the catalog fields.
      await card.getByTestId('qc-scan').waitFor();
      assert.match(await card.getByTestId('qc-scan').getAttribute('src') ?? '', /^data:image\/|^blob:|^\//);
      assert.match(await card.getByTestId('qc-catalog').innerText(), new RegExp(cardCode === code(1) ? '关于档案安全检查的通知' : '年度工作总结'));
      const ocr = await card.getByTestId('qc-ocr').innerText();
      if (cardCode === code(1) && pageNo === 1) assert.equal(ocr.trim(), OCR);
      else assert.equal(ocr.trim(), '尚无 OCR 文字。');
      const blurred = cardCode === code(1) && pageNo === 2;
      if (blurred) {
        assert.match(await card.getByTestId('qc-page-findings').innerText(), /模糊/);
        await card.getByTestId('qc-fail').click();
        await page.getByTestId('qc-reason-required').waitFor();
        await chooseOption(page, card.getByTestId('qc-reason'), '图像模糊');
        await card.getByTestId('qc-note').fill('文字无法辨认');
        await card.getByTestId('qc-fail').click();
      } else {
        await card.getByTestId('qc-pass').click();
      }
      await untilResultShows(new RegExp(`已判定 ${judged}/3`));
    }
    assert.match(await resultText(), /已判定 3\/3 页，不合格 1 页，合格率 66\.67%（合格线 95%）[\s\S]*样本不合格/);
    assert.equal(await page.locator('[data-testid="qc-sample-tag"][data-verdict="fail"]').count(), 1);
    assert.equal(await page.getByTestId('qc-accept').count(), 0, 'a failed sample cannot be accepted');

    // The engine holds exactly what was judged in the screen.
    const db = h.state.api!.vault.db;
    const judged = storedSample(db, batchId);
    const codeOf = (id: number) => (db.prepare('SELECT archival_code AS c FROM records WHERE id = ?').get(id) as { c: string }).c;
    assert.deepEqual(judged.map((s) => [codeOf(s.recordId), s.pageNo, s.verdict, s.reason, s.note]).sort(), [
      [code(1), 1, 'pass', '', ''], [code(1), 2, 'fail', 'blur', '文字无法辨认'], [code(2), 1, 'pass', '', ''],
    ].sort());
    const result = sampleResult(getBatch(db, batchId), judged);
    assert.deepEqual([result.judged, result.failed, result.passRate, result.verdict], [3, 1, 66.67, 'fail']);

    await confirmClick(page, 'qc-return');
    const outcome = page.getByTestId('qc-outcome');
    await outcome.waitFor();
    const report = batchReport<AcceptanceReport>(db, batchId)!;
    assert.equal(getBatch(db, batchId).state, 'returned');
    assert.equal(report.decision, 'returned');
    assert.ok(report.defects.some((d) => d.source === 'sample' && d.archivalCode === code(1) && d.pageNo === 2 && d.note === '文字无法辨认'), JSON.stringify(report.defects));
    assert.equal(await outcome.innerText(), `第 1 批已退回：缺陷 ${report.defects.length} 处。`);
    assert.match(await page.getByTestId('qc-batch').innerText(), /已退回/);
    assert.equal(await page.getByTestId('qc-pass').count(), 0, 'a decided batch is not judged again');

    // The 退回单 of the decided batch: decision, pass rate against the pass mark, each defect with its reason.
    const view = page.locator('[data-testid="qc-report"][data-decision="returned"]');
    await view.waitFor();
    assert.match(await view.innerText(), /档案数字化成果退回单[\s\S]*已退回/);
    assert.equal(await view.getByTestId('qc-report-sample').innerText(), '样本 3 页，不合格 1 页，合格率 66.67%（合格线 95%）');
    const defects = await view.getByTestId('qc-report-defects').innerText();
    assert.match(defects, new RegExp(`${code(1)}\\s+2\\s+人工抽检\\s+图像模糊\\s+文字无法辨认`));
    assert.match(defects, new RegExp(`${code(1)}\\s+2\\s+机器检查\\s+模糊`));
    const slip = path.join(root, 'out', '退回单-第1批.pdf');
    fs.mkdirSync(path.dirname(slip), { recursive: true });
    await view.getByTestId('qc-report-out').fill(slip);
    assert.equal(await view.getByTestId('qc-report-print').innerText(), '打印退回单');
    await view.getByTestId('qc-report-print').click();
    const printed = view.getByTestId('qc-report-printed');
    await printed.waitFor({ timeout: 60_000 });
    assert.ok((await printed.innerText()).startsWith(`已保存到 ${slip}（`), await printed.innerText());
    const slipText = pdfText(slip);
    assert.match(slipText, /档案数字化成果退回单/);
    assert.match(slipText, /2016年文书档案数字化/);
    assert.match(slipText, /文字无法辨认/);
    await h.shot('qc-review-returned');
  });

  test('a page whose image is gone shows a "no image" placeholder; a passing sample is accepted after confirming, and its 验收报告 is shown and printed', async () => {
    // The stored image of the one page of the second project is lost (and no display copy was made).
    const db0 = h.state.api!.vault;
    const sha = (db0.db.prepare('SELECT p.image_sha256 AS s FROM pages p JOIN records r ON r.id = p.record_id WHERE r.archival_code = ? AND p.page_no = 1').get(code(3)) as { s: string }).s;
    for (const f of [db0.store.pathOf(sha), derivedPath(db0, sha, 'norm.png')]) {
      fs.chmodSync(path.dirname(f), 0o755);
      fs.rmSync(f, { force: true });
    }
    await chooseOption(page, page.getByTestId('qc-project'), '2017年照片档案数字化');
    await page.getByTestId('qc-draw').click();
    const card = page.locator('[data-testid="qc-page"][data-verdict=""]');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-code'), code(3));
    assert.equal(await card.getByTestId('qc-no-image').innerText(), '该页没有可显示的图像（原件缺失或无法读取）。');
    assert.equal(await card.getByTestId('qc-scan').count(), 0);
    await card.getByTestId('qc-pass').click();
    await untilResultShows(/已判定 1\/1 页，不合格 0 页，合格率 100%（合格线 95%）\s*样本合格/);
    assert.equal(await page.getByTestId('qc-return').count(), 0, 'a passed sample is not returned');
    await page.getByTestId('qc-archive-signatory').fill('李主任');
    await confirmClick(page, 'qc-accept');
    const outcome = page.getByTestId('qc-outcome');
    await outcome.waitFor();
    assert.equal(await outcome.innerText(), '第 1 批已验收：样本 1 页，合格率 100%。');
    const db = h.state.api!.vault.db;
    assert.equal(getBatch(db, acceptBatchId).state, 'accepted');
    const report = batchReport<AcceptanceReport>(db, acceptBatchId)!;
    assert.deepEqual([report.decision, report.signatures.archiveRoom, report.sample.passRate], ['accepted', '李主任', 100]);
    assert.equal(getBatch(db, batchId).state, 'returned', 'the other project\'s batch is untouched');
    const view = page.locator('[data-testid="qc-report"][data-decision="accepted"]');
    await view.waitFor();
    assert.match(await view.innerText(), /档案数字化成果验收报告[\s\S]*已验收/);
    assert.equal(await view.getByTestId('qc-report-sample').innerText(), '样本 1 页，不合格 0 页，合格率 100%（合格线 95%）');
    assert.match(await view.getByTestId('qc-report-summary').innerText(), /李主任/);
    assert.equal(await view.getByTestId('qc-report-defects').locator('tbody tr.ant-table-row').count(), 0);
    const acceptPdf = path.join(root, 'out', '验收报告-第1批.pdf');
    await view.getByTestId('qc-report-out').fill(acceptPdf);
    assert.equal(await view.getByTestId('qc-report-print').innerText(), '打印验收报告');
    await view.getByTestId('qc-report-print').click();
    await view.getByTestId('qc-report-printed').waitFor({ timeout: 60_000 });
    const acceptText = pdfText(acceptPdf);
    assert.match(acceptText, /档案数字化成果验收报告/);
    assert.match(acceptText, /2017年照片档案数字化/);
    assert.match(acceptText, /李主任/);
    assert.deepEqual(h.foreign, [], 'no request left the app');
    assert.deepEqual(h.pageErrors, []);
  });
});
