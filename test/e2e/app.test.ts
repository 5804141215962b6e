/**
 * The desktop UI, end to end, in Chromium: one vault, one browser, the steps a unit's archive
 * room goes through on day one, in order (each test builds on the one before). The archivist's
 * journey (setup → ingest with progress → OCR → search → the hit on its page → a catalog field
 * corrected) leaves its screenshots as .cache/e2e/screenshots/archivist-NN-*.png, for a person
 * to look at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { CHANNELS } from '../../electron/contract.js';
import { handlers } from '../../electron/main/handlers.js';
import { CSP, isOwnUrl } from '../../electron/main/security.js';
import { saveSuggestions } from '../../native/extract/suggestion-store.js';
import { indexPage } from '../../native/search/index.js';
import { generateSampleScans } from '../../native/samples/index.js';
import { writeTestBatch } from '../harness/scans.js';
import { layoutFor } from '../unit/search/helpers.js';
import { tempDir } from '../harness/temp.js';
import { buildRenderer, launchUi, RENDERER_DIR, type Harness } from './harness.js';
import { confirmClick, logout, submitLogin } from './ui-steps.js';

const PW = { sys: 'sys-口令-0001', so: 'so-口令-0002', aud: 'aud-口令-0003', arch: 'arch-口令-0004', arch2: 'arch-口令-0005' };
const TITLE = '关于推进档案数字化工作的通知';
const HELD_TITLE = '年度保密工作会议纪要';

let h: Harness;
let page: Page;
const work = tempDir();
const vaultDir = path.join(work, '兰台 档案库');
const scans = path.join(work, '扫描件 第一批');
const heldScans = path.join(work, '扫描件 第二批');
const bigBatch = path.join(work, '扫描件 第三批');
// Big enough that the batch is still running when the cancel is confirmed, even on a quiet machine.
const BIG = 400;

function searchBox() {
  return page.getByTestId('search-input').locator('input');
}

async function menuItems(): Promise<string[]> {
  return (await page.locator('[data-testid^="menu-"]').allTextContents()).map((s) => s.trim());
}

/** Calls window.vault from inside the page, as a compromised or curious renderer could. */
async function invokeInPage(channel: string, request: unknown): Promise<{ ok: boolean; error?: { code: string; message: { zh: string } } }> {
  return page.evaluate(([c, r]) => (window as unknown as { vault: { invoke: (c: string, r: unknown) => Promise<{ ok: boolean; error?: { code: string; message: { zh: string } } }> } }).vault.invoke(c as string, r), [channel, request] as const);
}

describe('desktop UI in Chromium', { timeout: 240_000 }, () => {
  before(async () => {
    buildRenderer();
    await writeTestBatch(scans, 6);
    // The second batch is a real rendered scan of a document marked 秘密★10年: the OCR the shell
    // starts after the ingest must find the mark and put the record under 涉密 hold.
    const samples = path.join(work, 'samples');
    const manifest = await generateSampleScans(samples, { documents: 5, maxPagesPerDocument: 1 });
    const secret = manifest.documents.find((d) => d.classification === '秘密');
    assert.ok(secret, 'the sample set has a document marked 秘密');
    fs.cpSync(path.join(samples, secret.folder), heldScans, { recursive: true });
    await writeTestBatch(bigBatch, BIG, { start: 200, format: 'jpeg' });
    h = await launchUi(15_000);
    page = h.page;
  });

  after(async () => {
    await h?.close();
  });

  test('the page gets the CSP of the Electron window and window.vault has only the contract channels', async () => {
    const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
    assert.ok(html.includes(`content="${CSP}"`), 'renderer/dist/index.html carries electron/main/security.ts CSP');
    assert.ok(!CSP.includes('unsafe-eval'));
    const r = await invokeInPage('fs:readFile', { path: '/etc/passwd' });
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'UNKNOWN_CHANNEL');
    assert.deepEqual(Object.keys(handlers).sort(), [...CHANNELS].sort(), 'the handler table serves exactly the contract channels');
    assert.equal(isOwnUrl('https://example.com/x.js', RENDERER_DIR), false);
    assert.equal(isOwnUrl(`file://${RENDERER_DIR}/../../package.json`, RENDERER_DIR), false);
  });

  test('create a vault, first-run setup of the three administrators, sysadmin logs in', async () => {
    await page.getByTestId('vault-path').fill(vaultDir);
    await confirmClick(page, 'vault-create');
    await page.getByTestId('setup-form').waitFor();
    assert.match(await page.locator('body').innerText(), /首次使用：创建三员账户/);
    const people = [['sysadmin', 'sysadm', '王系统', PW.sys], ['securityOfficer', 'secoff', '李保密', PW.so], ['auditor', 'auditor', '赵审计', PW.aud]] as const;
    for (const [key, user, name, pw] of people) {
      await page.getByTestId(`setup-${key}-username`).fill(user);
      await page.getByTestId(`setup-${key}-name`).fill(name);
      await page.getByTestId(`setup-${key}-password`).fill(pw);
      await page.getByTestId(`setup-${key}-password2`).fill(pw);
    }
    await h.shot('archivist-01-setup');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('login-form').waitFor();
    // A wrong password: the engine's message, in Chinese.
    await submitLogin(page, 'sysadm', 'wrong-口令-0000');
    await page.getByTestId('error').waitFor();
    assert.match(await page.getByTestId('error').innerText(), /用户名或口令错误/);
    await page.waitForTimeout(1100); // the engine's throttle after one wrong password is 1 s
    await submitLogin(page, 'sysadm', PW.sys);
    await page.getByTestId('current-user').waitFor();
    assert.match(await page.getByTestId('current-user').innerText(), /王系统/);
  });

  test('sysadmin: only the account list, cannot open records; creates an archivist after confirming', async () => {
    assert.deepEqual(await menuItems(), ['账户管理', '系统设置']);
    await page.getByTestId('accounts-table').waitFor();
    const r = await invokeInPage('records:list', {});
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'ACCESS_DENIED');
    assert.match(r.error!.message.zh, /无权查看目录/);
    await page.getByTestId('acct-username').fill('zhangsan');
    await page.getByTestId('acct-name').fill('张三');
    await page.getByTestId('acct-password').fill(PW.arch);
    await page.getByTestId('acct-create').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    await page.getByTestId('accounts-table').getByText('zhangsan').waitFor();
    assert.match(await page.getByTestId('accounts-table').innerText(), /档案管理员/);
    await h.shot('02-sysadmin-accounts');
    await logout(page);
  });

  test('archivist: first login must change the password, then sees catalog, search, ingest, transfer, receiving, digitization QC, catalog upkeep, appraisal and registers', async () => {
    await submitLogin(page, 'zhangsan', PW.arch);
    await page.getByTestId('cp-old').fill(PW.arch);
    await page.getByTestId('cp-new').fill(PW.arch2);
    await page.getByTestId('cp-new2').fill(PW.arch2);
    await page.getByTestId('cp-submit').click();
    await page.getByTestId('main-menu').waitFor();
    assert.deepEqual(await menuItems(), ['工作台', '档案目录', '全文检索', '档案入库', '移交', '接收', '数字化项目', '数字化质检', '档案整理', '鉴定与销毁', '登记簿']);
    await page.getByTestId('dashboard').waitFor();
  });

  test('ingest a folder of scans with visible progress', async () => {
    await page.getByTestId('menu-ingest').click();
    await page.getByTestId('ingest-paths').fill(scans);
    // The default is the CLI's (a folder of scans is one item, said on the screen); these six
    // scans are six documents.
    const eachFile = page.getByRole('checkbox', { name: '每个文件各为一件' });
    assert.equal(await eachFile.isChecked(), false);
    assert.match(await page.locator('body').innerText(), /默认与命令行相同/);
    await eachFile.check();
    await page.getByTestId('ingest-title').fill(TITLE);
    await page.getByTestId('ingest-year').fill('2016');
    await page.getByTestId('ingest-start').click();
    await page.getByTestId('ingest-progress').waitFor();
    await h.shot('archivist-02-ingest-progress');
    await page.getByTestId('ingest-done').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('ingest-done').innerText(), /入库完成：成功 6 件，失败 0 件/);
    assert.match(await page.getByTestId('ingest-progress').innerText(), /6\/6/);
    // Status in words of the UI language, each message once.
    const table = await page.locator('.ant-table-tbody').innerText();
    assert.equal(table.match(/已入库/g)?.length, 6, table);
    assert.doesNotMatch(table, /\bdone\b/);
    const progress = h.events.filter((e) => e.type === 'job:progress' && e.progress.kind === 'ingest');
    assert.ok(progress.length >= 1, 'progress events reached the page');
    assert.ok(progress.some((e) => e.type === 'job:progress' && e.progress.total === 6));
    await h.shot('archivist-03-ingest-done');
    // A second batch, one record whose scan (as extraction would find) is marked 秘密: 涉密 hold.
    await page.getByTestId('ingest-paths').fill(heldScans);
    await page.getByTestId('ingest-title').fill(HELD_TITLE);
    await page.getByTestId('ingest-start').click();
    await page.getByTestId('ingest-done').getByText(/成功 1 件/).waitFor({ timeout: 60_000 });
    // After each ingest the shell reads the new pages with OCR in the background, shown in the header.
    await page.getByTestId('ocr-status').getByText(/文字识别完成/).waitFor({ timeout: 90_000 });
    await h.shot('archivist-04-ocr-done');
    assert.ok(h.events.some((e) => e.type === 'job:progress' && e.progress.kind === 'ocr'), 'OCR progress reached the page');
    const done = h.events.filter((e) => e.type === 'ocr:done');
    assert.ok(done.length > 0 && done.every((e) => e.type === 'ocr:done' && e.result.ok), 'OCR ran to the end');
    const db = h.state.api!.vault.db;
    assert.equal((db.prepare('SELECT count(*) AS n FROM page_text').get() as { n: number }).n, 7, 'every ingested page has its text');
  });

  test('the catalog lists the new records with 档号, 题名, 年度, 保管期限, 页数, 密级 and the 涉密 hold badge', async () => {
    const db = h.state.api!.vault.db;
    const held = db.prepare('SELECT classified_hold AS hold FROM records WHERE title = ?').get(HELD_TITLE) as { hold: number };
    assert.equal(held.hold, 1, 'OCR read the 秘密★10年 mark and put the record under 涉密 hold');
    await page.getByTestId('menu-catalog').click();
    const table = page.getByTestId('catalog-table');
    await table.getByText(HELD_TITLE).waitFor();
    const headers = (await table.locator('thead th').allTextContents()).map((s) => s.trim()).filter(Boolean);
    assert.deepEqual(headers, ['档号', '文号', '题名', '成文日期', '年度', '保管期限', '页数', '密级']);
    assert.equal(await table.locator('tbody tr', { hasText: TITLE }).count(), 6);
    assert.match(await table.locator('tbody tr', { hasText: TITLE }).first().innerText(), /2016[\s\S]*永久[\s\S]*1[\s\S]*公开/);
    assert.equal(await table.getByTestId('hold-badge').count(), 1);
    const heldRow = await table.locator('tbody tr', { hasText: HELD_TITLE }).innerText();
    assert.match(heldRow, /涉密暂停/);
    assert.doesNotMatch(heldRow, /公开/, 'never 公开 beside a record under 涉密 hold');
    await h.shot('04-catalog');
  });

  test('open a record: thumbnails, the page image, OCR text and a suggestion accepted', async () => {
    const db = h.state.api!.vault.db;
    const first = db.prepare('SELECT r.id, r.archival_code AS code, p.id AS pageId FROM records r JOIN pages p ON p.record_id = r.id WHERE r.title = ? ORDER BY r.item_number LIMIT 1').get(TITLE) as { id: number; code: string; pageId: number };
    // The first batch's scans are synthetic noise pages (OCR read them, and found no words):
    // give one page the text a letter would have, re-indexed as the OCR stage does.
    db.prepare("UPDATE page_text SET text = ?, layout = '{\"width\":0,\"height\":0,\"lines\":[]}' WHERE page_id = ?")
      .run('各处室：为推进档案数字化工作，现将有关事项通知如下。一、扫描件统一入库。档发〔2016〕6号', first.pageId);
    indexPage(db, first.pageId);
    saveSuggestions(db, first.id, [{ field: 'docNumber', value: '档发〔2016〕6号', pageNo: 1, evidence: '档发〔2016〕6号', confidence: 0.9 }]);

    await page.getByTestId(`open-${first.code}`).click();
    await page.getByTestId('thumb-1').locator('img').waitFor();
    const img = page.getByTestId('page-image');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="page-image"]') as HTMLImageElement | null;
      return el !== null && el.complete && el.naturalWidth > 0;
    });
    const size = await img.evaluate((el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight]);
    assert.ok(size[0]! > 100 && size[1]! > size[0]!, `a portrait page image, got ${size.join('x')}`);
    assert.match(await page.getByTestId('ocr-text').innerText(), /推进档案数字化工作/);
    await h.shot('05-record-viewer');
    await page.getByRole('tab', { name: '著录建议' }).click();
    await page.getByRole('button', { name: '采纳' }).click();
    await page.getByText('已采纳').waitFor();
    assert.equal((db.prepare('SELECT doc_number AS n FROM records WHERE id = ?').get(first.id) as { n: string }).n, '档发〔2016〕6号');
    await page.getByTestId('record-back').click();
  });

  test('search finds the record by title and by page text, with highlighting and filters', async () => {
    await page.getByTestId('menu-search').click();
    await searchBox().fill('数字化');
    await searchBox().press('Enter');
    await page.getByTestId('search-results').waitFor();
    assert.match(await page.getByTestId('search-summary').innerText(), /找到 6 件/);
    const marks = await page.getByTestId('hit-mark').allTextContents();
    assert.ok(marks.length >= 6 && marks.every((m) => m === '数字化'), `highlights: ${marks.join(',')}`);
    await searchBox().fill('扫描件统一入库');
    await searchBox().press('Enter');
    await page.getByTestId('search-summary').getByText(/找到 1 件/).waitFor();
    assert.deepEqual(await page.getByTestId('hit-mark').allTextContents(), ['扫描件统一入库']);
    assert.match(await page.getByTestId('search-hit').innerText(), /第 1 页/);
    await h.shot('archivist-05-search');
    // Year filter that excludes everything.
    await searchBox().fill('数字化');
    await page.getByTestId('search-year').fill('2015');
    await searchBox().press('Enter');
    await page.getByText('没有找到匹配的档案。').waitFor();
    await page.getByTestId('search-year').fill('');
  });

  test('at 1366×768 a hit opens its record on its page: thumbnail strip, page with zoom, fit and rotate, OCR text beside it with the hit marked, catalog fields folded', async () => {
    const db = h.state.api!.vault.db;
    const hit = db.prepare("SELECT p.id AS pageId, p.image_sha256 AS sha, t.text AS text FROM page_text t JOIN pages p ON p.id = t.page_id WHERE t.text LIKE '%扫描件统一入库%'").get() as { pageId: number; sha: string; text: string };
    // The page's words where OCR would have found them (the earlier step gave it text only), in
    // the normalized image's pixels as OCR gives them.
    const dataUrl = await h.state.api!.records.pageImage(h.state.session!, hit.sha, 'normalized');
    const meta = await sharp(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')).metadata();
    const k = meta.width! / 2480 / 1.5;
    const layout = layoutFor(hit.text);
    const scaled = (b: [number, number, number, number]): [number, number, number, number] => [b[0] * k, b[1] * k, b[2] * k, b[3] * k];
    const lines = layout.lines.map((l) => ({ ...l, bbox: scaled(l.bbox), words: l.words.map((w) => ({ ...w, bbox: scaled(w.bbox) })) }));
    db.prepare('UPDATE page_text SET layout = ? WHERE page_id = ?').run(JSON.stringify({ width: meta.width, height: meta.height, lines }), hit.pageId);
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByTestId('menu-search').click();
      await searchBox().fill('扫描件统一入库');
      await searchBox().press('Enter');
      await page.getByTestId('search-summary').getByText(/找到 1 件/).waitFor();
      await page.getByTestId('hit-open').click();
      await page.getByTestId('record-body').waitFor();
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="page-image"]') as HTMLImageElement | null;
        return el !== null && el.complete && el.naturalWidth > 0;
      });
      // The hit, marked in the text beside the page and boxed on the page.
      assert.deepEqual(await page.getByTestId('text-hit').allTextContents(), ['扫描件统一入库']);
      assert.ok((await page.getByTestId('page-hit-box').count()) >= 1, 'the hit is boxed on the page image');
      const pageBox = (await page.getByTestId('page-canvas').boundingBox())!;
      for (const b of await page.getByTestId('page-hit-box').all()) {
        const bb = (await b.boundingBox())!;
        assert.ok(bb.x >= pageBox.x && bb.x + bb.width <= pageBox.x + pageBox.width && bb.y >= pageBox.y && bb.y + bb.height <= pageBox.y + pageBox.height, 'the box lies on the page');
      }
      assert.match(await page.getByTestId('page-hit-count').innerText(), /本页命中 \d+ 处/);
      assert.equal(await page.getByTestId('thumb-1').getAttribute('aria-current'), 'true');
      // Side by side, all inside the window: nothing to scroll.
      const strip = (await page.getByTestId('thumb-strip').boundingBox())!;
      const frame = (await page.getByTestId('page-frame').boundingBox())!;
      const side = (await page.getByTestId('record-side').boundingBox())!;
      const text = (await page.getByTestId('ocr-text').boundingBox())!;
      assert.ok(strip.x + strip.width <= frame.x && frame.x + frame.width <= side.x, `strip | page | text: ${JSON.stringify([strip, frame, side])}`);
      for (const [name, b] of [['strip', strip], ['page', frame], ['text', text]] as const) assert.ok(b.y + b.height <= 768 && b.x + b.width <= 1366, `${name} inside 1366×768: ${JSON.stringify(b)}`);
      const canvas = page.getByTestId('page-canvas');
      const fitted = (await canvas.boundingBox())!;
      assert.ok(fitted.height <= frame.height && fitted.width <= frame.width, 'fit: the whole page is in view');
      const scrolls = await page.evaluate(() => Array.from(document.querySelectorAll('main, .ant-layout-content')).some((e) => e.scrollHeight > e.clientHeight + 1) || document.documentElement.scrollHeight > window.innerHeight);
      assert.equal(scrolls, false, 'the window does not scroll');
      // The catalog fields fold out and back.
      assert.equal(await page.getByText('保管期限', { exact: true }).count(), 0);
      await page.getByTestId('record-fields-toggle').click();
      await page.getByTestId('record-fields').getByText('保管期限', { exact: true }).waitFor();
      await page.getByTestId('record-fields-toggle').click();
      await page.getByTestId('record-fields').getByText('保管期限', { exact: true }).waitFor({ state: 'hidden' });
      await h.shot('archivist-06-hit-on-page');

      // Zoom in, back to fit; rotate by button and by key.
      const fitZoom = await page.getByTestId('page-zoom').innerText();
      await page.getByTestId('page-zoom-in').click();
      assert.notEqual(await page.getByTestId('page-zoom').innerText(), fitZoom);
      assert.ok((await canvas.boundingBox())!.width > fitted.width, 'zoomed in');
      await page.getByTestId('page-fit').click();
      assert.equal(await page.getByTestId('page-zoom').innerText(), fitZoom);
      await page.getByTestId('page-rotate').click();
      assert.equal(await canvas.getAttribute('data-rotation'), '90');
      const turned = (await canvas.boundingBox())!;
      assert.ok(turned.width > turned.height, `a portrait page turned on its side: ${JSON.stringify(turned)}`);
      await page.getByTestId('page-frame').focus();
      await page.keyboard.press('r');
      assert.equal(await canvas.getAttribute('data-rotation'), '180');
      await page.keyboard.press('Shift+R');
      await page.keyboard.press('Shift+R');
      assert.equal(await canvas.getAttribute('data-rotation'), '0');
      assert.deepEqual(h.pageErrors.filter((e) => !/Warning:/.test(e)), []);
      await page.getByTestId('record-back').click();
      await page.getByTestId('menu-search').click();
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  test('the archivist corrects a catalog field of the record found: stored, audited, and found by it', async () => {
    const db = h.state.api!.vault.db;
    const rec = db.prepare("SELECT p.record_id AS id FROM page_text t JOIN pages p ON p.id = t.page_id WHERE t.text LIKE '%扫描件统一入库%'").get() as { id: number };
    const creator = () => (db.prepare('SELECT creator FROM records WHERE id = ?').get(rec.id) as { creator: string }).creator;
    assert.notEqual(creator(), '兰台市档案局办公室');
    await page.getByTestId('menu-catalogEdit').click();
    await page.getByTestId(`edit-pick-${rec.id}`).click();
    await page.getByTestId('edit-creator').fill('兰台市档案局办公室');
    await page.getByTestId('edit-reason').fill('核对原件，责任者著录有误');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-note').waitFor();
    assert.match(await page.getByTestId('edit-note').innerText(), /修改 1 项/);
    assert.equal(creator(), '兰台市档案局办公室');
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'edit_record' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string } | undefined;
    assert.ok(audit?.detail.includes('兰台市档案局办公室'), `the edit is audited: ${audit?.detail}`);
    await h.shot('archivist-07-field-corrected');
    // The corrected field is searchable at once.
    await page.getByTestId('menu-search').click();
    await searchBox().fill('兰台市档案局办公室');
    await searchBox().press('Enter');
    await page.getByTestId('search-summary').getByText(/找到 1 件/).waitFor();
    assert.deepEqual(h.foreign, [], 'the archivist\'s journey made no request outside the app');
  });

  test('while the search index is rebuilt searches say so and still find; the jobs panel lists the jobs and resumes the rebuild', async () => {
    // As after an upgrade whose rebuild was cut short: under way, nothing indexed yet, its job cancelled.
    const api = h.state.api!;
    api.vault.db.prepare("INSERT INTO search_meta (key, value) VALUES ('rebuild_requested', '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run();
    await assert.rejects(api.maintenance.reindex(h.state.session!, { signal: AbortSignal.abort() }));
    await searchBox().fill('扫描件统一入库');
    await searchBox().press('Enter');
    await page.getByTestId('search-rebuilding').waitFor();
    assert.match(await page.getByTestId('search-rebuilding').innerText(), /检索索引正在重建（已完成 0\/7 件）/);
    await page.getByTestId('search-summary').getByText(/找到 1 件/).waitFor();
    assert.deepEqual(await page.getByTestId('hit-mark').allTextContents(), ['扫描件统一入库'], 'found by reading the text, highlighted as before');
    await h.shot('06b-search-while-rebuilding');

    await page.getByTestId('jobs-button').click();
    const panel = page.getByTestId('jobs-panel');
    const rebuild = panel.locator('[data-testid="job-row"][data-kind="reindex"]').first();
    await rebuild.waitFor();
    assert.equal(await rebuild.getAttribute('data-status'), 'cancelled');
    assert.match(await rebuild.innerText(), /重建检索索引[\s\S]*已取消/);
    assert.ok(await panel.locator('[data-testid="job-row"][data-kind="ingest"][data-status="done"]').count() >= 2, 'the ingests are listed, done');
    assert.ok(await panel.locator('[data-testid="job-row"][data-kind="ocr"]').count() >= 1, 'and the OCR run');
    assert.match(await panel.innerText(), /导入[\s\S]*已完成/);
    await h.shot('06c-jobs-panel');
    await rebuild.getByTestId('job-resume').click();
    await panel.locator('[data-testid="job-row"][data-kind="reindex"][data-status="done"]').first().waitFor({ timeout: 30_000 });
    assert.ok(h.events.some((e) => e.type === 'job:progress' && e.progress.kind === 'reindex'), 'the rebuild\'s progress reached the page');
    await page.keyboard.press('Escape');
    await searchBox().press('Enter');
    await page.getByTestId('search-rebuilding').waitFor({ state: 'detached' });
    await page.getByTestId('search-summary').getByText(/找到 1 件/).waitFor();
    assert.equal(await page.getByTestId('search-rebuilding').count(), 0, 'the index is whole again');
  });

  test('a denied action shows a clear Chinese message (archivist opens a record under 涉密 hold)', async () => {
    await page.getByTestId('menu-catalog').click();
    const table = page.getByTestId('catalog-table');
    const row = table.locator('tbody tr', { hasText: HELD_TITLE });
    await row.getByRole('button', { name: '查看' }).click();
    const err = page.getByTestId('error');
    await err.waitFor();
    const text = await err.innerText();
    assert.match(text, /权限不足/);
    // The action in words and the record by its 档号, never internal names or ids.
    assert.match(text, /无权查看档案内容：档案 \S+·\S+ 需经安全保密管理员审批后才能利用/);
    assert.doesNotMatch(text, /view_record|档案 \d+ /);
    await h.shot('07-denied');
    await page.getByTestId('record-back').click();
  });

  test('ingest can be cancelled after confirming; finished items are kept', async () => {
    const db = h.state.api!.vault.db;
    const before = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    await page.getByTestId('menu-ingest').click();
    await page.getByTestId('ingest-paths').fill(bigBatch);
    await page.getByTestId('ingest-title').fill('取消测试');
    await page.getByTestId('ingest-start').click();
    await page.getByTestId('ingest-progress').waitFor();
    // Enabled once the engine has named the job (the first progress may come before that).
    await page.locator('[data-testid="ingest-cancel"]:not([disabled])').waitFor();
    await confirmClick(page, 'ingest-cancel');
    await page.getByText('入库已取消，已完成的件已保留。').waitFor({ timeout: 60_000 });
    const added = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n - before;
    assert.ok(added < BIG, `cancelled before all ${BIG} were ingested (added ${added})`);
    const job = db.prepare("SELECT status FROM jobs WHERE kind = 'ingest' ORDER BY id DESC LIMIT 1").get() as { status: string };
    assert.equal(job.status, 'cancelled');
    await logout(page);
  });

  test('security officer: opens the held record and releases the 涉密 hold with a basis, after confirming', async () => {
    await submitLogin(page, 'secoff', PW.so);
    await page.getByTestId('menu-catalog').click();
    const table = page.getByTestId('catalog-table');
    await table.locator('tbody tr', { hasText: HELD_TITLE }).getByRole('button', { name: '查看' }).click();
    await page.getByTestId('hold-alert').waitFor();
    assert.equal(await page.getByTestId('hold-clear').isDisabled(), true, 'no release without a stated basis');
    await page.getByTestId('hold-basis').fill('复核原件：经审核可开放利用');
    await h.shot('08-security-officer-hold');
    await confirmClick(page, 'hold-clear');
    await page.getByTestId('hold-alert').waitFor({ state: 'detached' });
    const db = h.state.api!.vault.db;
    assert.equal((db.prepare('SELECT classified_hold AS h FROM records WHERE title = ?').get(HELD_TITLE) as { h: number }).h, 0);
    await page.getByTestId('record-back').click();
    await logout(page);
  });

  test('auditor: only the audit log; sees the denial and verifies the chain', async () => {
    await submitLogin(page, 'auditor', PW.aud);
    await page.getByTestId('audit-table').waitFor();
    assert.deepEqual(await menuItems(), ['审计日志']);
    const r = await invokeInPage('records:get', { id: 1 });
    assert.equal(r.error?.code, 'ACCESS_DENIED');
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
    const body = await page.getByTestId('audit-table').innerText();
    assert.match(body, /first_run_setup/);
    assert.match(body, /view_record[\s\S]*拒绝/);
    assert.match(body, /clear_classified_hold/);
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').waitFor();
    assert.match(await page.getByTestId('audit-verify-result').innerText(), /审计日志完整：共 \d+ 条/);
    await h.shot('09-auditor-audit-log');
    // The English switch: the same screen, from the en catalog.
    await page.getByTestId('lang-switch').click();
    assert.deepEqual(await menuItems(), ['Audit log']);
    await page.getByTestId('lang-switch').click();
  });

  test('no request left the app: every request was one of its own files', () => {
    assert.ok(h.requests.length > 0);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors.filter((e) => !/Warning:/.test(e)), []);
  });
});
