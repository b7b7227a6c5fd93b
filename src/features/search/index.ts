// The search index of the content: one document per roadmap, topic and resource, built from the
// catalogue in memory. The content worker builds it once per content version and keeps it in the
// content cache (content/worker.ts); a catalogue without one builds it here.
//
// The index is an inverted index in typed arrays: for each term (a word or its stem), the documents
// holding it and, per document, its BM25 weight summed over the fields with their boosts (title 6,
// summary 3, resources 2, body 1), computed once at build. A query only adds weights up. The terms
// themselves sit in MiniSearch's radix tree (SearchableMap), which finds the terms a half-typed
// word begins and those one edit away. MiniSearch's own index kept a Map per term and field and
// built result objects for every matching document: at 10,000 topics that was 200 MB, a 14 s
// build and p99 over 200 ms (docs/BENCHMARKS.md).
import { LRUCache } from 'lru-cache';
import SearchableMap from 'minisearch/SearchableMap';
import type { Catalog, Roadmap, Topic, TopicResource } from '../../content/model.ts';
import type { TopicTypeName } from '../../content/schema.ts';
import { termsOf } from './words.ts';

export type ContentKind = 'roadmap' | 'topic' | 'resource';

/** Fields in the order they rank: a match in the title counts most, one in the body least. */
export const FIELDS = ['title', 'summary', 'resources', 'body'] as const;
export type FieldName = (typeof FIELDS)[number];
export const BOOST: Record<FieldName, number> = { title: 6, summary: 3, resources: 2, body: 1 };

/** A roadmap, topic or resource as found by search; its text is made again when asked (for snippets). */
export class SearchDocument {
  readonly roadmap: string;
  readonly roadmapTitle: string;
  readonly topicId: string | null;
  readonly topicType: TopicTypeName | null;
  readonly title: string;
  readonly url: string;
  constructor(
    readonly id: number,
    readonly kind: ContentKind,
    private readonly map: Roadmap,
    private readonly topic: Topic | null,
    private readonly resource: TopicResource | null,
  ) {
    this.roadmap = map.slug;
    this.roadmapTitle = map.title;
    this.topicId = topic?.id ?? null;
    this.topicType = topic?.type ?? null;
    this.title = resource?.title ?? topic?.title ?? map.title;
    this.url = resource?.url ?? (topic ? `/roadmaps/${map.slug}/${topic.id}` : `/roadmaps/${map.slug}`);
  }

  /** The text of each field, so the index keeps no copy of it. */
  text(): Record<FieldName, string> {
    const { map, topic, resource } = this;
    if (resource && topic)
      return {
        title: resource.title,
        summary: `${siteOf(resource.url)} · ${resource.kind}`,
        resources: '',
        body: `From the topic ${topic.title}`,
      };
    if (topic)
      return {
        title: topic.title,
        summary: topic.summary,
        resources: topic.resources.map((r) => `${r.title} (${siteOf(r.url)})`).join(' · '),
        body: [textOfHtml(topic.bodyHtml), ...topic.check.map((c) => c.question)].join(' '),
      };
    return {
      title: map.title,
      summary: `${map.subtitle} ${map.description}`,
      resources: '',
      body: [...map.sections.map((s) => s.title), ...map.faq.flatMap((f) => [f.question, f.answer])].join(
        ' ',
      ),
    };
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
/** The words of rendered Markdown, for indexing and snippets. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] as string)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The host of an address, without "www." (a pattern: new URL for every resource cost a second at 10,000 topics). */
const siteOf = (url: string) =>
  /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:www\.)?([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';

/** The text of a document's fields, from the index's cache of them. */
export function textOf(index: ContentIndex, doc: SearchDocument): Record<FieldName, string> {
  let text = index.texts.get(doc.id);
  if (!text) {
    const fields = doc.text();
    // Spaces made single once, as snippets want them.
    text = {
      title: fields.title,
      summary: fields.summary.replace(/\s+/g, ' ').trim(),
      resources: fields.resources.replace(/\s+/g, ' ').trim(),
      body: fields.body.replace(/\s+/g, ' ').trim(),
    };
    index.texts.set(doc.id, text);
  }
  return text;
}

/** Every searchable document of the catalogue, in a fixed order (ids are positions). */
export function searchDocuments(catalog: Catalog): SearchDocument[] {
  const documents: SearchDocument[] = [];
  for (const roadmap of catalog.roadmaps) {
    documents.push(new SearchDocument(documents.length, 'roadmap', roadmap, null, null));
    // A resource already listed by an earlier topic of the roadmap is not repeated.
    const seenUrls = new Set<string>();
    for (const topic of roadmap.topics) {
      documents.push(new SearchDocument(documents.length, 'topic', roadmap, topic, null));
      for (const resource of topic.resources) {
        if (seenUrls.has(resource.url)) continue;
        seenUrls.add(resource.url);
        documents.push(new SearchDocument(documents.length, 'resource', roadmap, topic, resource));
      }
    }
  }
  return documents;
}

/** The index as the content cache keeps it (node:v8 serialises typed arrays as they are). */
export interface SerialisedIndex {
  version: 1;
  /** Every term, in term-id order. */
  terms: string[];
  /** Term t's postings are [offsets[t], offsets[t + 1]) of docs and weights. */
  offsets: Uint32Array;
  docs: Uint32Array;
  /** BM25's term-frequency part, field boosts included; the inverse document frequency comes at query time. */
  weights: Float32Array;
}

export interface ContentIndex extends SerialisedIndex {
  documents: SearchDocument[];
  /** The text of the documents last shown (making a topic's text from its HTML is most of a snippet's cost). */
  texts: LRUCache<number, Record<FieldName, string>>;
  /** Term → term id, for exact, prefix and one-edit look-ups. */
  termIds: SearchableMap<number>;
}

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

// BM25's usual constants (those MiniSearch uses).
const K1 = 1.2;
const B = 0.7;

/** A growable Uint32Array. */
class Column {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/** The index of the documents: one pass over their words, then the postings grouped by term. */
export function indexDocuments(documents: SearchDocument[]): SerialisedIndex {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // Each distinct word is looked up once: the term ids it is indexed under.
  const wordTerms = new Map<string, number[]>();
  const termsOfWord = (word: string): number[] => {
    let ids = wordTerms.get(word);
    if (ids === undefined) {
      ids = termsOf(word).map((term) => {
        let id = termIds.get(term);
        if (id === undefined) {
          id = terms.length;
          termIds.set(term, id);
          terms.push(term);
        }
        return id;
      });
      wordTerms.set(word, ids);
    }
    return ids;
  };
  // One row per (document, field, term): its term-frequency in that field.
  const rowTerm = new Column();
  const rowDoc = new Column();
  const rowFieldCount = new Column(); // field << 24 | count
  const fieldLengths = FIELDS.map(() => new Uint32Array(documents.length));
  // The counts of the field being read, by term id, and which terms it has.
  let count = new Uint32Array(1 << 16);
  const seen: number[] = [];
  for (const doc of documents) {
    const text = doc.text();
    for (let f = 0; f < FIELDS.length; f++) {
      for (const word of text[FIELDS[f] as FieldName].toLowerCase().split(WORD_SEPARATORS)) {
        if (!word) continue;
        for (const id of termsOfWord(word)) {
          if (id >= count.length) {
            const bigger = new Uint32Array(count.length * 2);
            bigger.set(count);
            count = bigger;
          }
          if ((count[id] as number) === 0) seen.push(id);
          (count[id] as number)++;
        }
      }
      // A field's length is its count of distinct terms, as MiniSearch counted it.
      (fieldLengths[f] as Uint32Array)[doc.id] = seen.length;
      for (const id of seen) {
        rowTerm.push(id);
        rowDoc.push(doc.id);
        rowFieldCount.push((f << 24) | Math.min(count[id] as number, 0xffffff));
        count[id] = 0;
      }
      seen.length = 0;
    }
  }
  const averages = fieldLengths.map(
    (lengths) => lengths.reduce((sum, n) => sum + n, 0) / lengths.length || 1,
  );

  // Rows grouped by term (a counting sort keeps the documents in order within a term).
  const rows = rowTerm.length;
  const starts = new Uint32Array(terms.length + 1);
  for (let r = 0; r < rows; r++) (starts[(rowTerm.data[r] as number) + 1] as number)++;
  for (let t = 0; t < terms.length; t++) (starts[t + 1] as number) += starts[t] as number;
  const fill = starts.slice(0, terms.length);
  const order = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) order[(fill[rowTerm.data[r] as number] as number)++] = r;

  // One posting per (term, document): the rows of its fields summed.
  const offsets = new Uint32Array(terms.length + 1);
  const docs = new Uint32Array(rows);
  const weights = new Float32Array(rows);
  let postings = 0;
  for (let t = 0; t < terms.length; t++) {
    offsets[t] = postings;
    let last = -1;
    for (let i = starts[t] as number; i < (starts[t + 1] as number); i++) {
      const r = order[i] as number;
      const doc = rowDoc.data[r] as number;
      const packed = rowFieldCount.data[r] as number;
      const f = packed >>> 24;
      const tf = packed & 0xffffff;
      const length = (fieldLengths[f] as Uint32Array)[doc] as number;
      const weight =
        (BOOST[FIELDS[f] as FieldName] * (tf * (K1 + 1))) /
        (tf + K1 * (1 - B + (B * length) / (averages[f] as number)));
      if (doc !== last) {
        docs[postings] = doc;
        weights[postings] = weight;
        postings++;
        last = doc;
      } else (weights[postings - 1] as number) += weight;
    }
  }
  offsets[terms.length] = postings;
  return { version: 1, terms, offsets, docs: docs.slice(0, postings), weights: weights.slice(0, postings) };
}

function withDocuments(catalog: Catalog, index: SerialisedIndex, documents = searchDocuments(catalog)) {
  const termIds = new SearchableMap<number>();
  index.terms.forEach((term, id) => {
    termIds.set(term, id);
  });
  return {
    ...index,
    documents,
    termIds,
    texts: new LRUCache<number, Record<FieldName, string>>({ max: 1000 }),
  };
}

export function buildContentIndex(catalog: Catalog): ContentIndex {
  const documents = searchDocuments(catalog);
  return withDocuments(catalog, indexDocuments(documents), documents);
}

/** The index to keep in the content cache. */
export const serialiseContentIndex = (catalog: Catalog): SerialisedIndex => {
  const { version, terms, offsets, docs, weights } = buildContentIndex(catalog);
  return { version, terms, offsets, docs, weights };
};

/** The index of the catalogue from its kept copy (serialiseContentIndex). */
export const loadContentIndex = (catalog: Catalog, serialised: SerialisedIndex): ContentIndex =>
  withDocuments(catalog, serialised);

const indexes = new WeakMap<Catalog, ContentIndex>();

/** The index of this catalogue: loaded from its kept copy when it has one, built otherwise. */
export function contentIndexOf(catalog: Catalog): ContentIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index =
      catalog.searchIndex?.version === 1
        ? loadContentIndex(catalog, catalog.searchIndex)
        : buildContentIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

/** A term of the index to look for, and how much a match on it counts (1 for the word itself). */
export type Expansion = Map<number, number>;

/** Adds a term with a weight, keeping the higher weight when it is already there. */
export function expand(expansion: Expansion, id: number, weight: number) {
  if ((expansion.get(id) ?? 0) < weight) expansion.set(id, weight);
}

/** The documents that matched a query, in index order, with their scores. */
export interface Matches {
  docs: Uint32Array;
  scores: Float64Array;
}

/**
 * The documents matching every one of the expansions (one per query word) that `keep` keeps, with
 * their scores: per word, the weight of each matching term times its inverse document frequency,
 * summed over the words.
 */
export function matchAll(index: ContentIndex, words: Expansion[], keep: (doc: number) => boolean): Matches {
  const n = index.documents.length;
  const score = new Float64Array(n);
  // How many of the words each document has matched so far.
  const matched = new Uint8Array(n);
  let candidates: number[] = [];
  words.forEach((expansion, w) => {
    const found: number[] = [];
    for (const [term, weight] of expansion) {
      const from = index.offsets[term] as number;
      const to = index.offsets[term + 1] as number;
      const df = to - from;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = from; i < to; i++) {
        const doc = index.docs[i] as number;
        const before = matched[doc] as number;
        // Only documents that matched every word before this one stay in the running.
        if (before === w) {
          matched[doc] = w + 1;
          found.push(doc);
        } else if (before !== w + 1) continue;
        (score[doc] as number) += weight * idf * (index.weights[i] as number);
      }
    }
    candidates = found;
  });
  const kept = candidates.filter(keep).sort((a, b) => a - b);
  const docs = Uint32Array.from(kept);
  const scores = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) scores[i] = score[docs[i] as number] as number;
  return { docs, scores };
}

/**
 * The positions (into matches) of the `count` best after skipping `offset`, best first, ties in
 * index order; `factor` scales a document's score (the learner's own roadmaps). One pass keeping
 * the best offset + count, so a word found in thousands of documents does not sort them all.
 */
export function bestOf(
  matches: Matches,
  offset: number,
  count: number,
  factor: (doc: number) => number = () => 1,
): { at: number; score: number }[] {
  if (count <= 0) return [];
  const want = offset + count;
  const best: { at: number; score: number }[] = [];
  const worse = (a: { at: number; score: number }, b: { at: number; score: number }) =>
    a.score < b.score || (a.score === b.score && a.at > b.at);
  for (let at = 0; at < matches.docs.length; at++) {
    const entry = { at, score: (matches.scores[at] as number) * factor(matches.docs[at] as number) };
    if (best.length === want && !worse(best[want - 1] as { at: number; score: number }, entry)) continue;
    // Insertion into the sorted list (it holds at most offset + count entries).
    let i = best.length;
    while (i > 0 && worse(best[i - 1] as { at: number; score: number }, entry)) i--;
    best.splice(i, 0, entry);
    if (best.length > want) best.pop();
  }
  return best.slice(offset);
}
