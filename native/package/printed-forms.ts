import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCatalogXlsx } from '../catalog-upkeep/index.js';
import { printFormSheet, type FormSheet } from '../print/index.js';
import { CATALOG_XLSX, FORM_PDF } from './layout.js';
import type { PackagePlan } from './plan.js';
import type { PackageItem, TransferFormData } from './types.js';

/** 电子档案移交与接收登记表 laid out for print: the unit's side filled in, the archive's left to sign. */
export function formSheet(f: TransferFormData): FormSheet {
  return {
    title: '电子档案移交与接收登记表',
    subtitle: `移交编号 ${f.transferId}`,
    rows: [
      ['交接工作名称', f.transferName],
      ['内容描述', f.description],
      ['移交单位', f.fromUnit],
      ['接收单位', f.toUnit],
      ['移交电子档案数量', `${f.records} 件，${f.pages} 页，${f.files} 个文件`],
      ['移交数据量', `${f.gigabytes} GB（${f.bytes} 字节）`],
      ['载体起止顺序号', f.carrier.sequence],
      ['载体类型、规格', `${f.carrier.kind}，${f.carrier.spec}`],
      ['真实性检验', f.checks.authenticity],
      ['完整性检验', f.checks.integrity],
      ['可用性检验', f.checks.usability],
      ['安全性检验', f.checks.security],
      ['载体外观检验', f.checks.carrierAppearance],
      ['摘要算法', f.digestAlgorithms.join('，')],
    ],
    parties: [
      { heading: '移交单位', lines: [['填表人', f.transferredBy], ['审核人', f.approvedBy], ['日期', f.transferDate], ['签字（盖章）', '']] },
      { heading: '接收单位', lines: [['接收人', f.receivedBy], ['审核人', ''], ['日期', f.receivedDate], ['签字（盖章）', '']] },
    ],
  };
}

/**
 * Adds the printable forms to a planned package: the transfer form as PDF and the catalog as
 * .xlsx, rendered into a fresh temporary folder the caller removes (`cleanup`) once the package
 * is written. They join the payload, so the manifests and the signature cover them.
 */
export async function addPrintedForms(plan: PackagePlan, items: readonly PackageItem[]): Promise<{ cleanup: () => Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'lantai-forms-'));
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    const pdf = path.join(dir, 'form.pdf');
    await printFormSheet(formSheet(plan.form), pdf);
    const xlsx = path.join(dir, 'catalog.xlsx');
    await writeCatalogXlsx(xlsx, items.map((i) => i.record));
    plan.payload.push({ path: FORM_PDF, source: pdf }, { path: CATALOG_XLSX, source: xlsx });
    return { cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
