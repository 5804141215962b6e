// Han, kana, hangul, bopomofo, CJK punctuation and full-width forms, plus marks Chinese text
// uses between characters (curly quotes, ellipsis, dashes, middle dot): a space touching any of
// them is a tesseract artefact.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef\ufe30-\ufe4f\u2018-\u201d\u2026\u2014\u2015\u00b7\u2e3a\u2e3b]/u;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

