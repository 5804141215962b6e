import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { listRecords, recordPages } from '../../../native/catalog/records.js';
import { checkVault } from '../../../native/check/check-vault.js';
import { CliContext } from '../../../native/cli/context.js';
import { samplesCommand } from '../../../native/cli/commands/samples.js';
import { ingest } from '../../../native/ingest/ingest-job.js';
import { EMBEDDED_DOCUMENTS } from '../../../native/samples/embedded.js';
import { generateSampleScans, renderOcrBenchmarkSet, type SampleManifest } from '../../../native/samples/index.js';
import { initWorkingVault } from '../../../native/pipeline/wire.js';
import { SEEDS, tempDir } from '../../harness/temp.js';

const A4_300 = { width: 2480, height: 3508 };
const root = tempDir('lantai 样例-');
const outDir = path.join(root, '样例 扫描');
// Four documents: the colour one, a seed, a JPEG one and the garbled-OCR seed; two pages each at most.
const manifestPromise: Promise<SampleManifest> = generateSampleScans(outDir, { documents: 4, maxPagesPerDocument: 2, seedsDir: SEEDS });

/** All whitespace and markdown list marks removed: what printed text must reduce to. */
function squeeze(text: string): string {
  return text.replace(/^\s*[-*]\s+/gm, '').replace(/\s+/g, '');
}

test('pages are 300-dpi A4 files, greyscale or colour and PNG or JPEG exactly as the manifest says', async () => {
  const manifest = await manifestPromise;
  assert.equal(manifest.documents.length, 4);
  const modes = new Set<string>();
  const formats = new Set<string>();
  for (const doc of manifest.documents) {
    assert.deepEqual(fs.readdirSync(path.join(outDir, doc.folder)).sort(), doc.pages.map((p) => p.file));
    for (const [i, page] of doc.pages.entries()) {
      assert.equal(page.file, `${String(i + 1).padStart(4, '0')}.${page.format === 'jpeg' ? 'jpg' : 'png'}`);
      const meta = await sharp(path.join(outDir, doc.folder, page.file)).metadata();
      assert.deepEqual({ width: meta.width, height: meta.height, density: meta.density }, { ...A4_300, density: 300 });
      assert.equal(meta.format, page.format);
      assert.equal(meta.channels, page.colourMode === 'colour' ? 3 : 1, `${doc.folder}/${page.file}`);
      assert.ok(Math.abs(page.skewDeg) <= 1.5);
      modes.add(page.colourMode);
      formats.add(page.format);
    }
  }
  assert.deepEqual([...modes].sort(), ['colour', 'grey']);
  assert.deepEqual([...formats].sort(), ['jpeg', 'png']);
});

test('colour pages carry a red header and a red seal; greyscale pages have no colour at all', async () => {
  const manifest = await manifestPromise;
  const colourDoc = manifest.documents.find((d) => d.pages[0]!.colourMode === 'colour')!;
  assert.equal(colourDoc.pages[0]!.lines[0]!.role, 'header');
  const { data, info } = await sharp(path.join(outDir, colourDoc.folder, colourDoc.pages[0]!.file)).raw().toBuffer({ resolveWithObject: true });
  const mm = 300 / 25.4;
  const redIn = (y0: number, y1: number) => {
    let n = 0;
    for (let y = Math.round(y0 * mm); y < Math.round(y1 * mm); y++) {
      for (let x = 0; x < info.width; x++) {
        const at = (y * info.width + x) * 3;
        if (data[at]! > 150 && data[at + 1]! < 100 && data[at + 2]! < 100) n++;
      }
    }
    return n;
  };
  // The 发文机关标志 sits in the band 40–75 mm from the top; ordinary body text is never red.
  assert.ok(redIn(40, 75) > 20000, `red header pixels: ${redIn(40, 75)}`);
  assert.ok(redIn(130, 200) < 200, 'body text is black');
  const sealPage = colourDoc.pages.find((p) => p.degradations.includes('seal'))!;
  const sealPixels = await sharp(path.join(outDir, colourDoc.folder, sealPage.file)).raw().toBuffer();
  let red = 0;
  for (let i = 0; i < sealPixels.length; i += 3) if (sealPixels[i]! > 150 && sealPixels[i + 1]! < 100 && sealPixels[i + 2]! < 100) red++;
  assert.ok(red > 10000, `seal pixels: ${red}`);
});

test('ground truth is the source text: seed and embedded paragraphs, line by line, nothing lost or added', async () => {
  const manifest = await manifestPromise;
  for (const doc of manifest.documents) {
    const printed = doc.pages.flatMap((p) => p.lines.filter((l) => l.role !== 'pageNumber').map((l) => l.text)).join('');
    const source = doc.source === 'embedded' ? EMBEDDED_DOCUMENTS.find((d) => d.id === doc.id)!.text : fs.readFileSync(doc.source, 'utf8');
    const expected = squeeze(source);
    if (doc.truncated) assert.ok(expected.startsWith(squeeze(printed)) && printed.length > 500, doc.id);
    else assert.equal(squeeze(printed), expected, doc.id);
    for (const page of doc.pages) {
      assert.equal(page.text, page.lines.map((l) => l.text).join('\n'));
      assert.match(page.lines.at(-1)!.text, /^— \d+ —$/, 'each page ends with its page number');
    }
  }
  const secret = await generateSampleScans(path.join(root, 'secret'), { documents: 3, seedsDir: null, maxPagesPerDocument: 1 });
  const doc = secret.documents.find((d) => d.id === 'liudangban-2018-7')!;
  assert.deepEqual([doc.classification, doc.classificationPeriod, doc.docNumber, doc.docDate], ['秘密', '10年', '六档办〔2018〕7号', '2018-05-09']);
  assert.deepEqual(doc.pages[0]!.lines.slice(0, 3).map((l) => [l.role, l.text]), [['classification', '秘密★10年'], ['header', '六安市档案局文件'], ['docNumber', '六档办〔2018〕7号']]);
  assert.equal(secret.documents.find((d) => d.id === 'sudangfa-2019-3')!.classification, '内部');
});

test('every manifest line is a printed row of ink on an unskewed page, in order', async () => {
  const dir = path.join(root, 'ocr set');
  const set = await renderOcrBenchmarkSet(dir, { documents: 2, variants: ['clean', 'kai', 'dpi200'], bodyPages: true, seedsDir: SEEDS });
  assert.equal(set.pages.length, 2 * 3 * 2);
  // A body page has no seal to merge rows: count the bands of rows that hold ink.
  for (const page of set.pages.filter((p) => p.pageNo === 2 && !p.lines.some((l) => l.role === 'date'))) {
    const { data, info } = await sharp(path.join(dir, page.file)).greyscale().raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.width, page.dpi === 200 ? 1654 : 2480);
    // Rows closer than 2 mm belong to one line (a line of 一 and ，has gaps inside it).
    const minGap = Math.round((2 * page.dpi) / 25.4);
    let bands = 0;
    let lastInk = -Infinity;
    for (let y = 0; y < info.height; y++) {
      let ink = 0;
      for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < 128) ink++;
      if (ink <= 2) continue;
      if (y - lastInk > minGap) bands++;
      lastInk = y;
    }
    assert.equal(bands, page.lines.length, `${page.file}: ${bands} rows of ink, ${page.lines.length} lines of ground truth`);
  }
  const dpi200 = set.pages.find((p) => p.variant === 'dpi200')!;
  const clean = set.pages.find((p) => p.variant === 'clean' && p.document === dpi200.document && p.pageNo === dpi200.pageNo)!;
  assert.equal(dpi200.text, clean.text, 'a 200-dpi variant prints the same lines');
});

test('the same seed gives the same bytes; another seed gives other scans of the same text', async () => {
  const a = path.join(root, 'a');
  const b = path.join(root, 'b');
  const c = path.join(root, 'c');
  const opts = { documents: 2, maxPagesPerDocument: 1, seedsDir: SEEDS };
  const [ma, mb, mc] = [await generateSampleScans(a, opts), await generateSampleScans(b, opts), await generateSampleScans(c, { ...opts, seed: 7 })];
  assert.deepEqual(ma, { ...mb });
  for (const doc of ma.documents) {
    for (const page of doc.pages) {
      const bytes = fs.readFileSync(path.join(a, doc.folder, page.file));
      assert.ok(bytes.equals(fs.readFileSync(path.join(b, doc.folder, page.file))), `${doc.folder}/${page.file} identical`);
      assert.ok(!bytes.equals(fs.readFileSync(path.join(c, doc.folder, page.file))), `${doc.folder}/${page.file} differs with another seed`);
    }
  }
  assert.deepEqual(mc.documents.map((d) => d.pages.map((p) => p.text)), ma.documents.map((d) => d.pages.map((p) => p.text)));
  assert.ok(fs.readFileSync(path.join(a, 'manifest.json')).equals(fs.readFileSync(path.join(b, 'manifest.json'))));
});

test('the sample folder ingests as one item per document with every page, and the vault checks clean', async () => {
  const manifest = await manifestPromise;
  const vault = await initWorkingVault(path.join(root, 'vault'));
  try {
    const summary = await ingest(vault, { paths: [outDir], metadata: { fondsCode: 'Z109', year: 2016, retention: 'Y' } });
    assert.equal(summary.status, 'done');
    assert.deepEqual(summary.ignored, [path.join(outDir, 'manifest.json')]);
    const { records } = listRecords(vault.db);
    const byTitle = new Map(records.map((r) => [r.title, r]));
    assert.equal(records.length, manifest.documents.length);
    for (const doc of manifest.documents) {
      const record = byTitle.get(doc.folder);
      assert.ok(record, `item for ${doc.folder}`);
      assert.equal(record.pageCount, doc.pages.length);
      const pages = recordPages(vault.db, record.id);
      assert.deepEqual(pages.map((p) => [p.width, p.height, p.dpiX]), doc.pages.map(() => [2480, 3508, 300]));
    }
    const report = await checkVault(vault);
    assert.deepEqual(report.problems.filter((p) => p.severity === 'error'), []);
  } finally {
    vault.close();
  }
});

test('lantai samples OUTDIR --count N --json writes the scans and says so in both languages', async () => {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s: string) => { stdout += s; }, stderr: (s: string) => { stderr += s; }, env: { LANTAI_SEEDS: SEEDS, LANTAI_LANG: 'en' } };
  const dir = path.join(root, 'cli 样例');
  const ctx = new CliContext(io, { json: true, vault: undefined, signal: new AbortController().signal });
  assert.equal(await samplesCommand.run(ctx, { count: '2', 'max-pages': '1' }, [dir]), 0, stderr);
  const out = JSON.parse(stdout) as { ok: boolean; pages: number; documents: { folder: string; pages: number }[] };
  assert.equal(out.ok, true);
  assert.equal(out.documents.length, 2);
  assert.equal(out.pages, 2);
  for (const d of out.documents) assert.equal(fs.readdirSync(path.join(dir, d.folder)).length, d.pages);
  stdout = '';
  const zh = new CliContext({ ...io, env: { LANTAI_LANG: 'zh' } }, { json: false, vault: undefined, signal: new AbortController().signal });
  assert.equal(await samplesCommand.run(zh, { count: '1', 'max-pages': '1' }, [path.join(root, 'cli zh')]), 0);
  assert.match(stdout, /已生成 1 份样例文件，共 1 页/);
  await assert.rejects(samplesCommand.run(zh, { count: '1' }, [dir]), (e: Error & { code?: string }) => e.code === 'SAMPLES_OUT_NOT_EMPTY');
  assert.equal(await samplesCommand.run(zh, {}, []), 2);
});
