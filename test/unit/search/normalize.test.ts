import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCjk } from '../../../native/text/cjk.js';
import { normalizeText, normalizeWithMap } from '../../../native/search/normalize.js';
import { runSeed, seededRandom } from '../../harness/random.js';

/**
 * The rules of normalize.ts written the slow, obvious way: NFKC and lower case per character
 * with its combining marks, brackets folded, whitespace dropped next to CJK characters and
 * brackets and kept as one space between other characters, a run of brackets of one side as one. The fast paths must agree with it.
 */
function reference(src: string): string {
  const OPEN = new Set([...'[{〔【〖〘﹝(']);
  const CLOSE = new Set([...']}〕】〗〙﹞)']);
  const drops = (ch: string) => ch === '(' || ch === ')' || isCjk(ch);
  let out = '';
  let last = '';
  let pending = false;
  // An ASCII character is taken alone (a mark after it stays a separate, uncomposed character:
  // a known quirk kept so that existing indexes stay valid); any other with its marks.
  for (const cluster of src.match(/[\0-\x7f]|[^\0-\x7f\p{M}]\p{M}*|\p{M}+/gsu) ?? []) {
    for (let ch of cluster.normalize('NFKC').toLowerCase()) {
      if (/^\s$/u.test(ch) || ch === '\u0085') {
        pending = true;
        continue;
      }
      if (OPEN.has(ch)) ch = '(';
      else if (CLOSE.has(ch)) ch = ')';
      // A run of one side's brackets is one bracket.
      if ((ch === '(' || ch === ')') && ch === last) {
        pending = false;
        continue;
      }
      if (pending && last !== '' && !drops(last) && !drops(ch)) out += ' ';
      pending = false;
      out += ch;
      last = ch;
    }
  }
  return out;
}

test('normalization: the documented cases', () => {
  assert.equal(normalizeText('档 案\n管理'), '档案管理');
  assert.equal(normalizeText('  Hello   World \n'), 'hello world');
  assert.equal(normalizeText('ＡＢＣ１２３，'), 'abc123,');
  assert.equal(normalizeText('京档发【2016] 12号'), '京档发(2016)12号');
  assert.equal(normalizeText('第 3 页 of 5'), '第3页of 5');
  assert.equal(normalizeText('Café́ 档'), 'café́档'.normalize('NFKC'));
  assert.equal(normalizeText('㈱'), '(株)');
  assert.equal(normalizeText('𠀀 𠀁'), '𠀀𠀁');
});

test('normalization: the fast paths agree with the reference and the map points at the source', () => {
  const seed = runSeed();
  const rand = seededRandom(seed);
  const alphabet = [
    ...'档案管理局文件通知关于开展安全检查的', ...'abcXYZ019', ...' \n\t\u3000', ...'，。、：；“”《》（）【】〔〕[]{}()「」『』〈〉—·…‘’',
    ...'ＡＢ１２', '\u0301', '\u0308', '\u3099', 'é', '㈱', '⽇', '兀', '𠀀', '\u00a0', '_', '\\', '~', '^', '|', '@', '*',
  ];
  for (let k = 0; k < 3000; k++) {
    let s = '';
    const len = Math.floor(rand() * 40);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)]!;
    const fast = normalizeText(s);
    assert.equal(fast, reference(s), `seed ${seed}: ${JSON.stringify(s)}`);
    const mapped = normalizeWithMap(s);
    assert.equal(mapped.text, fast, `seed ${seed}: ${JSON.stringify(s)}`);
    assert.equal(mapped.starts.length, fast.length);
    for (let u = 0; u < fast.length; u++) {
      const [a, b] = [mapped.starts[u]!, mapped.ends[u]!];
      assert.ok(a >= 0 && a < b && b <= s.length && (u === 0 || a >= mapped.starts[u - 1]!), `seed ${seed}: unit ${u} of ${JSON.stringify(s)} maps to [${a}, ${b})`);
      // A character that came through unchanged points at itself.
      if (/[\u4e00-\u9fffa-z0-9]/.test(fast[u]!) && b - a === 1 && /[\u4e00-\u9fffa-z0-9]/.test(s[a]!)) assert.equal(s[a], fast[u]);
    }
  }
});
