// "All Roadmaps": one card per roadmap.
import type { Catalog } from '../../../content/model.ts';
import { formatHours, Layout, type PageAssets, plural } from '../../../views/Layout.tsx';

export function CatalogPage({ catalog, assets }: { catalog: Catalog; assets: PageAssets }) {
  return (
    <Layout
      title="All Roadmaps · Trailmap"
      description="Free, step-by-step learning roadmaps with curated resources for every topic."
      assets={assets}
    >
      <header class="page-header">
        <h1>All Roadmaps</h1>
        <p class="subtitle">
          Step-by-step paths through what to learn, in which order, and where to learn it for free.
        </p>
      </header>
      <ul class="roadmap-grid">
        {catalog.roadmaps.map((roadmap) => (
          <li key={roadmap.slug}>
            <a class="roadmap-card" href={`/roadmaps/${roadmap.slug}`} data-roadmap={roadmap.slug}>
              <span class="roadmap-card__title">{roadmap.title}</span>
              <span class="roadmap-card__description">{roadmap.description}</span>
              <span class="roadmap-card__meta">
                <span>{plural(roadmap.topics.length, 'topic')}</span>
                <span>{plural(roadmap.sections.length, 'section')}</span>
                <span>{formatHours(roadmap.estimate.pathHours)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
