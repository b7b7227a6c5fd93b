// One search result, as the results page lists it: title link, what it is and where, the snippet.
import { TYPE_LABEL } from '../../roadmaps/views/labels.ts';
import type { SearchResult } from '../schema.ts';

export const KIND_LABEL: Record<SearchResult['kind'], string> = {
  roadmap: 'Roadmap',
  topic: 'Topic',
  resource: 'Resource',
  note: 'My note',
};

const STATUS_LABEL = { pending: 'Not started', learning: 'Learning', done: 'Done', skipped: 'Skipped' };

export function SearchResultItem({ result }: { result: SearchResult }) {
  const external = result.kind === 'resource';
  const meta = [
    KIND_LABEL[result.kind],
    result.kind === 'roadmap' ? null : result.roadmapTitle,
    result.topicType && result.kind !== 'resource' ? TYPE_LABEL[result.topicType] : null,
    result.status && result.status !== 'pending' ? STATUS_LABEL[result.status] : null,
  ].filter(Boolean);
  return (
    <li class={`search-result search-result--${result.kind}`}>
      <a
        class="search-result__title"
        href={result.url}
        rel={external ? 'noopener noreferrer' : undefined}
        data-search-kind={result.kind}
      >
        {result.title}
      </a>
      <span class="search-result__meta">{meta.join(' · ')}</span>
      {/* Escaped text with <mark> only: built by snippet.ts. */}
      <p class="search-result__snippet" dangerouslySetInnerHTML={{ __html: result.snippetHtml }} />
    </li>
  );
}
