// snippetHtml: a piece of text with the matching words in <mark>. The text is escaped first and
// <mark> is the only markup ever added, so a snippet is safe to insert as HTML.
import { termsOf } from './words.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** Whether a word of the text is one of the matches: by its own terms, or as the start of one. */
export type WordMatcher = (word: string) => boolean;

/** Matches a word whose term (itself or its stem) is one the index matched. */
export function matcherOfTerms(matched: Iterable<string>): WordMatcher {
  const set = new Set(matched);
  // A text repeats its words: each is looked up once.
  const known = new Map<string, boolean>();
  return (word) => {
    let found = known.get(word);
    if (found === undefined) {
      found = termsOf(word).some((term) => set.has(term));
      if (known.size < 10_000) known.set(word, found);
    }
    return found;
  };
}

/** Matches a word that begins with one of the query's words or their stems (prefix search). */
export function matcherOfPrefixes(queryWords: string[]): WordMatcher {
  const starts = queryWords.flatMap((word) => termsOf(word).concat(word.toLowerCase()));
  return (word) => {
    const lower = word.toLowerCase();
    return starts.some((start) => lower.startsWith(start));
  };
}

/** The first offset of a matching word, or -1. */
export function firstMatch(text: string, matches: WordMatcher): number {
  for (const found of text.matchAll(WORD)) if (matches(found[0])) return found.index;
  return -1;
}

/**
 * About `length` characters of `text` around its first match, escaped, matches in <mark>.
 * Cut at spaces, with "…" where text was left out. `at`: where the first match is, when the caller
 * already looked (in `text` with its spaces already single).
 */
export function snippetHtml(text: string, matches: WordMatcher, length = 180, at?: number): string {
  const flat = at === undefined ? text.replace(/\s+/g, ' ').trim() : text;
  let start = 0;
  let end = flat.length;
  if (flat.length > length) {
    const first = Math.max(0, at ?? firstMatch(flat, matches));
    start = first < length / 3 ? 0 : flat.lastIndexOf(' ', first - Math.floor(length / 3)) + 1;
    end = Math.min(flat.length, start + length);
    if (end < flat.length) {
      const space = flat.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
  }
  const piece = flat.slice(start, end);
  let html = '';
  let last = 0;
  for (const found of piece.matchAll(WORD)) {
    if (!matches(found[0])) continue;
    html += `${escapeHtml(piece.slice(last, found.index))}<mark>${escapeHtml(found[0])}</mark>`;
    last = found.index + found[0].length;
  }
  html += escapeHtml(piece.slice(last));
  return `${start > 0 ? '…' : ''}${html}${end < flat.length ? '…' : ''}`;
}
