// A roadmap: title, legend, numbered sections of topic cards, FAQ, and the (client-driven) drawer.
import type { Roadmap } from '../../../content/model.ts';
import { LEGEND } from '../../../content/model.ts';
import { formatHours, Layout, type PageAssets, plural } from '../../../views/Layout.tsx';
import { TopicCard } from './TopicCard.tsx';

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

export function RoadmapPage({ roadmap, assets }: { roadmap: Roadmap; assets: PageAssets }) {
  return (
    <Layout title={`${roadmap.title} · Trailmap`} description={roadmap.description} assets={assets}>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href="/">All Roadmaps</a>
          </li>
          <li aria-current="page">{roadmap.title}</li>
        </ol>
      </nav>
      <header class="page-header roadmap-header">
        <h1>{roadmap.title}</h1>
        <p class="subtitle">{roadmap.subtitle}</p>
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
      <div class="sections" data-roadmap={roadmap.slug}>
        {roadmap.sections.map((section) => {
          const first = section.topics[0]?.number ?? 0;
          const last = section.topics.at(-1)?.number ?? 0;
          return (
            <section
              key={section.id}
              class="section"
              id={`section-${section.id}`}
              aria-labelledby={`h-${section.id}`}
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
              </header>
              <ol class="cards">
                {section.topics.map((topic) => (
                  <TopicCard key={topic.id} roadmap={roadmap} topic={topic} />
                ))}
              </ol>
            </section>
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
      <dialog class="drawer" id="topic-drawer" aria-labelledby="topic-title">
        <div class="drawer__panel">
          <div class="drawer__bar">
            <button type="button" class="drawer__close" data-close-drawer>
              <span aria-hidden="true">×</span>
              <span class="visually-hidden">Close topic</span>
            </button>
          </div>
          <div class="drawer__content" />
        </div>
      </dialog>
    </Layout>
  );
}
