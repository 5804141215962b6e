import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { helperAnswerCount, setSplitMinRecords } from '../../../native/search/parallel-lookup.js';
import { normalizeText } from '../../../native/search/normalize.js';
import { search, searchRecordIds } from '../../../native/search/search.js';
import { runSeed, seededRandom } from '../../harness/random.js';
import { addRecord, newVault } from './helpers.js';

after(() => setSplitMinRecords(null));

test('a phrase looked up in both trigram tables at once, one on a helper thread, finds what one thread finds', async () => {
  const seed = runSeed();
  const rand = seededRandom(seed);
  const vault = await newVault();
  try {
    const db = vault.db;
    const words = ['档案安全', '保管期限', '各级国家综合档案馆', '数字化', '接收', '移交', '鉴定', '销毁'];
    const texts = new Map<number, string[]>();
    for (let r = 0; r < 60; r++) {
      const pages = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
        Array.from({ length: 12 }, () => words[Math.floor(rand() * words.length)]).join(rand() < 0.5 ? '，' : '\n'));
      const rec = addRecord(db, { pages });
      texts.set(rec.id, pages);
    }
    // Per page: a phrase does not run on from one page to the next.
    const brute = (phrase: string) => [...texts].filter(([, pages]) => pages.some((t) => normalizeText(t).includes(normalizeText(phrase)))).map(([id]) => id).sort((a, b) => a - b);
    for (const phrase of ['档案安全', '国家综合档案', '数字化接收', '销毁，鉴定', '保管期限保管期限保管期限']) {
      setSplitMinRecords(null); // this vault is far below the size where the helper is used
      const before = helperAnswerCount();
      const single = searchRecordIds(db, `"${phrase}"`).sort((a, b) => a - b);
      assert.equal(helperAnswerCount(), before, 'small vault: one thread');
      setSplitMinRecords(0);
      const parallel = searchRecordIds(db, `"${phrase}"`).sort((a, b) => a - b);
      assert.ok(helperAnswerCount() > before, 'the helper thread answered its table');
      assert.deepEqual(parallel, single, `seed ${seed}: ${phrase}`);
      assert.deepEqual(parallel, brute(phrase), `seed ${seed}: ${phrase} vs brute force`);
      const hits = search(db, `"${phrase}"`, { limit: 100 });
      assert.equal(hits.total, single.length);
    }
  } finally {
    vault.close();
  }
});
