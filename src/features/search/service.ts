// Search: the content index (titles, summaries, topic text, resources, FAQ) and, for a signed-in
// learner, their own notes. Typos (one edit in words of 5+ letters), half-typed words and English
// word forms all match; a match in a title counts most, one in the body least.
import { LRUCache } from 'lru-cache';
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { effectiveStatuses } from '../progress/effective.ts';
import type { LearnerRecords } from '../progress/records.ts';
import type { TopicStatus } from '../progress/rules.ts';
import {
  bestOf,
  type ContentIndex,
  contentIndexOf,
  type Expansion,
  expand,
  FIELDS,
  type Matches,
  matchAll,
  type SearchDocument,
  textOf,
} from './index.ts';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_QUERY_LENGTH,
  type SearchKindName,
  type SearchQuery,
  type SearchReply,
  type SearchResult,
} from './schema.ts';
import { firstMatch, matcherOfPrefixes, matcherOfTerms, snippetHtml, type WordMatcher } from './snippet.ts';
import { searchNotes } from './store.ts';
import { queryWords, termsOf } from './words.ts';

/** Notes found at most per query: a learner has one per topic, and reads the first few. */
const MAX_NOTES = 50;
/** Roadmaps the learner has progress on come slightly first. */
const OWN_ROADMAP_BOOST = 1.2;

export interface SearchRequest {
  q: string;
  words: string[];
  roadmap?: string | undefined;
  kind?: SearchKindName | undefined;
  limit: number;
  offset: number;
}

function wholeNumber(value: string | undefined, name: string, min: number, max: number, fallback: number) {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max))
    throw new AppError('invalid', `${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}

/** The query string checked: a query of some words, a known roadmap, a limit and offset in range. */
export function searchRequestOf(catalog: Catalog, query: SearchQuery): SearchRequest {
  const q = query.q.trim();
  if (q === '') throw new AppError('invalid', 'q must not be empty: say what to look for');
  if (q.length > MAX_QUERY_LENGTH)
    throw new AppError('invalid', `q must be at most ${MAX_QUERY_LENGTH} characters`);
  if (query.roadmap && !catalog.bySlug.has(query.roadmap))
    throw new AppError('not_found', `There is no roadmap "${query.roadmap}"`);
  return {
    q,
    words: queryWords(q),
    roadmap: query.roadmap,
    kind: query.kind,
    limit: wholeNumber(query.limit, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT),
    offset: wholeNumber(query.offset, 'offset', 0, 10_000, 0),
  };
}

// How much a near match counts against the word itself (1): MiniSearch's weights, which the
// ranking was tuned with.
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const SHORTENED_PREFIX_WEIGHT = 0.3;

/**
 * One word of the query, as the index is asked for it: the word (with one edit allowed from 5
 * letters on) and its stem. Only the last word, the one still being typed, also matches any word
 * it begins and, from 5 letters on, any word beginning with all but its last letter ("postgress"
 * finds "PostgreSQL"); the words before it are finished, and prefix search over them only costs
 * time and brings noise.
 */
function wordExpansion(index: ContentIndex, word: string, last: boolean): Expansion {
  const expansion: Expansion = new Map();
  const [, stem] = termsOf(word);
  const long = word.length >= 5;
  const exact = (term: string) => {
    const id = index.termIds.get(term);
    if (id !== undefined) expand(expansion, id, 1);
  };
  const prefixed = (start: string, weight: number) => {
    for (const [term, id] of index.termIds.atPrefix(start)) {
      const distance = term.length - start.length;
      if (distance > 0) expand(expansion, id, (weight * term.length) / (term.length + 0.3 * distance));
    }
  };
  exact(word);
  if (stem) exact(stem);
  if (long)
    for (const [term, [id, distance]] of index.termIds.fuzzyGet(word, 1))
      if (distance > 0) expand(expansion, id, (FUZZY_WEIGHT * term.length) / (term.length + distance));
  if (last) {
    prefixed(word, PREFIX_WEIGHT);
    if (stem) prefixed(stem, PREFIX_WEIGHT);
    if (long) prefixed(word.slice(0, -1), SHORTENED_PREFIX_WEIGHT);
  }
  return expansion;
}

/** The content hits of a query, which words of a text are among the terms it matched, and the snippets made. */
interface ContentHits extends Matches {
  matches: WordMatcher;
  snippets: Map<number, string>;
}

/**
 * Content results by content version, query words and filters: the same few queries come again
 * and again (type-ahead, popular words), and the content only changes with a new version. Only
 * what is the same for everyone is kept; notes, statuses and the learner's own-roadmap boost are
 * merged in per request.
 */
const contentCache = new LRUCache<string, ContentHits>({ max: 500 });

function contentHits(catalog: Catalog, request: SearchRequest): ContentHits {
  const key = [catalog.version, request.words.join(' '), request.roadmap ?? '', request.kind ?? ''].join(
    '\0',
  );
  const cached = contentCache.get(key);
  if (cached) return cached;
  const index = contentIndexOf(catalog);
  const { documents } = index;
  const expansions = request.words.map((word, i) =>
    wordExpansion(index, word, i === request.words.length - 1),
  );
  const hits = matchAll(index, expansions, (id) => {
    const doc = documents[id] as SearchDocument;
    return (
      (!request.roadmap || doc.roadmap === request.roadmap) && (!request.kind || doc.kind === request.kind)
    );
  });
  const terms = expansions.flatMap((expansion) =>
    [...expansion.keys()].map((id) => index.terms[id] as string),
  );
  const found = { ...hits, matches: matcherOfTerms(terms), snippets: new Map<number, string>() };
  contentCache.set(key, found);
  return found;
}

/** The text a snippet is cut from: the first field, after the title, holding a match. */
function snippetOf(index: ContentIndex, doc: SearchDocument, matches: WordMatcher): string {
  const text = textOf(index, doc);
  for (const field of FIELDS) {
    if (field === 'title') continue;
    const at = firstMatch(text[field], matches);
    if (at >= 0) return snippetHtml(text[field], matches, undefined, at);
  }
  return snippetHtml(text.summary, matches);
}

export interface Searcher {
  catalog: Catalog;
  db: Db;
  /** The signed-in learner, whose notes are searched and whose statuses are shown. */
  learner?: { id: string; records: LearnerRecords } | undefined;
}

export async function search(searcher: Searcher, request: SearchRequest): Promise<SearchReply> {
  const { catalog, learner } = searcher;
  const ownRoadmaps = new Set(learner?.records.statuses.map((row) => row.roadmap));
  const statuses = new Map<string, Record<string, { status: TopicStatus }>>();
  const statusOf = (slug: string, topicId: string | null): TopicStatus | null => {
    const roadmap = catalog.bySlug.get(slug);
    if (!learner || !topicId || !roadmap) return null;
    let forRoadmap = statuses.get(slug);
    if (!forRoadmap) {
      forRoadmap = effectiveStatuses(catalog, roadmap, learner.records.statuses);
      statuses.set(slug, forRoadmap);
    }
    return forRoadmap[topicId]?.status ?? 'pending';
  };

  // The learner's own notes come first: they are their own words for what they look for.
  const notes: SearchResult[] = [];
  if (learner && (!request.kind || request.kind === 'note')) {
    const hits = await searchNotes(searcher.db, learner.id, request.words, {
      roadmap: request.roadmap,
      limit: MAX_NOTES,
    });
    const matches = matcherOfPrefixes(request.words);
    for (const hit of hits) {
      const roadmap = catalog.bySlug.get(hit.roadmap);
      const topic = roadmap?.topicById.get(hit.topicId);
      // A note on a topic the content no longer has stays in the account (export), not in search.
      if (!roadmap || !topic) continue;
      notes.push({
        kind: 'note',
        roadmap: roadmap.slug,
        roadmapTitle: roadmap.title,
        topicId: topic.id,
        title: `Note on ${topic.title}`,
        snippetHtml: snippetHtml(hit.markdown, matches),
        url: `/roadmaps/${roadmap.slug}/${topic.id}#note-${topic.id}`,
        score: hit.rank,
        topicType: topic.type,
        status: statusOf(roadmap.slug, topic.id),
      });
    }
  }

  const index = contentIndexOf(catalog);
  const { documents } = index;
  const content = request.kind === 'note' ? undefined : contentHits(catalog, request);
  const total = notes.length + (content?.docs.length ?? 0);
  const page: SearchResult[] = notes.slice(request.offset, request.offset + request.limit);
  const from = Math.max(0, request.offset - notes.length);
  if (!content) return { query: request.q, total, results: page };
  // The learner's own roadmaps come slightly first.
  const factor =
    ownRoadmaps.size === 0
      ? undefined
      : (id: number) => (ownRoadmaps.has((documents[id] as SearchDocument).roadmap) ? OWN_ROADMAP_BOOST : 1);
  // Snippets only for the page shown, and made once per cached hit.
  for (const { at, score } of bestOf(content, from, request.limit - page.length, factor)) {
    const id = content.docs[at] as number;
    const doc = documents[id] as SearchDocument;
    let snippet = content.snippets.get(id);
    if (snippet === undefined) {
      snippet = snippetOf(index, doc, content.matches);
      content.snippets.set(id, snippet);
    }
    page.push({
      kind: doc.kind,
      roadmap: doc.roadmap,
      roadmapTitle: doc.roadmapTitle,
      topicId: doc.topicId,
      title: doc.title,
      snippetHtml: snippet,
      url: doc.url,
      score: Math.round(score * 1000) / 1000,
      topicType: doc.topicType,
      status: doc.kind === 'topic' ? statusOf(doc.roadmap, doc.topicId) : null,
    });
  }
  return { query: request.q, total, results: page };
}
