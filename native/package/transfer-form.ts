import type { FourPropertyReport, FourProperty } from '../check/four-property.js';
import type { PackagePlanInput, TransferFormData } from './types.js';
import { element } from './xml.js';

/** 电子档案移交与接收登记表 as data (XML and JSON): what the unit fills in; the archive adds its side. */

function checkText(report: FourPropertyReport, p: FourProperty): string {
  const s = report.summary[p];
  return s.fail > 0 ? `不合格（${s.fail} 项未通过）` : s.warn > 0 ? `合格（${s.pass} 项通过，${s.warn} 项提示）` : `合格（${s.pass} 项通过）`;
}

export function transferForm(input: PackagePlanInput, totals: { files: number; bytes: number }, date: string): TransferFormData {
  const pages = input.items.reduce((n, i) => n + i.record.pageCount, 0);
  return {
    transferId: input.transferId,
    transferName: input.transferName,
    description: `${input.sourceOrganization} 移交电子档案 ${input.items.length} 件`,
    fromUnit: input.sourceOrganization,
    toUnit: input.toUnit,
    records: input.items.length,
    pages,
    files: totals.files,
    bytes: totals.bytes,
    gigabytes: (totals.bytes / 1e9).toFixed(3),
    carrier: { sequence: `${input.carrier?.index ?? 1}/${input.carrier?.total ?? 1}`, kind: input.outputKind, spec: input.outputKind === 'zip' ? 'ZIP (store, zip64)' : 'folder' },
    checks: {
      authenticity: checkText(input.report, 'authenticity'),
      integrity: checkText(input.report, 'integrity'),
      usability: checkText(input.report, 'usability'),
      security: checkText(input.report, 'security'),
      carrierAppearance: '',
    },
    digestAlgorithms: ['SHA-256', 'SM3'],
    transferredBy: input.transferredBy,
    approvedBy: input.approvedBy,
    transferDate: date,
    receivedBy: '',
    receivedDate: '',
  };
}

export function formatFormXml(f: TransferFormData): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<电子档案移交与接收登记表>',
    `  ${element('移交编号', f.transferId)}`,
    `  ${element('交接工作名称', f.transferName)}`,
    `  ${element('内容描述', f.description)}`,
    `  ${element('移交单位', f.fromUnit)}`,
    `  ${element('接收单位', f.toUnit)}`,
    `  ${element('移交电子档案数量', f.records)}${element('页数', f.pages)}${element('文件数', f.files)}`,
    `  ${element('移交数据量', f.gigabytes)}${element('字节数', f.bytes)}`,
    `  <载体>${element('起止顺序号', f.carrier.sequence)}${element('类型', f.carrier.kind)}${element('规格', f.carrier.spec)}</载体>`,
    `  <检验>${element('真实性', f.checks.authenticity)}${element('完整性', f.checks.integrity)}${element('可用性', f.checks.usability)}${element('安全性', f.checks.security)}${element('载体外观', f.checks.carrierAppearance)}</检验>`,
    `  ${element('摘要算法', f.digestAlgorithms.join(', '))}`,
    `  <移交方>${element('填表人', f.transferredBy)}${element('审核人', f.approvedBy)}${element('日期', f.transferDate)}</移交方>`,
    `  <接收方>${element('接收人', f.receivedBy)}${element('日期', f.receivedDate)}</接收方>`,
    '</电子档案移交与接收登记表>',
    '',
  ].join('\n');
}
