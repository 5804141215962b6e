import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { search, searchRecordIds } from '../../../native/search/index.js';
import type { Vault } from '../../../native/vault/vault.js';
import { runSeed, seededRandom } from '../../harness/random.js';
import { buildCorpus, bruteForce, sampleTerms, toFullWidth, type Corpus } from './corpus.js';
import { newVault } from './helpers.js';

// Substring semantics: every record whose text contains the query is found (100% recall), and
// nothing else (100% precision), checked against a scan with an independent folding.

const seed = runSeed();
console.log(`search recall seed ${seed} (replay with LANTAI_TEST_SEED=${seed})`);
const rand = seededRandom(seed);

let vault: Vault;
let corpus: Corpus;

before(async () => {
  vault = await newVault();
  corpus = buildCorpus(vault.db, rand, { records: 300, maxPages: 4, pageLength: 260 });
});

after(() => vault.close());

function check(term: string, query = `"${term}"`): number {
  const truth = bruteForce(corpus, term);
  const ids = [...searchRecordIds(vault.db, query, { includeClassified: true })].sort((a, b) => a - b);
  assert.deepEqual(ids, truth, `query ${query} (term ${JSON.stringify(term)}): ${ids.length} found, ${truth.length} contain it`);
  assert.equal(search(vault.db, query, { includeClassified: true, limit: 5 }).total, truth.length, `total of ${query}`);
  return truth.length;
}

for (const length of [1, 2, 3, 6]) {
  test(`every record containing a ${length}-character term is found, common and rare terms`, () => {
    const { common, rare } = sampleTerms(corpus, rand, length, 12);
    assert.ok(common.length >= 6 && rare.length >= 6, 'enough sampled terms');
    const counts = [...common, ...rare].map((t) => check(t));
    assert.ok(Math.max(...counts) > 20, `some common term is in many records (${Math.max(...counts)})`);
    assert.ok(Math.min(...counts) <= 3, 'some rare term is in few records');
  });
}

test('terms with punctuation, Latin and digits, and terms across a line break are found exactly', () => {
  const terms = ['〔2016〕', '档发〔', '。', '，各', '》的', 'gb/t 18894', '18894-2016', 'iso 15489', 'da/t', 't 2', '2016', 'pdf/a', 'no. 7', '7', 'b', 'z109-ws·2016', 'sm3'];
  let found = 0;
  for (const t of terms) found += check(t) > 0 ? 1 : 0;
  assert.ok(found >= terms.length - 3, `most of these terms occur in the corpus (${found}/${terms.length})`);
  // Unquoted, a single term without operators means the same.
  check('档案', '档案');
  check('18894-2016', '18894-2016');
});

test('full-width and half-width forms, and upper and lower case, find the same records', () => {
  const { common } = sampleTerms(corpus, rand, 3, 6);
  for (const t of [...common, 'gb/t 18894', 'iso 15489', 'ofd', 'pdf/a-2b', '22-2015']) {
    const n = check(t);
    check(t, `"${toFullWidth(t).toUpperCase()}"`);
    check(t, `"${t.toUpperCase()}"`);
    assert.ok(n >= 0);
  }
});

test('terms that occur nowhere find nothing, including one character away from a real term', () => {
  for (const t of ['档案档案档案档案', '兰台兰台', 'xyzzy', '〔2099〕']) assert.equal(check(t), 0);
});
