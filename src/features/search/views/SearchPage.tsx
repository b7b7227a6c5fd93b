// /search: the full results page, working without JavaScript (the header field submits to it).
import type { Catalog } from '../../../content/model.ts';
import { Layout, type PageAssets, plural, type Viewer } from '../../../views/Layout.tsx';
import type { SearchReply } from '../schema.ts';
import { SearchResultItem } from './SearchResultItem.tsx';

export interface SearchPageProps {
  catalog: Catalog;
  assets: PageAssets;
  viewer?: Viewer | undefined;
  q: string;
  roadmap?: string | undefined;
  page: number;
  perPage: number;
  /** Absent before anything was asked. */
  reply?: SearchReply | undefined;
}

function pageHref(q: string, roadmap: string | undefined, page: number) {
  const params = new URLSearchParams({ q });
  if (roadmap) params.set('roadmap', roadmap);
  if (page > 1) params.set('page', String(page));
  return `/search?${params}`;
}

export function SearchPage({ catalog, assets, viewer, q, roadmap, page, perPage, reply }: SearchPageProps) {
  const pages = reply ? Math.max(1, Math.ceil(reply.total / perPage)) : 1;
  const where = roadmap ? ` in ${catalog.bySlug.get(roadmap)?.title ?? roadmap}` : '';
  return (
    <Layout
      title={q ? `“${q}” · Search · Trailmap` : 'Search · Trailmap'}
      description="Search every roadmap, topic and resource."
      assets={assets}
      viewer={viewer}
    >
      <header class="page-header">
        <h1>Search</h1>
      </header>
      <search>
        <form class="search-form" method="get" action="/search">
          <label for="search-page-q" class="search-form__label">
            {viewer ? 'Roadmaps, topics, resources and your notes' : 'Roadmaps, topics and resources'}
          </label>
          <div class="search-form__row">
            <input
              id="search-page-q"
              class="search-form__input"
              type="search"
              name="q"
              value={q}
              maxLength={200}
              required
              autocomplete="off"
            />
            <label for="search-page-roadmap" class="visually-hidden">
              Roadmap
            </label>
            <select id="search-page-roadmap" name="roadmap" class="search-form__select">
              <option value="">All roadmaps</option>
              {catalog.roadmaps.map((r) => (
                <option key={r.slug} value={r.slug} selected={r.slug === roadmap}>
                  {r.title}
                </option>
              ))}
            </select>
            <button type="submit" class="button">
              Search
            </button>
          </div>
        </form>
      </search>
      {reply ? (
        <section class="search-results" aria-labelledby="search-results-title">
          <h2 id="search-results-title" class="search-results__summary">
            {reply.total === 0
              ? `Nothing found for “${q}”${where}`
              : `${plural(reply.total, 'result')} for “${q}”${where}`}
          </h2>
          {reply.total === 0 ? (
            <p class="hint">Try fewer or shorter words, or search all roadmaps.</p>
          ) : (
            <ol class="search-results__list" start={(page - 1) * perPage + 1}>
              {reply.results.map((result) => (
                <SearchResultItem key={`${result.kind}:${result.url}:${result.roadmap}`} result={result} />
              ))}
            </ol>
          )}
          {pages > 1 ? (
            <nav class="pagination" aria-label="Result pages">
              {page > 1 ? (
                <a class="button button--secondary" href={pageHref(q, roadmap, page - 1)} rel="prev">
                  Previous
                </a>
              ) : null}
              <span class="pagination__where">
                Page {page} of {pages}
              </span>
              {page < pages ? (
                <a class="button button--secondary" href={pageHref(q, roadmap, page + 1)} rel="next">
                  Next
                </a>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
