import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, type Message } from '../../api/index.js';
import { readAsArchivist } from './read-as-archivist.js';
import { demoAppraisalMessages as m } from './appraisal-messages.js';

/**
 * The demo's appraisal (issue 13, part 3): one record whose retention has ended goes through
 * appraisal to the destruction register, by the real commands. The record is a 2012 document
 * with a 10-year retention, catalogued from a catalog file and scanned later (`ingest --to`),
 * so the demo shows that path too; then `appraisal due` lists it, the archivist proposes its
 * destruction, two members of the 鉴定小组 agree, the security officer approves, and the
 * destruction writes and prints the 销毁清册. Runs last: the transfer and the backups before it
 * work on the vault as it was.
 */

export const DEMO_EXPIRED_CODE = 'Z109-WS·2012-D10-BGS-0001';
const ROUND_TITLE = '2012 年到期文书档案鉴定';

export interface AppraisalDemoHost {
  step(title: Message): void;
  run(argv: readonly string[], env?: Record<string, string>): Promise<number>;
  root: string;
  vaultDir: string;
  /** Environments (LANTAI_VAULT, LANTAI_USER, LANTAI_PASSWORD_FILE) of the people who act. */
  archivist: Record<string, string>;
  appraiser: Record<string, string>;
  securityOfficer: Record<string, string>;
}

export async function runAppraisalDemo(h: AppraisalDemoHost): Promise<void> {
  h.step(m.stepImport);
  const catalog = path.join(h.root, 'catalog-2012.csv');
  fs.writeFileSync(catalog, `档号,题名,责任者,日期,页数,密级\n${DEMO_EXPIRED_CODE},关于做好二〇一二年春节期间值班工作的通知,办公室,2012-01-10,1,公开\n`);
  if ((await h.run(['catalog', 'import', catalog], h.archivist)) !== 0) return;

  h.step(m.stepAttach);
  // The paper is scanned now: one page, rendered like the other samples (another seed, so other bytes).
  const scans = path.join(h.root, 'scans-2012');
  if ((await h.run(['samples', scans, '--count', '1', '--max-pages', '1', '--seed', '2012'])) !== 0) return;
  const manifest = JSON.parse(fs.readFileSync(path.join(scans, MANIFEST_FILE), 'utf8')) as { documents: { folder: string }[] };
  const folder = manifest.documents[0]?.folder;
  if (folder === undefined) return;
  if ((await h.run(['ingest', path.join(scans, folder), '--to', DEMO_EXPIRED_CODE], h.archivist)) !== 0) return;

  h.step(m.stepDue);
  await h.run(['appraisal', 'due'], h.archivist);

  h.step(m.stepPropose);
  if ((await h.run(['appraisal', 'propose', DEMO_EXPIRED_CODE, '--action', 'destroy', '--reason', '保管期满，经鉴定已无继续保存价值', '--title', ROUND_TITLE], h.archivist)) !== 0) return;
  const round = await readAsArchivist(h, (api, s) => api.appraisal.rounds(s).find((r) => r.title === ROUND_TITLE)?.id);
  if (round === undefined) return;

  h.step(m.stepVote);
  await h.run(['appraisal', 'decide', String(round), '--vote', 'agree', '--comment', '同意销毁'], h.archivist);
  await h.run(['appraisal', 'decide', String(round), '--vote', 'agree', '--comment', '同意'], h.appraiser);

  h.step(m.stepApprove);
  if ((await h.run(['appraisal', 'approve', String(round), '--basis', '经鉴定小组审议，报分管领导同意'], h.securityOfficer)) !== 0) return;

  h.step(m.stepDestroy);
  await h.run(['appraisal', 'destroy', String(round), '--register-out', path.join(h.root, '销毁清册.pdf'), '--unit', '示例市档案局档案室'], h.archivist);

  h.step(m.stepAfter);
  await h.run(['list'], h.archivist);
}
