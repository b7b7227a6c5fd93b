// A topic: description, free resources, previous/next. Its <article> is also what the drawer shows.
import type { Roadmap, Topic } from '../../../content/model.ts';
import { neighbours } from '../../../content/model.ts';
import { Breadcrumbs } from '../../../views/Breadcrumbs.tsx';
import { formatHours, Layout, type PageAssets, type Viewer } from '../../../views/Layout.tsx';
import { JsonData } from '../../../views/render.ts';
import type { TopicState } from '../../progress/state.ts';
import { NotesEditor } from '../../progress/views/NotesEditor.tsx';
import { ReadCount, ResourceTick } from '../../progress/views/ResourceTick.tsx';
import { STATUS_LABEL, StatusControl } from '../../progress/views/StatusControl.tsx';
import { hostOf, KIND_LABEL, TYPE_LABEL, topicConditions } from './labels.ts';

export interface SharedSkill {
  roadmap: Roadmap;
  topic: Topic;
}

function TopicLink({ roadmap, topic, rel }: { roadmap: Roadmap; topic: Topic; rel: 'prev' | 'next' }) {
  return (
    <a
      class={`pager__link pager__link--${rel}`}
      rel={rel}
      href={`/roadmaps/${roadmap.slug}/${topic.id}`}
      data-topic={topic.id}
    >
      <span class="pager__label">{rel === 'prev' ? '← Previous' : 'Next →'}</span>
      <span class="pager__title">
        {topic.number}. {topic.title}
      </span>
    </a>
  );
}

function pickOneNote(roadmap: Roadmap, topic: Topic): string | undefined {
  const group = roadmap.choiceGroups.find((g) => g.id === topic.group);
  if (topic.type !== 'pick-one' || !group) return undefined;
  return `One of ${group.options.length} options for ${group.title.toLowerCase()}`;
}

export interface TopicArticleProps {
  roadmap: Roadmap;
  topic: Topic;
  sharedWith: SharedSkill[];
  /** Related topics that are not the same skill. */
  seeAlso: SharedSkill[];
  state: TopicState;
  viewer?: Viewer | undefined;
  note?: { markdown: string; html: string; updatedAt: string | null } | undefined;
  /** Set after a note was saved through the form (without JavaScript). */
  noteSaved?: boolean;
}

function SeeAlso({ roadmap, links }: { roadmap: Roadmap; links: SharedSkill[] }) {
  return (
    <p class="topic__see-also">
      See also:{' '}
      {links.map((link, index) => (
        <span key={`${link.roadmap.slug}/${link.topic.id}`}>
          {index > 0 && ', '}
          <a href={`/roadmaps/${link.roadmap.slug}/${link.topic.id}`}>{link.topic.title}</a>
          {link.roadmap !== roadmap && ` (${link.roadmap.title})`}
        </span>
      ))}
    </p>
  );
}

/** Questions a learner answers before marking the topic done; each answer opens on request. */
function CheckYourself({ topic }: { topic: Topic }) {
  return (
    <section class="check" aria-labelledby={`check-${topic.id}`}>
      <h2 id={`check-${topic.id}`}>Check yourself</h2>
      <ol class="check__list">
        {topic.check.map((entry) => (
          <li key={entry.question} class="check__item">
            <details>
              <summary>{entry.question}</summary>
              <p class="check__answer">{entry.answer}</p>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TopicArticle(props: TopicArticleProps) {
  const { roadmap, topic, sharedWith, seeAlso, state, viewer, note, noteSaved } = props;
  const section = roadmap.sections.find((s) => s.id === topic.sectionId);
  const { previous, next } = neighbours(roadmap, topic);
  return (
    <article
      class={`topic topic--${topic.type}`}
      data-topic-article={topic.id}
      data-roadmap-slug={roadmap.slug}
    >
      <header class="topic__header">
        <p class="eyebrow">
          Topic {topic.number} of {roadmap.topics.length} · {section?.title}
        </p>
        <h1 id="topic-title" tabIndex={-1}>
          {topic.title}
        </h1>
        <ul class="topic__facts">
          <li>
            <span class={`badge badge--${topic.type}`}>{TYPE_LABEL[topic.type]}</span>
          </li>
          {pickOneNote(roadmap, topic) && <li>{pickOneNote(roadmap, topic)}</li>}
          {topicConditions(roadmap, topic).map((note) => (
            <li key={note}>{note}</li>
          ))}
          <li>{formatHours(topic.estimateHours)} to learn</li>
        </ul>
        <p class="topic__summary">{topic.summary}</p>
        <div class="topic__status" data-topic-id={topic.id} data-status={state.status}>
          <p>
            Your status: <strong data-status-label>{STATUS_LABEL[state.status]}</strong>
            <span class="card__shared" data-shared-note hidden={!state.sharedFrom}>
              {state.sharedFrom ? ` (marked in ${state.sharedFrom})` : ''}
            </span>
          </p>
          <StatusControl
            slug={roadmap.slug}
            topicId={topic.id}
            topicTitle={topic.title}
            status={state.status}
            csrfToken={viewer?.csrfToken}
            back={`/roadmaps/${roadmap.slug}/${topic.id}`}
          />
        </div>
      </header>
      <div class="prose" dangerouslySetInnerHTML={{ __html: topic.bodyHtml }} />
      {sharedWith.length > 0 && (
        <p class="topic__shared">
          The same skill appears in{' '}
          {sharedWith.map((shared, index) => (
            <span key={shared.roadmap.slug}>
              {index > 0 && ', '}
              <a href={`/roadmaps/${shared.roadmap.slug}/${shared.topic.id}`}>{shared.roadmap.title}</a>
            </span>
          ))}
          : learn it once, it counts for both.
        </p>
      )}
      {seeAlso.length > 0 && <SeeAlso roadmap={roadmap} links={seeAlso} />}
      <section class="resources" aria-labelledby={`resources-${topic.id}`}>
        <div class="resources__head">
          <h2 id={`resources-${topic.id}`}>Free resources</h2>
          <ReadCount
            topicId={topic.id}
            read={topic.resources.filter((r) => state.read?.includes(r.id)).length}
            total={topic.resources.length}
          />
        </div>
        <ul class="resources__list">
          {topic.resources.map((resource) => {
            const read = state.read?.includes(resource.id) ?? false;
            return (
              <li key={resource.id} class="resource" data-resource-id={resource.id} data-read={String(read)}>
                <span class={`kind kind--${resource.kind}`}>{KIND_LABEL[resource.kind]}</span>
                <a class="resource__link" href={resource.url} rel="noopener noreferrer">
                  {resource.title}
                </a>
                <span class="resource__host">{hostOf(resource.url)}</span>
                <ResourceTick
                  slug={roadmap.slug}
                  topicId={topic.id}
                  resourceId={resource.id}
                  resourceTitle={resource.title}
                  read={read}
                  csrfToken={viewer?.csrfToken}
                  back={`/roadmaps/${roadmap.slug}/${topic.id}#resources-${topic.id}`}
                />
              </li>
            );
          })}
        </ul>
      </section>
      {topic.check.length > 0 && <CheckYourself topic={topic} />}
      <NotesEditor slug={roadmap.slug} topic={topic} viewer={viewer} note={note} saved={noteSaved} />
      <nav class="pager" aria-label="Previous and next topic">
        {previous && <TopicLink roadmap={roadmap} topic={previous} rel="prev" />}
        {next && <TopicLink roadmap={roadmap} topic={next} rel="next" />}
      </nav>
      <p class="topic__back">
        <a href={`/roadmaps/${roadmap.slug}#topic-${topic.id}`} data-close-drawer>
          ← Back to {roadmap.title}
        </a>
      </p>
    </article>
  );
}

export function TopicPage(props: TopicArticleProps & { assets: PageAssets; roadmapData: unknown }) {
  const { roadmap, topic, assets, viewer } = props;
  return (
    <Layout
      title={`${topic.title} · ${roadmap.title} · Trailmap`}
      description={topic.summary}
      assets={assets}
      viewer={viewer}
    >
      <Breadcrumbs
        trail={[
          { href: '/', label: 'All Roadmaps' },
          { href: `/roadmaps/${roadmap.slug}`, label: roadmap.title },
          { label: topic.title },
        ]}
      />
      <TopicArticle {...props} />
      <JsonData id="trailmap-roadmap" data={props.roadmapData} />
    </Layout>
  );
}
