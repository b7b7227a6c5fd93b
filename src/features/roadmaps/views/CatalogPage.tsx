// "All Roadmaps": one card per roadmap, with the signed-in learner's progress on each; community
// roadmaps apart, with their author.
import type { Catalog, Roadmap } from '../../../content/model.ts';
import { formatHours, Layout, type PageAssets, plural, type Viewer } from '../../../views/Layout.tsx';
import { AssignedBadge, type LearnerAssignment } from '../../teams/views/AssignedNote.tsx';

function RoadmapCard({
  roadmap,
  percent,
  assignments,
}: {
  roadmap: Roadmap;
  percent: number | undefined;
  assignments: LearnerAssignment[];
}) {
  return (
    <li>
      <a class="roadmap-card" href={`/roadmaps/${roadmap.slug}`} data-roadmap={roadmap.slug}>
        <span class="roadmap-card__title">{roadmap.title}</span>
        {roadmap.community && <span class="roadmap-card__author">by {roadmap.community.author}</span>}
        <span class="roadmap-card__description">{roadmap.description}</span>
        <AssignedBadge assignments={assignments.filter((a) => a.roadmap === roadmap.slug)} />
        <span class="roadmap-card__meta">
          <span>{plural(roadmap.topics.length, 'topic')}</span>
          <span>{plural(roadmap.sections.length, 'section')}</span>
          <span>{formatHours(roadmap.estimate.pathHours)}</span>
        </span>
        <span
          class="roadmap-card__progress"
          data-roadmap-progress={roadmap.slug}
          hidden={percent === undefined}
        >
          <progress class="bar" max={100} value={percent ?? 0} aria-hidden="true" />
          <span class="roadmap-card__percent">
            <span data-figure="percent">{percent ?? 0}</span>% done
          </span>
        </span>
      </a>
    </li>
  );
}

export interface CatalogPageProps {
  catalog: Catalog;
  assets: PageAssets;
  viewer?: Viewer | undefined;
  /** Percent done per roadmap slug, for a signed-in learner. */
  percents?: Map<string, number>;
  /** The signed-in learner's team assignments. */
  assignments?: LearnerAssignment[];
}

export function CatalogPage({ catalog, assets, viewer, percents, assignments = [] }: CatalogPageProps) {
  // Official roadmaps first; public custom ones (features/authoring) under their own heading.
  const official = catalog.roadmaps.filter((roadmap) => !roadmap.community);
  const community = catalog.roadmaps.filter((roadmap) => roadmap.community);
  return (
    <Layout
      title="All Roadmaps · Trailmap"
      description="Free, step-by-step learning roadmaps with curated resources for every topic."
      assets={assets}
      viewer={viewer}
    >
      <header class="page-header">
        <h1>All Roadmaps</h1>
        <p class="subtitle">
          Step-by-step paths through what to learn, in which order, and where to learn it for free.
        </p>
      </header>
      <ul class="roadmap-grid">
        {official.map((roadmap) => (
          <RoadmapCard
            key={roadmap.slug}
            roadmap={roadmap}
            percent={percents?.get(roadmap.slug)}
            assignments={assignments}
          />
        ))}
      </ul>
      {community.length > 0 && (
        <section class="community" aria-labelledby="community-title">
          <h2 id="community-title">Community</h2>
          <p class="subtitle">Roadmaps written by Trailmap’s learners and coaches.</p>
          <ul class="roadmap-grid">
            {community.map((roadmap) => (
              <RoadmapCard
                key={roadmap.slug}
                roadmap={roadmap}
                percent={percents?.get(roadmap.slug)}
                assignments={assignments}
              />
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
