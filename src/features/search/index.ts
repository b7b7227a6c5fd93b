// The search index of the content: one document per roadmap, topic and resource, built from the
// catalogue in memory. The content worker builds it once per content version and keeps it,
// serialised, in the content cache (content/worker.ts); a catalogue without one builds it here.
import MiniSearch, { type Options } from 'minisearch';
import type { Catalog, Roadmap, Topic } from '../../content/model.ts';
import type { TopicTypeName } from '../../content/schema.ts';
import { termsOf } from './words.ts';

export type ContentKind = 'roadmap' | 'topic' | 'resource';

export interface SearchDocument {
  id: number;
  kind: ContentKind;
  roadmap: string;
  roadmapTitle: string;
  topicId: string | null;
  topicType: TopicTypeName | null;
  title: string;
  /** Fields in the order they rank: a match in the title counts most, one in the body least. */
  summary: string;
  resources: string;
  body: string;
  url: string;
}

export const FIELDS = ['title', 'summary', 'resources', 'body'] as const;
export const BOOST = { title: 6, summary: 3, resources: 2, body: 1 };

const OPTIONS: Options<SearchDocument> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean),
  // Indexing: each word under itself and its stem. Queries are expanded by the service instead
  // (service.ts), so at search time a term is taken as it is.
  processTerm: (term) => termsOf(term),
  searchOptions: { processTerm: (term) => term },
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
/** The words of rendered Markdown, for indexing and snippets. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] as string)
    .replace(/\s+/g, ' ')
    .trim();
}

const siteOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
};

/** The topic and its resources; a resource already listed by an earlier topic of the roadmap is not repeated. */
function topicDocuments(
  roadmap: Roadmap,
  topic: Topic,
  next: () => number,
  seenUrls: Set<string>,
): SearchDocument[] {
  const base = {
    roadmap: roadmap.slug,
    roadmapTitle: roadmap.title,
    topicId: topic.id,
    topicType: topic.type,
  };
  const url = `/roadmaps/${roadmap.slug}/${topic.id}`;
  const topicDoc: SearchDocument = {
    ...base,
    id: next(),
    kind: 'topic',
    title: topic.title,
    summary: topic.summary,
    resources: topic.resources.map((r) => `${r.title} (${siteOf(r.url)})`).join(' · '),
    body: [textOfHtml(topic.bodyHtml), ...topic.check.map((c) => c.question)].join(' '),
    url,
  };
  const fresh = topic.resources.filter((resource) => !seenUrls.has(resource.url));
  for (const resource of fresh) seenUrls.add(resource.url);
  const resourceDocs = fresh.map(
    (resource): SearchDocument => ({
      ...base,
      id: next(),
      kind: 'resource',
      title: resource.title,
      summary: `${siteOf(resource.url)} · ${resource.kind}`,
      resources: '',
      body: `From the topic ${topic.title}`,
      url: resource.url,
    }),
  );
  return [topicDoc, ...resourceDocs];
}

/** Every searchable document of the catalogue, in a fixed order (ids are positions). */
export function searchDocuments(catalog: Catalog): SearchDocument[] {
  const documents: SearchDocument[] = [];
  let count = 0;
  const next = () => count++;
  for (const roadmap of catalog.roadmaps) {
    documents.push({
      id: next(),
      kind: 'roadmap',
      roadmap: roadmap.slug,
      roadmapTitle: roadmap.title,
      topicId: null,
      topicType: null,
      title: roadmap.title,
      summary: `${roadmap.subtitle} ${roadmap.description}`,
      resources: '',
      body: [
        ...roadmap.sections.map((s) => s.title),
        ...roadmap.faq.flatMap((f) => [f.question, f.answer]),
      ].join(' '),
      url: `/roadmaps/${roadmap.slug}`,
    });
    const seenUrls = new Set<string>();
    for (const topic of roadmap.topics) {
      for (const doc of topicDocuments(roadmap, topic, next, seenUrls)) documents.push(doc);
    }
  }
  return documents;
}

export interface ContentIndex {
  documents: SearchDocument[];
  miniSearch: MiniSearch<SearchDocument>;
}

export function buildContentIndex(catalog: Catalog): ContentIndex {
  const documents = searchDocuments(catalog);
  const miniSearch = new MiniSearch<SearchDocument>(OPTIONS);
  miniSearch.addAll(documents);
  return { documents, miniSearch };
}

/** The index as text, to keep in the content cache. */
export const serialiseContentIndex = (catalog: Catalog) =>
  JSON.stringify(buildContentIndex(catalog).miniSearch);

/** The index of the catalogue from its serialised copy (serialiseContentIndex). */
export const loadContentIndex = (catalog: Catalog, serialised: string): ContentIndex => ({
  documents: searchDocuments(catalog),
  miniSearch: MiniSearch.loadJSON(serialised, OPTIONS),
});

const indexes = new WeakMap<Catalog, ContentIndex>();

/** The index of this catalogue: loaded from its serialised copy when it has one, built otherwise. */
export function contentIndexOf(catalog: Catalog): ContentIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = catalog.searchIndex ? loadContentIndex(catalog, catalog.searchIndex) : buildContentIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
