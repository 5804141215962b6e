import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, type Message } from '../../api/index.js';
import { readAsArchivist } from './read-as-archivist.js';
import { demoDigitizationMessages } from './digitization-messages.js';

/**
 * The demo's digitization project (issue 13, parts 1–2): the sample scans, as paper items of a
 * small in-house project, go through the pre-check, scanning (linked to the records already
 * ingested: the same bytes are not stored twice), machine QC, the default 5% sample judged,
 * the device register cleared (the USB drive wiped) and checked by the acceptance, the
 * 验收报告 printed as PDF, a process sheet, and the project closed. Sample items with a 秘密/机密
 * mark are left out of the project (the pre-check would stop them; test/flows/digitization.test.ts
 * shows that), so the demo's project passes.
 */

export const DEMO_PROJECT = '样例公文数字化';

/** What the demo command lends this step: its step heading, its command runner (failures counted there), and the folders. */
export interface DemoHost {
  step(title: Message): void;
  say(text: Message): void;
  run(argv: readonly string[], env?: Record<string, string>): Promise<number>;
  root: string;
  scans: string;
  vaultDir: string;
  /** The archivist's environment (LANTAI_VAULT, LANTAI_USER, LANTAI_PASSWORD_FILE). */
  archivist: Record<string, string>;
}

interface PaperItem {
  code: string;
  title: string;
  pages: number;
  folder: string;
}

/** The paper side from the samples' manifest: 档号 in the unit's scheme, title and page count as the paper has them. */
function paperItems(scans: string): PaperItem[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(scans, MANIFEST_FILE), 'utf8')) as {
    documents: { folder: string; title: string; docDate: string | null; classification: string; pages: unknown[] }[];
  };
  const perYear = new Map<number, number>();
  return manifest.documents
    .filter((d) => d.classification === '公开' || d.classification === '内部' || d.classification === '')
    .map((d) => {
      const year = d.docDate ? Number(d.docDate.slice(0, 4)) : 2016;
      const n = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, n);
      return { code: `Z109-WS·${year}-D30-BGS-${String(n).padStart(4, '0')}`, title: d.title, pages: d.pages.length, folder: path.join(scans, d.folder) };
    });
}

const csvCell = (s: string | number) => `"${String(s).replaceAll('"', '""')}"`;

export async function runDigitizationDemo(h: DemoHost): Promise<void> {
  h.step(demoDigitizationMessages.stepProject);
  const items = paperItems(h.scans);
  if (items.length === 0) {
    h.say(demoDigitizationMessages.noItems);
    return;
  }
  const list = path.join(h.root, 'digitization-items.csv');
  fs.writeFileSync(list, `档号,题名,页数\n${items.map((i) => [i.code, i.title, i.pages].map(csvCell).join(',')).join('\n')}\n`);
  const project = DEMO_PROJECT;
  if ((await h.run(['project', 'create', project, '--in-house', '--items', list], h.archivist)) !== 0) return;

  h.step(demoDigitizationMessages.stepPrecheck);
  for (const i of items) await h.run(['precheck', project, i.code, '--pages', String(i.pages)], h.archivist);
  await h.run(['sheet', 'add', project, items[0]!.code, '--step', '拆卷', '--count', String(items[0]!.pages), '--note', '拆除装订钉'], h.archivist);

  h.step(demoDigitizationMessages.stepScan);
  await h.run(['devices', 'add', project, '--kind', 'usb', '--label', 'U-DEMO-01', '--holder', '档案员'], h.archivist);
  const usb = await readAsArchivist(h, (api, s) => api.digitization.devices(s, project)[0]?.id);
  if (usb !== undefined) await h.run(['devices', 'use', String(usb), '--purpose', '拷贝扫描件至加工机'], h.archivist);
  await h.run(['project', 'scan', project, '--device', 'SCN-DEMO-01', '--software', 'Lantai 演示扫描', ...items.flatMap((i) => ['--item', `${i.code}=${i.folder}`])], h.archivist);

  h.step(demoDigitizationMessages.stepQc);
  await h.run(['qc', 'run', project], h.archivist);
  const batch = await readAsArchivist(h, (api, s) => api.qc.batches(s, project).at(-1)?.id);
  if (batch === undefined) return;

  h.step(demoDigitizationMessages.stepSample);
  await h.run(['qc', 'sample', String(batch)], h.archivist);
  // The archivist looked at each sampled page beside its catalog line and found it good.
  const sampled = await readAsArchivist(h, (api, s) => api.qc.samplePages(s, batch).map((p) => [p.archivalCode, p.pageNo] as const));
  for (const [code, page] of sampled) await h.run(['qc', 'judge', String(batch), code, String(page), 'pass'], h.archivist);

  h.step(demoDigitizationMessages.stepAccept);
  // The acceptance report checks the device register: the USB drive is wiped first.
  if (usb !== undefined) await h.run(['devices', 'wipe', String(usb), '--note', '全盘覆写后格式化'], h.archivist);
  await h.run(['qc', 'accept', String(batch)], h.archivist);
  await h.run(['qc', 'report', String(batch), '--out', path.join(h.root, '验收报告.pdf')], h.archivist);

  h.step(demoDigitizationMessages.stepSheet);
  await h.run(['sheet', 'show', project, items[0]!.code], h.archivist);

  h.step(demoDigitizationMessages.stepClose);
  await h.run(['project', 'close', project], h.archivist);
}
