import type { RecordRow } from '../catalog/types.js';

/**
 * Where things go in a transfer package (档发〔2012〕7号 carrier layout), relative to the bag's
 * data/ folder: 说明文件.TXT and 文件目录.XML at the top, the records under
 * 电子档案/<年度>/<门类>/<档号>/, everything else under 其他/.
 */
export const README_TXT = '说明文件.TXT';
export const CATALOG_XML = '文件目录.XML';
export const RECORDS_DIR = '电子档案';
export const OTHER_DIR = '其他';
export const CATALOG_CSV = `${OTHER_DIR}/归档文件目录.csv`;
export const FORM_XML = `${OTHER_DIR}/移交登记表.xml`;
export const FORM_JSON = `${OTHER_DIR}/移交登记表.json`;
/** The same form, printable (CJK font embedded), and the catalog as a spreadsheet. */
export const FORM_PDF = `${OTHER_DIR}/移交登记表.pdf`;
export const CATALOG_XLSX = `${OTHER_DIR}/归档文件目录.xlsx`;
export const REPORT_JSON = `${OTHER_DIR}/四性检测报告.json`;

/** Tag files outside the tag manifests' reach, written after them (data → index → manifest → signature). */
export const CMS_SIGNATURE = 'signature/tagmanifest-sha256.txt.p7s';
export const SM2_SIGNATURE = 'signature/tagmanifest-sm3.txt.sm2';
export const SIGNATURE_FILES: readonly string[] = [CMS_SIGNATURE, SM2_SIGNATURE];
/** Listed in the tag manifests, so the CMS signature covers the SM2 public key too. */
export const CERTIFICATE_PEM = 'signature-keys/unit-certificate.pem';
export const SM2_PUBLIC_PEM = 'signature-keys/unit-sm2-public.pem';

/** Required entries of the national layout, relative to data/. */
export const REQUIRED_LAYOUT: readonly string[] = [README_TXT, CATALOG_XML, `${RECORDS_DIR}/`, `${OTHER_DIR}/`];

/** A 档号 as a file name: it never holds `/`, but keep what a file system could trip on out. */
export function codeAsName(code: string): string {
  return code.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

export function itemDir(r: Pick<RecordRow, 'year' | 'categoryCode' | 'archivalCode'>): string {
  return `${RECORDS_DIR}/${r.year}/${r.categoryCode}/${codeAsName(r.archivalCode)}`;
}

/** A master: 档号 + zero-padded master sequence (DA/T 31 naming), its format's extension. */
export function masterPath(r: Pick<RecordRow, 'year' | 'categoryCode' | 'archivalCode'>, seq: number, ext: string): string {
  return `${itemDir(r)}/${codeAsName(r.archivalCode)}-${String(seq).padStart(4, '0')}.${ext}`;
}

/** The OCR text of a master, beside it: an access copy, never instead of the master. */
export function textPath(r: Pick<RecordRow, 'year' | 'categoryCode' | 'archivalCode'>, seq: number): string {
  return `${itemDir(r)}/${codeAsName(r.archivalCode)}-${String(seq).padStart(4, '0')}.txt`;
}
