// npm run bench -- ui [--pages 100000] [--budget 60]
//
// The desktop's speed on a big vault, as test/e2e/ui-speed.test.ts measures it in every e2e
// run (same code, test/e2e/ui-speed.ts), but at the 100k pages by default: first screen
// interactive (goal < 1.5 s) and search hits shown after the Enter that ends typing (goal
// < 300 ms), in Debian's Chromium through the app server. --pages 0 sizes the vault to fit
// --budget seconds of building instead.
import fs from 'node:fs';
import { buildRenderer, launch } from '../e2e/harness.js';
import { benchLine, buildSpeedVault, FULL_PAGES, measureUi, PLANTED } from '../e2e/ui-speed.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const pages = arg('pages', FULL_PAGES);
buildRenderer();
const sv = await buildSpeedVault(pages > 0 ? pages : null, arg('budget', 60));
console.log(`vault: ${sv.pages} pages in ${sv.records} records, built in ${sv.buildS.toFixed(1)} s`);
const h = await launch();
try {
  h.page.setDefaultTimeout(60_000);
  const r = await measureUi(h.page, (c, req) => h.server.dispatch(c, req), sv);
  const right = /找到 3 件/.test(r.rare.summary) && r.common.summary.includes(`找到 ${r.common.engineTotal} 件`) && h.foreign.length === 0;
  console.log(`search "${PLANTED}": ${r.rare.summary}; "档案": ${r.common.summary}`);
  if (!right) {
    console.error('the screen did not show the expected hits (or a request left the app)');
    process.exitCode = 1;
  }
  console.log(benchLine(r, sv));
} finally {
  await h.close();
  fs.rmSync(sv.dir, { recursive: true, force: true });
}
