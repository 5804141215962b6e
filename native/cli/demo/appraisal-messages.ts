import { defineMessages } from '../../api/index.js';

/** The headings of the demo's appraisal steps (native/cli/demo/appraisal.ts). */
export const demoAppraisalMessages = defineMessages({
  stepImport: { zh: '目录导入：一件 2012 年的文书（保管期限 10 年，待扫描）', en: 'Catalog import: one 2012 document (10-year retention, awaiting its scans)' },
  stepAttach: { zh: '补扫：把扫描件挂接到导入的目录条目（档号与著录不变）', en: 'Scanning it later: the scans attached to the imported entry (its 档号 and fields kept)' },
  stepDue: { zh: '鉴定到期：列出保管期限已满的档案', en: 'Appraisal due: records whose retention has ended' },
  stepPropose: { zh: '鉴定小组提出销毁意见', en: 'The appraisal group proposes destruction' },
  stepVote: { zh: '鉴定小组两人表决同意', en: 'Two members of the appraisal group agree' },
  stepApprove: { zh: '安全保密管理员批准', en: 'The security officer approves' },
  stepDestroy: { zh: '执行销毁：先写销毁清册，再删除对象，目录条目标记为已销毁；打印销毁清册（PDF）', en: 'Destruction: the register first, then the objects go, the entry stays marked destroyed; the register printed (PDF)' },
  stepAfter: { zh: '归档文件目录（已销毁的条目仍在，标记为已销毁）', en: 'The catalog (the destroyed entry stays, marked destroyed)' },
});
