import type { TransferFormData } from './types.js';

/** 说明文件.TXT: one per carrier, plain UTF-8, for a person opening the carrier by hand. */
export function formatReadme(f: TransferFormData): string {
  return [
    '电子档案移交说明文件',
    '',
    `移交编号：${f.transferId}`,
    `交接工作名称：${f.transferName}`,
    `移交单位：${f.fromUnit}`,
    `接收单位：${f.toUnit}`,
    `载体顺序号：${f.carrier.sequence}`,
    `电子档案：${f.records} 件，${f.pages} 页`,
    `移交日期：${f.transferDate}`,
    '',
    '结构：',
    '  文件目录.XML        归档文件目录（顺序号、档号、责任者、题名、日期、密级、电子档案名称、备注及各文件摘要）',
    '  电子档案/年度/门类/档号/  原件（以档号加顺序号命名）及其旁的识别文本（利用副本，不替代原件）',
    '  其他/               目录 CSV、移交登记表（XML、JSON）、四性检测报告',
    '',
    '本载体同时是 BagIt 1.0 包（RFC 8493）：data/ 下为上述内容；manifest-sha256.txt、manifest-sm3.txt 为摘要清单；',
    'tagmanifest-*.txt 为标签清单；signature/ 下为对 tagmanifest-sha256.txt 的 CMS 签名（及对 tagmanifest-sm3.txt 的 SM2 签名）。',
    '内容未加密，未使用非公开压缩格式。编码：UTF-8。',
    '',
  ].join('\r\n');
}
