import path from 'node:path';
import { generateSampleScans, MANIFEST_FILE, msg, samplesMessages } from '../../api/index.js';
import { intOption, stringOption, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { cliMessages } from '../messages.js';

export const samplesCommand: Command = {
  name: 'samples',
  summary: { zh: '生成样例公文扫描件（300 dpi，附逐行文字真值）', en: 'Render sample official-document scans (300 dpi, with line-by-line ground truth)' },
  usage: 'lantai samples OUTDIR [--count N] [--seed N] [--seeds DIR] [--max-pages N]',
  options: { count: { type: 'string' }, seed: { type: 'string' }, seeds: { type: 'string' }, 'max-pages': { type: 'string' } },
  positionals: 'some',
  async run(ctx, values, positionals) {
    const out = positionals[0];
    if (!out || positionals.length > 1) {
      ctx.warn(msg(cliMessages.usageError, { reason: this.usage }));
      return EXIT.USAGE;
    }
    const dir = path.resolve(out);
    const count = intOption(values, 'count');
    const seed = intOption(values, 'seed');
    const maxPages = intOption(values, 'max-pages');
    const seedsDir = stringOption(values, 'seeds') ?? ctx.io.env['LANTAI_SEEDS'];
    const manifest = await generateSampleScans(dir, {
      ...(count !== undefined ? { documents: count } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(maxPages !== undefined ? { maxPagesPerDocument: maxPages } : {}),
      ...(seedsDir ? { seedsDir: path.resolve(seedsDir) } : {}),
      signal: ctx.signal,
      onProgress: (done, total) => {
        if (!ctx.json) ctx.io.stderr(`\r${ctx.t(msg(samplesMessages.progress, { done, total }))}   `);
      },
    });
    if (!ctx.json) ctx.io.stderr('\n');
    const pages = manifest.documents.reduce((n, d) => n + d.pages.length, 0);
    ctx.say(msg(samplesMessages.written, { documents: manifest.documents.length, pages, dir }));
    ctx.say(msg(samplesMessages.manifestAt, { file: path.join(dir, MANIFEST_FILE) }));
    ctx.emitJson({
      ok: true,
      dir,
      manifest: path.join(dir, MANIFEST_FILE),
      seed: manifest.seed,
      documents: manifest.documents.map((d) => ({ id: d.id, folder: d.folder, title: d.title, docNumber: d.docNumber, docDate: d.docDate, classification: d.classification, pages: d.pages.length })),
      pages,
    });
    return EXIT.OK;
  },
};
