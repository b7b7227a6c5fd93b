// A roadmap: title, legend, the learner's progress and choices, numbered sections of topic cards,
// FAQ, and the (client-driven) drawer. Rendered once for everyone, or per signed-in learner.
import type { Catalog, Roadmap, Section } from '../../../content/model.ts';
import { LEGEND } from '../../../content/model.ts';
import { Breadcrumbs } from '../../../views/Breadcrumbs.tsx';
import { formatHours, Layout, type PageAssets, plural, type Viewer } from '../../../views/Layout.tsx';
import { JsonData } from '../../../views/render.ts';
import { clientRoadmapData, type LearnerState, topicStateOf } from '../../progress/state.ts';
import { ChoicePanel } from './ChoicePanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { TopicCard } from './TopicCard.tsx';
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

interface SectionProps {
  roadmap: Roadmap;
  section: Section;
  state: LearnerState;
  viewer?: Viewer | undefined;
}

function RoadmapSection({ roadmap, section, state, viewer }: SectionProps) {
  const first = section.topics[0]?.number ?? 0;
  const last = section.topics.at(-1)?.number ?? 0;
  const figures = state.summary.sections.find((s) => s.id === section.id);
  const groups = roadmap.choiceGroups.filter((group) =>
    section.topics.some((t) => t.type === 'pick-one' && t.group === group.id),
  );
  return (
    <section
      class="section"
      id={`section-${section.id}`}
      aria-labelledby={`h-${section.id}`}
      data-section-id={section.id}
    >
      <header class="section__header">
        <h2 id={`h-${section.id}`} class="section__title">
          {section.title}
        </h2>
        <p class="section__meta">
          <span>{first === last ? `Topic ${first}` : `Topics ${first}–${last}`}</span>
          <span>{formatHours(section.estimate.pathHours)}</span>
          {section.estimate.optionalHours > 0 && (
            <span>+{Math.round(section.estimate.optionalHours)} h optional</span>
          )}
        </p>
        {section.intro && <p class="section__intro">{section.intro}</p>}
        <div class="section__progress" hidden={!figures || figures.path === 0}>
          <p class="section__figures" data-section-figures={section.id}>
            <span data-figure="finished">{(figures?.done ?? 0) + (figures?.skipped ?? 0)}</span> /{' '}
            <span data-figure="path">{figures?.path ?? 0}</span> done ·{' '}
            <span data-figure="percent">{figures?.percent ?? 0}</span>%
          </p>
          <form
            method="post"
            action={`/roadmaps/${roadmap.slug}/sections/${section.id}/done`}
            data-section-done={section.id}
          >
            {viewer && <input type="hidden" name="_csrf" value={viewer.csrfToken} />}
            <input type="hidden" name="back" value={`/roadmaps/${roadmap.slug}#section-${section.id}`} />
            <button type="submit" class="link-button">
              Mark section done
            </button>
          </form>
        </div>
      </header>
      {groups.map((group) => (
        <ChoicePanel
          key={group.id}
          slug={roadmap.slug}
          group={group}
          chosen={state.choices[group.id] ?? null}
          csrfToken={viewer?.csrfToken}
        />
      ))}
      <ol class="cards">
        {section.topics.map((topic) => (
          <TopicCard
            key={topic.id}
            roadmap={roadmap}
            topic={topic}
            state={topicStateOf(state, topic.id)}
            csrfToken={viewer?.csrfToken}
          />
        ))}
      </ol>
    </section>
  );
}

export interface RoadmapPageProps {
  catalog: Catalog;
  roadmap: Roadmap;
  assets: PageAssets;
  state: LearnerState;
  viewer?: Viewer | undefined;
  /** The signed-in learner's progress as the API shapes it, for the bundle to start from. */
  progress?: unknown;
}

export function RoadmapPage({ catalog, roadmap, assets, state, viewer, progress }: RoadmapPageProps) {
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
      <Legend />
      <ProgressPanel roadmap={roadmap} state={state} viewer={viewer} />
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
        {roadmap.sections.map((section) => (
          <RoadmapSection
            key={section.id}
            roadmap={roadmap}
            section={section}
            state={state}
            viewer={viewer}
          />
        ))}
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
