// Search: the content index (titles, summaries, topic text, resources, FAQ) and, for a signed-in
// learner, their own notes. Typos (one edit in words of 5+ letters), half-typed words and English
// word forms all match; a match in a title counts most, one in the body least.
import { LRUCache } from 'lru-cache';
import type { SearchResult as IndexHit, Query } from 'minisearch';
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { effectiveStatuses } from '../progress/effective.ts';
import type { LearnerRecords } from '../progress/records.ts';
import type { TopicStatus } from '../progress/rules.ts';
import { BOOST, contentIndexOf, FIELDS, type SearchDocument } from './index.ts';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_QUERY_LENGTH,
  type SearchKindName,
  type SearchQuery,
  type SearchReply,
  type SearchResult,
} from './schema.ts';
import { matcherOfPrefixes, matcherOfTerms, snippetHtml } from './snippet.ts';
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

/**
 * One word of the query, as the index is asked for it: the word (with one edit allowed from 5
 * letters on) and its stem. Only the last word, the one still being typed, also matches any word
 * it begins and, from 5 letters on, any word beginning with all but its last letter ("postgress"
 * finds "PostgreSQL"); the words before it are finished, and prefix search over them only costs
 * time and brings noise.
 */
function wordQuery(word: string, last: boolean): Query {
  const [, stem] = termsOf(word);
  const long = word.length >= 5;
  const queries: Query[] = [{ queries: [word], prefix: last, fuzzy: long ? 1 : false, maxFuzzy: 1 }];
  if (stem) queries.push({ queries: [stem], prefix: last });
  if (long && last)
    queries.push({ queries: [word.slice(0, -1)], prefix: true, weights: { fuzzy: 0, prefix: 0.3 } });
  return { combineWith: 'OR', queries };
}

/** A content hit as kept in the cache: which document, how well it matched, and its snippet once made. */
interface ContentHit {
  id: number;
  score: number;
  hit: IndexHit;
  snippet?: string;
}

/**
 * Content results by content version, query words and filters: the same few queries come again
 * and again (type-ahead, popular words), and the content only changes with a new version. Only
 * what is the same for everyone is kept; notes, statuses and the learner's own-roadmap boost are
 * merged in per request.
 */
const contentCache = new LRUCache<string, ContentHit[]>({ max: 500 });

function contentHits(catalog: Catalog, request: SearchRequest): ContentHit[] {
  const key = [catalog.version, request.words.join(' '), request.roadmap ?? '', request.kind ?? ''].join(
    '\0',
  );
  const cached = contentCache.get(key);
  if (cached) return cached;
  const { documents, miniSearch } = contentIndexOf(catalog);
  const kinds = request.kind ? new Set([request.kind]) : undefined;
  const hits = miniSearch.search(
    {
      combineWith: 'AND',
      queries: request.words.map((word, i) => wordQuery(word, i === request.words.length - 1)),
    },
    {
      boost: BOOST,
      filter: (hit) => {
        const doc = documents[hit.id as number] as SearchDocument;
        return (!request.roadmap || doc.roadmap === request.roadmap) && (!kinds || kinds.has(doc.kind));
      },
    },
  );
  const found = hits.map((hit) => ({ id: hit.id as number, score: hit.score, hit }));
  contentCache.set(key, found);
  return found;
}

/** The hits with the learner's own roadmaps slightly first (MiniSearch's boostDocument, applied after). */
function withOwnRoadmaps(hits: ContentHit[], documents: SearchDocument[], ownRoadmaps: Set<string>) {
  const ranked = hits.map((entry) => {
    const own = ownRoadmaps.has((documents[entry.id] as SearchDocument).roadmap);
    return { entry, score: own ? entry.score * OWN_ROADMAP_BOOST : entry.score };
  });
  return ownRoadmaps.size === 0 ? ranked : ranked.sort((a, b) => b.score - a.score);
}

/** The text a snippet is cut from: the first field, after the title, holding a match. */
function snippetOf(doc: SearchDocument, hit: IndexHit): string {
  const fields = new Set(Object.values(hit.match).flat());
  const matches = matcherOfTerms(hit.terms);
  const field = FIELDS.find((name) => name !== 'title' && fields.has(name));
  if (!field) return snippetHtml(doc.summary, matches);
  return snippetHtml(doc[field], matches);
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

  const documents = contentIndexOf(catalog).documents;
  const ranked =
    request.kind === 'note' ? [] : withOwnRoadmaps(contentHits(catalog, request), documents, ownRoadmaps);
  const total = notes.length + ranked.length;
  const page: SearchResult[] = notes.slice(request.offset, request.offset + request.limit);
  const from = Math.max(0, request.offset - notes.length);
  // Snippets only for the page shown, and made once per cached hit.
  for (const { entry, score } of ranked.slice(from, from + request.limit - page.length)) {
    const doc = documents[entry.id] as SearchDocument;
    entry.snippet ??= snippetOf(doc, entry.hit);
    page.push({
      kind: doc.kind,
      roadmap: doc.roadmap,
      roadmapTitle: doc.roadmapTitle,
      topicId: doc.topicId,
      title: doc.title,
      snippetHtml: entry.snippet,
      url: doc.url,
      score: Math.round(score * 1000) / 1000,
      topicType: doc.topicType,
      status: doc.kind === 'topic' ? statusOf(doc.roadmap, doc.topicId) : null,
    });
  }
  return { query: request.q, total, results: page };
}
