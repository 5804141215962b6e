import { defineMessages } from '../../i18n/messages.js';

/** Every message names the file (and the 1-based page when known) and says what is wrong. */
export const readMessages = defineMessages({
  unreadable: {
    zh: '无法读取文件 {file}：{reason}。',
    en: 'Cannot read the file {file}: {reason}.',
  },
  emptyFile: {
    zh: '文件 {file} 是空的（0 字节），无法导入。',
    en: 'The file {file} is empty (0 bytes) and cannot be ingested.',
  },
  unsupportedKnown: {
    zh: '文件 {file} 的内容是 {kind}，不是可导入的扫描格式（JPEG、PNG、TIFF、PDF）。',
    en: 'The file {file} contains {kind}, not a scan format that can be ingested (JPEG, PNG, TIFF, PDF).',
  },
  unsupportedText: {
    zh: '文件 {file} 是文本文件，不是图像或 PDF（可导入 JPEG、PNG、TIFF、PDF）。',
    en: 'The file {file} is a text file, not an image or PDF (JPEG, PNG, TIFF and PDF can be ingested).',
  },
  unsupportedUnknown: {
    zh: '无法识别文件 {file} 的格式（开头字节 {magic}）；可导入 JPEG、PNG、TIFF、PDF。',
    en: 'The format of {file} is not recognised (first bytes {magic}); JPEG, PNG, TIFF and PDF can be ingested.',
  },
  unsupportedCompression: {
    zh: '文件 {file} 第 {page} 页使用了不支持的 TIFF 压缩方式 {compression}，无法解码。',
    en: 'Page {page} of {file} uses the TIFF compression {compression}, which cannot be decoded.',
  },
  unsupportedPage: {
    zh: '文件 {file} 第 {page} 页无法解码：{reason}。',
    en: 'Page {page} of {file} cannot be decoded: {reason}.',
  },
  corruptFile: {
    zh: '文件 {file} 已损坏或不完整：{reason}。未导入。',
    en: 'The file {file} is damaged or incomplete: {reason}. Nothing was ingested.',
  },
  corruptPage: {
    zh: '文件 {file} 第 {page} 页已损坏或不完整：{reason}。未导入。',
    en: 'Page {page} of {file} is damaged or incomplete: {reason}. Nothing was ingested.',
  },
  invalidPdf: {
    zh: '文件 {file} 不是有效的 PDF：{reason}。未导入。',
    en: 'The file {file} is not a valid PDF: {reason}. Nothing was ingested.',
  },
  encryptedPdf: {
    zh: 'PDF 文件 {file} 已加密（需要密码），无法导入；请提供未加密的文件。',
    en: 'The PDF {file} is encrypted (needs a password) and cannot be ingested; supply an unencrypted file.',
  },
  tooLarge: {
    zh: '文件 {file} 第 {page} 页为 {width}×{height} 像素（{megapixels} 百万像素），超过上限 {limit} 百万像素；可能是解压炸弹或分辨率过高，未导入。',
    en: 'Page {page} of {file} is {width}×{height} pixels ({megapixels} MP), above the limit of {limit} MP; it may be a decompression bomb or scanned at too high a resolution. Nothing was ingested.',
  },
  tooLargeUnknownSize: {
    zh: '文件 {file} 第 {page} 页的图像超过像素上限 {limit} 百万像素，未导入。',
    en: 'An image on page {page} of {file} is above the pixel limit of {limit} MP. Nothing was ingested.',
  },
  tooManyPages: {
    zh: '文件 {file} 超过 {limit} 页的上限，未导入；请拆分后再导入。',
    en: 'The file {file} has more than the limit of {limit} pages. Nothing was ingested; split it and ingest the parts.',
  },
  timeout: {
    zh: '读取文件 {file} 第 {page} 页超过 {seconds} 秒，已停止；文件可能已损坏或过大。',
    en: 'Reading page {page} of {file} took more than {seconds} s and was stopped; the file may be damaged or too large.',
  },
  // Warnings (kept with the page; the page is still ingested).
  extensionMismatch: {
    zh: '文件 {file} 的扩展名是 “{ext}”，但内容是 {format}；已按内容读取。',
    en: 'The file {file} is named “{ext}” but contains {format}; it was read by its content.',
  },
  lowDpi: {
    zh: '文件 {file} 第 {page} 页分辨率为 {dpi} dpi，低于 {min} dpi（DA/T 31-2017）。',
    en: 'Page {page} of {file} is {dpi} dpi, below {min} dpi (DA/T 31-2017).',
  },
  noDpi: {
    zh: '文件 {file} 第 {page} 页没有记录分辨率（dpi）。',
    en: 'Page {page} of {file} records no resolution (dpi).',
  },
  tiffLoop: {
    zh: '文件 {file} 的 TIFF 目录链循环回到前面的页；只读取了前 {pages} 页。',
    en: 'The TIFF directory chain of {file} loops back to an earlier page; only the first {pages} pages were read.',
  },
  tiffSkippedReduced: {
    zh: '文件 {file} 含 {count} 个缩略图（低分辨率副本）目录，已跳过，不作为页面。',
    en: '{file} holds {count} reduced-resolution (thumbnail) directories; they were skipped and are not pages.',
  },
  pdfPageRendered: {
    zh: 'PDF 文件 {file} 第 {page} 页不是单一扫描图像，已按 {dpi} dpi 渲染整页。',
    en: 'Page {page} of the PDF {file} is not a single scanned image; the whole page was rendered at {dpi} dpi.',
  },
  pdfPageDownscaled: {
    zh: 'PDF 文件 {file} 第 {page} 页按原分辨率渲染会超过像素上限，已降为 {dpi} dpi。',
    en: 'Page {page} of the PDF {file} would exceed the pixel limit at its own resolution; it was rendered at {dpi} dpi.',
  },
});
