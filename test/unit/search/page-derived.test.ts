import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approveAccess, revokeAccess } from '../../../native/auth/grants.js';
import type { OperationContext } from '../../../native/auth/types.js';
import { recordTextTokens, trigramPhrase } from '../../../native/search/grams.js';
import { pageDerivedFor } from '../../../native/search/access.js';
import { DOC_SPAN } from '../../../native/search/indexer.js';
import { PageDerived, withoutRecords } from '../../../native/search/page-derived.js';
import { helperAnswerCount, setSplitMinRecords } from '../../../native/search/parallel-lookup.js';
import type { Vault } from '../../../native/vault/vault.js';
import { seededRandom } from '../../harness/random.js';
import { makeOperator, setupAdmins, type TestAccounts } from './accounts.js';
import { addRecord, newVault, type AddedRecord } from './helpers.js';

// The reader of page-derived data (native/search/page-derived.ts): each of its reads leaves out
// what the session's content rule hides (a held, secret or restricted record, for an archivist
// without an approval), and nothing for the security officer or the engine's unrestricted reads.

// Made at the top level: a temp folder made inside before() is removed when that hook ends, and
// the helper thread opens the catalog by its path.
const vault: Vault = await newVault();
let admins: TestAccounts;
let archivist: OperationContext;
let open: AddedRecord;
let held: AddedRecord;
let restricted: AddedRecord;

const TEXT = '核心设施改造于2017年3月5日开工';

before(async () => {
  const db = vault.db;
  open = addRecord(db, { title: '公开件', pages: [TEXT, '附页'] });
  held = addRecord(db, { title: '待审查件', classifiedHold: true, pages: [TEXT, '附页'] });
  restricted = addRecord(db, { title: '控制件', pages: [TEXT] });
  db.prepare("UPDATE records SET access_status = 'restricted' WHERE id = ?").run(restricted.id);
  // Text the record documents do not cover yet: a page waiting, and a stale document.
  db.prepare('UPDATE search_page SET in_record_text = 0 WHERE page_id IN (?, ?)').run(open.pageIds[1], held.pageIds[1]);
  db.prepare('UPDATE search_record_text_state SET stale = 1 WHERE record_id = ?').run(restricted.id);
  admins = await setupAdmins(db);
  archivist = await makeOperator(admins, 'zhangsan', 'zs-口令-2024');
});

after(() => {
  setSplitMinRecords(null);
  vault.close();
});

const recordsOfDocs = (docs: number[]) => [...new Set(docs.map((d) => Math.floor(d / DOC_SPAN)))];

/** Which of the three records each read returns something of. */
function seen(pages: PageDerived): Record<string, number[]> {
  const ids = [open.id, held.id, restricted.id];
  const some = (f: (id: number) => unknown[]) => ids.filter((id) => f(id).length > 0);
  const u = pages.uncovered();
  return {
    trigram: recordsOfDocs(pages.trigramDocs(trigramPhrase('核心设施改造'))),
    // 核 is on one page of each record: the record documents' token for "on 1 page".
    recordText: pages.recordTextIds(`"${recordTextTokens('核', 10)![0]!}"`).filter((id) => ids.includes(id)),
    dates: [...new Set(pages.recordsDatedInText('2016-03-05', '2017-03-05', '2017-03-05'))].sort((a, b) => a - b),
    uncovered: [...new Set([...u.pages.keys(), ...u.stale])].sort((a, b) => a - b),
    recordPages: some((id) => pages.recordPages(id)),
    pageRefs: some((id) => pages.pageRefs(id)),
    pageText: ids.filter((id) => pages.pageText([open, held, restricted].find((r) => r.id === id)!.pageIds[0]!) !== undefined),
    recordTexts: some((id) => pages.recordTexts(id)),
  };
}

function everyRead(ids: number[]): Record<string, number[]> {
  const sorted = [...ids].sort((a, b) => a - b);
  return { trigram: sorted, recordText: sorted, dates: sorted, uncovered: sorted, recordPages: sorted, pageRefs: sorted, pageText: sorted, recordTexts: sorted };
}

test('an archivist reads nothing derived from the pages of a held or restricted record', () => {
  assert.deepEqual(seen(pageDerivedFor(archivist)), everyRead([open.id]));
});

test('the security officer and the unrestricted engine read every record', () => {
  const all = everyRead([open.id, held.id, restricted.id]);
  assert.deepEqual(seen(pageDerivedFor(admins.so)), all);
  assert.deepEqual(seen(new PageDerived(vault.db, null)), all);
});

test('the phrase lookup split over two threads applies the rule on the helper thread too', () => {
  setSplitMinRecords(0);
  try {
    const answered = helperAnswerCount();
    assert.deepEqual(recordsOfDocs(pageDerivedFor(archivist).trigramDocs(trigramPhrase('核心设施改造'))), [open.id]);
    assert.deepEqual(recordsOfDocs(pageDerivedFor(admins.so).trigramDocs(trigramPhrase('核心设施改造'))), [open.id, held.id, restricted.id]);
    assert.equal(helperAnswerCount(), answered + 2, 'the helper thread answered both lookups');
  } finally {
    setSplitMinRecords(null);
  }
});

test('an approval opens that record to every read, until it is revoked', () => {
  const [grant] = approveAccess(admins.so, {
    username: 'zhangsan', recordIds: [held.id], scope: 'view', purpose: '编研利用', expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  assert.deepEqual(seen(pageDerivedFor(archivist)), everyRead([open.id, held.id]));
  revokeAccess(admins.so, grant!.id);
  assert.deepEqual(seen(pageDerivedFor(archivist)), everyRead([open.id]));
});

test('leaving out the hidden records\' values (in place) keeps exactly the others, for record ids and docs', () => {
  const rand = seededRandom(17);
  for (let trial = 0; trial < 300; trial++) {
    const span = trial % 2 === 0 ? 1 : DOC_SPAN;
    const records = 1 + Math.floor(rand() * 60);
    const values: number[] = [];
    for (let r = 1; r <= records; r++) {
      if (rand() < 0.3) continue;
      const pages = span === 1 ? 1 : 1 + Math.floor(rand() * 4);
      for (let p = 0; p < pages; p++) values.push(r * span + p);
    }
    // Hidden runs of neighbours, lone ones, ones past the last value and ones with no values.
    const hidden = Array.from({ length: records + 5 }, (_, i) => i + 1).filter(() => rand() < (trial % 3 === 0 ? 0.6 : 0.1));
    const expected = values.filter((v) => !hidden.includes(Math.floor(v / span)));
    const got = withoutRecords([...values], hidden, span);
    assert.deepEqual(got, expected, `span ${span}, values ${values.join(',')}, hidden ${hidden.join(',')}`);
  }
  const untouched = [3, 5, 8];
  assert.equal(withoutRecords(untouched, [4, 9], 1), untouched, 'nothing hidden hit: the same array');
  assert.deepEqual(untouched, [3, 5, 8]);
});
