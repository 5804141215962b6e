/**
 * Issue 15's speed, measured in the e2e run: first screen interactive and search hits after
 * typing stops, on a 100k-page synthetic vault (LANTAI_UI_PAGES sets another size for a quick
 * local run; `npm run bench -- ui` is the same measurement alone). test/run.mjs runs this file
 * after the other UI tests, alone, so its few minutes of indexing slow no other test and no
 * other test's browser skews its times. Prints the BENCH ui line; the times are not asserted
 * (the goals are < 1.5 s and < 300 ms), the hits on the screen are.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { buildRenderer, launch, type Harness } from './harness.js';
import { benchLine, buildSpeedVault, FULL_PAGES, measureUi, PLANTED, type SpeedVault } from './ui-speed.js';

const envPages = Number(process.env['LANTAI_UI_PAGES']);
let h: Harness;
let sv: SpeedVault;

describe('speed of the desktop on a 100k-page vault in Chromium', { timeout: 1_800_000 }, () => {
  before(async () => {
    buildRenderer();
    // A few minutes of writing and indexing on two cores.
    sv = await buildSpeedVault(Number.isInteger(envPages) && envPages > 0 ? envPages : FULL_PAGES, 0);
    h = await launch();
    h.page.setDefaultTimeout(30_000);
  });

  after(async () => {
    await h?.close();
    if (sv) fs.rmSync(sv.dir, { recursive: true, force: true });
  });

  test('first screen and search are timed; the search shows the right hits, highlighted, and nothing leaves the app', async () => {
    const r = await measureUi(h.page, (c, req) => h.server.dispatch(c, req), sv);
    console.log(benchLine(r, sv));
    await h.shot('speed-search-common');
    assert.match(r.rare.summary, /找到 3 件/);
    assert.equal(r.rare.hits.length, 3);
    for (const code of sv.planted) {
      const hit = r.rare.hits.find((t) => t.includes(code));
      assert.ok(hit, `the record ${code} holding the phrase is listed: ${r.rare.hits.join(' | ')}`);
      assert.match(hit, /第 2 页/);
    }
    assert.ok(r.rare.marks.length >= 3 && r.rare.marks.every((m) => m === PLANTED), `highlights: ${r.rare.marks.join(',')}`);
    assert.ok(r.common.engineTotal > 100, `a common word is on many records (${r.common.engineTotal})`);
    assert.ok(r.common.summary.includes(`找到 ${r.common.engineTotal} 件`), `the screen shows the engine's total: ${r.common.summary}`);
    assert.ok(r.firstScreenMs > 0 && r.rare.ms > 0 && r.common.ms > 0);
    assert.deepEqual(h.foreign, []);
    assert.deepEqual(h.pageErrors.filter((e) => !/Warning:/.test(e)), []);
  });
});
