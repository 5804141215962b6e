/**
 * Every user-facing string comes from a catalog with Simplified Chinese first and English
 * second (issue 15, part 6): the renderer's two catalogs have the same keys, every entry of
 * every engine and shell catalog has both languages with the same {placeholders}, and no
 * screen hard-codes Chinese text outside its catalog.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { en } from '../../../renderer/src/i18n/en.js';
import { zh } from '../../../renderer/src/i18n/zh.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CJK = /[\u3400-\u9fff]/;
// A parameter may come in each language ({actionZh} / {actionEn}): the same parameter.
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(/(Zh|En)$/, '')))].sort();

function files(dir: string, test: (f: string) => boolean): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String).filter(test).map((f) => path.join(ROOT, dir, f));
}

test('the renderer\'s zh and en catalogs match key by key, with the same placeholders', () => {
  const zhKeys = Object.keys(zh).sort();
  const enKeys = Object.keys(en).sort();
  assert.deepEqual(enKeys, zhKeys, 'same keys in both catalogs');
  for (const k of zhKeys as (keyof typeof zh)[]) {
    assert.ok(zh[k].trim() && en[k].trim(), `${k}: both languages filled in`);
    assert.deepEqual(placeholders(en[k]), placeholders(zh[k]), `${k}: same placeholders`);
    // English text in English (the language switch names 中文 on purpose).
    if (k !== 'langSwitch') assert.doesNotMatch(en[k], CJK, `${k}: the English entry is English`);
  }
});

test('every engine and shell catalog entry has zh and en with the same placeholders', async () => {
  const catalogs = [...files('native', (f) => /(^|\/)[a-z-]*messages\.ts$/.test(f)), ...files('electron', (f) => /messages\.ts$/.test(f))];
  assert.ok(catalogs.length > 10, catalogs.join('\n'));
  let entries = 0;
  for (const file of catalogs) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, catalog] of Object.entries(mod)) {
      if (typeof catalog !== 'object' || catalog === null) continue;
      for (const [key, entry] of Object.entries(catalog as Record<string, unknown>)) {
        if (typeof entry !== 'object' || entry === null || !('zh' in entry) || !('en' in entry)) continue;
        const { zh: z, en: e } = entry as { zh: string; en: string };
        const where = `${path.relative(ROOT, file)} ${name}.${key}`;
        assert.ok(z.trim() && e.trim(), `${where}: both languages`);
        assert.deepEqual(placeholders(e), placeholders(z), `${where}: same placeholders`);
        entries++;
      }
    }
  }
  assert.ok(entries > 200, `${entries} entries checked`);
});

test('no screen hard-codes Chinese text: it comes from the catalogs', () => {
  for (const file of files('renderer/src', (f) => /\.tsx?$/.test(f) && !f.startsWith('i18n'))) {
    const code = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    // Font family names are not UI text.
    const lines = code.split('\n').filter((l) => CJK.test(l) && !/FONT\s*=/.test(l));
    assert.deepEqual(lines, [], path.relative(ROOT, file));
  }
});
