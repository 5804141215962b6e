import zlib from 'node:zlib';

/**
 * A tiny PDF writer for tests: pages that each paint one image XObject (JPEG as DCTDecode, or
 * raw pixels as FlateDecode) with a chosen matrix and /Rotate, plus optional extra content
 * (visible text, a path). Enough to build scanner-like PDFs with known geometry.
 */
export type PdfImage =
  | { kind: 'jpeg'; bytes: Buffer; width: number; height: number; colour: boolean }
  | { kind: 'grey' | 'rgb'; pixels: Buffer; width: number; height: number }
  /** 1 bit per pixel, rows padded to bytes, 1 = white (DeviceGray). */
  | { kind: 'bits'; packed: Buffer; width: number; height: number };

export interface PdfPage {
  /** MediaBox size in points. */
  width: number;
  height: number;
  rotate?: number;
  image?: PdfImage;
  /** Image matrix (cm); default: fill the MediaBox. */
  matrix?: [number, number, number, number, number, number];
  /** Content drawn after the image (may use font /F1 = Helvetica). */
  extra?: string;
}

export function makePdf(pages: PdfPage[]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PLACEHOLDER');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (const p of pages) {
    let imageRef = 0;
    if (p.image) {
      const img = p.image;
      if (img.kind === 'jpeg') {
        imageRef = add(stream(`/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /${img.colour ? 'DeviceRGB' : 'DeviceGray'} /BitsPerComponent 8 /Filter /DCTDecode`, img.bytes));
      } else if (img.kind === 'bits') {
        imageRef = add(stream(`/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode`, zlib.deflateSync(img.packed)));
      } else {
        imageRef = add(stream(`/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /${img.kind === 'rgb' ? 'DeviceRGB' : 'DeviceGray'} /BitsPerComponent 8 /Filter /FlateDecode`, zlib.deflateSync(img.pixels)));
      }
    }
    const m = p.matrix ?? [p.width, 0, 0, p.height, 0, 0];
    const content = `${p.image ? `q ${m.join(' ')} cm /Im0 Do Q\n` : ''}${p.extra ?? ''}`;
    const contentRef = add(stream('', Buffer.from(content, 'latin1')));
    const resources = `<< /Font << /F1 ${font} 0 R >>${imageRef ? ` /XObject << /Im0 ${imageRef} 0 R >>` : ''} >>`;
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${p.width} ${p.height}]${p.rotate ? ` /Rotate ${p.rotate}` : ''} /Resources ${resources} /Contents ${contentRef} 0 R >>`));
  }
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
