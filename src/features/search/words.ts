// How text becomes searchable words, the same way for the index, the queries and the highlighting:
// split on anything that is not a letter or digit, lower-cased, each word also as its English stem
// ("caching" and "cache" both give "cach"), and the commonest English words left out.
import { stemmer } from 'stemmer';

const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have how i if in into is it its of on or so that the their then there these this to was what when which who why will with you your'.split(
    ' ',
  ),
);

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, lower-cased, in order (stop words included). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export const isStopWord = (word: string) => STOP_WORDS.has(word);

// The content has a few thousand distinct words and repeats them a hundred thousand times.
const stems = new Map<string, string>();
const MAX_KEPT_STEMS = 100_000;

/** The terms a word is indexed under: itself and its stem when that differs. */
export function termsOf(word: string): string[] {
  const lower = word.toLowerCase();
  if (isStopWord(lower)) return [];
  let stem = stems.get(lower);
  if (stem === undefined) {
    // Digits and words of other scripts are kept as they are: the stemmer is for English words.
    stem = /^[a-z]+$/.test(lower) ? stemmer(lower) : lower;
    if (stems.size < MAX_KEPT_STEMS) stems.set(lower, stem);
  }
  return stem === lower ? [lower] : [lower, stem];
}

/** The words of a query worth searching for: no stop words (unless that leaves none), no repeats. */
export function queryWords(query: string): string[] {
  const all = [...new Set(wordsOf(query))];
  const meaningful = all.filter((word) => !isStopWord(word));
  return (meaningful.length > 0 ? meaningful : all).slice(0, 12);
}
