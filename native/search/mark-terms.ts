/** Characters a person (or OCR) types for the ★ of a 密级 mark. */
const STAR_LIKE = /[☆*＊※]/g;

/** A level, the star, and a period as the extraction writes it (10年, 长期, 2030年12月31日, 启用前). */
const MARK = /^(绝密|机密|秘密)★[0-9\u4e00-\u9fff]{1,16}$/u;

/**
 * The printed form of a 密级 mark with its period when a whole query term is one (秘密★10年,
 * 机密★2030年12月31日, 绝密★长期), compared with the marks extraction stored in that same
 * form (native/extract/classification.ts markValue); null otherwise. A bare level (秘密) stays a
 * plain word: it is common in body text and finds that text as any word does.
 */
export function markOfTerm(term: string): string | null {
  const typed = term.trim().replace(STAR_LIKE, '★');
  return MARK.test(typed) ? typed : null;
}
