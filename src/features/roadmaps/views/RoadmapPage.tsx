// A roadmap: title, legend, the learner's progress and choices, numbered sections of topic cards,
// FAQ, and the (client-driven) drawer. Rendered once for everyone, or per signed-in learner.
import type { Catalog, Roadmap } from '../../../content/model.ts';
import { LEGEND } from '../../../content/model.ts';
import { Breadcrumbs } from '../../../views/Breadcrumbs.tsx';
import { formatHours, Layout, type PageAssets, plural, type Viewer } from '../../../views/Layout.tsx';
import { JsonData } from '../../../views/render.ts';
import { clientRoadmapData, type LearnerState } from '../../progress/state.ts';
import { AssignedNote, type LearnerAssignment } from '../../teams/views/AssignedNote.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { RoadmapSection, SectionNav } from './RoadmapSection.tsx';
import { TopicDrawer } from './TopicDrawer.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';

function Legend() {
  return (
    <section class="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" class="legend__title">
        Colour legend
      </h2>
      <ul class="legend__items">
        {LEGEND.map((entry) => (
          <li key={entry.type} class={`legend__item legend__item--${entry.type}`}>
            <span class={`legend__swatch swatch--${entry.type}`} aria-hidden="true" />
            <span class="legend__label">{entry.label}</span>
            <span class="legend__hint">{entry.hint}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A listed roadmap's title (an unlisted or private one's title is not for everyone): else its slug. */
const listedTitle = (catalog: Catalog, slug: string) =>
  catalog.roadmaps.find((r) => r.slug === slug)?.title ?? slug;

export interface RoadmapPageProps {
  catalog: Catalog;
  roadmap: Roadmap;
  assets: PageAssets;
  state: LearnerState;
  viewer?: Viewer | undefined;
  /** The signed-in learner's progress as the API shapes it, for the bundle to start from. */
  progress?: unknown;
  /** The signed-in learner's team assignments of this roadmap. */
  assignments?: LearnerAssignment[];
}

export function RoadmapPage({
  catalog,
  roadmap,
  assets,
  state,
  viewer,
  progress,
  assignments = [],
}: RoadmapPageProps) {
  const folded = Object.values(state.topics).filter((t) => t.folded).length;
  return (
    <Layout
      title={`${roadmap.title} · Trailmap`}
      description={roadmap.description}
      assets={assets}
      viewer={viewer}
    >
      <Breadcrumbs trail={[{ href: '/', label: 'All Roadmaps' }, { label: roadmap.title }]} />
      <header class="page-header roadmap-header">
        <h1>{roadmap.title}</h1>
        <p class="subtitle">{roadmap.subtitle}</p>
        {roadmap.community && (
          <p class="roadmap-header__credit">
            A community roadmap by {roadmap.community.author}
            {roadmap.community.forkedFrom && (
              <>
                , forked from{' '}
                <a href={`/roadmaps/${roadmap.community.forkedFrom}`}>
                  {listedTitle(catalog, roadmap.community.forkedFrom)}
                </a>
              </>
            )}
          </p>
        )}
        <ViewSwitch slug={roadmap.slug} current="list" />
        <p class="roadmap-header__meta">
          <span>{plural(roadmap.topics.length, 'topic')}</span>
          <span>{plural(roadmap.sections.length, 'section')}</span>
          <span>{formatHours(roadmap.estimate.pathHours)} on a typical path</span>
          {roadmap.estimate.optionalHours > 0 && (
            <span>+{Math.round(roadmap.estimate.optionalHours)} h optional</span>
          )}
          <span>
            Updated <time dateTime={roadmap.updated}>{roadmap.updated}</time>
          </span>
        </p>
      </header>
      <AssignedNote roadmap={roadmap} assignments={assignments} />
      <Legend />
      <ProgressPanel roadmap={roadmap} state={state} viewer={viewer} />
      <SectionNav roadmap={roadmap} />
      <p class="fold-note" data-fold-note hidden={folded === 0}>
        <span data-figure="folded">{folded}</span> topics for other choices are folded away.{' '}
        <a
          href={state.showAll ? `/roadmaps/${roadmap.slug}` : `/roadmaps/${roadmap.slug}?all=1`}
          data-toggle-folded
        >
          {state.showAll ? 'Hide them' : 'Show all topics'}
        </a>
      </p>
      <div class="sections" data-roadmap={roadmap.slug} data-show-all={state.showAll ? 'true' : 'false'}>
        {roadmap.sections.map((section, i) => {
          const after = roadmap.sections[i + 1];
          const next = after
            ? { href: `#section-${after.id}`, title: after.title }
            : roadmap.faq.length > 0
              ? { href: '#faq-title', title: 'Frequently Asked Questions' }
              : null;
          return (
            <RoadmapSection
              key={section.id}
              roadmap={roadmap}
              section={section}
              next={next}
              state={state}
              viewer={viewer}
            />
          );
        })}
      </div>
      {roadmap.faq.length > 0 && (
        <section class="faq" aria-labelledby="faq-title">
          <h2 id="faq-title">Frequently Asked Questions</h2>
          <p class="faq__lead">Common questions about this roadmap</p>
          {roadmap.faq.map((entry) => (
            <details key={entry.question} class="faq__entry">
              <summary>{entry.question}</summary>
              <p>{entry.answer}</p>
            </details>
          ))}
        </section>
      )}
      <TopicDrawer />
      <JsonData id="trailmap-roadmap" data={clientRoadmapData(catalog, roadmap)} />
      {progress !== undefined && <JsonData id="trailmap-progress" data={progress} />}
    </Layout>
  );
}
