// One section of a roadmap: its title, facts and progress line, its "Pick One" choices, its cards,
// and a link past it for keyboard users.
import type { Roadmap, Section } from '../../../content/model.ts';
import { formatHours, type Viewer } from '../../../views/Layout.tsx';
import { pathRoadmapOf } from '../../progress/path-roadmap.ts';
import { type LearnerState, topicStateOf } from '../../progress/state.ts';
import { sectionGroup, sectionLine } from '../section-line.ts';
import { ChoicePanel } from './ChoicePanel.tsx';
import { TopicCard } from './TopicCard.tsx';

export interface RoadmapSectionProps {
  roadmap: Roadmap;
  section: Section;
  /** Where the link past this section leads: the next section, or the FAQ after the last one. */
  next: { href: string; title: string } | null;
  state: LearnerState;
  viewer?: Viewer | undefined;
}

/** "~40 h", or "Optional only · ~125 h" for a section with nothing on the path. */
function SectionHours({ section }: { section: Section }) {
  const { pathHours, optionalHours } = section.estimate;
  if (Math.round(pathHours) === 0 && optionalHours > 0)
    return <span>Optional only, {formatHours(optionalHours)}</span>;
  return (
    <>
      <span>{formatHours(pathHours)}</span>
      {optionalHours > 0 && <span>+{Math.round(optionalHours)} h optional</span>}
    </>
  );
}

function SectionProgress({ roadmap, section, state, viewer }: Omit<RoadmapSectionProps, 'next'>) {
  const shape = pathRoadmapOf(roadmap);
  const figures = state.summary.sections.find((s) => s.id === section.id);
  const statuses = Object.fromEntries(Object.entries(state.topics).map(([id, t]) => [id, t.status]));
  const line = sectionLine(shape, section.id, figures?.path ?? 0, statuses, state.choices);
  const groupId = sectionGroup(shape, section.id);
  const group = roadmap.choiceGroups.find((g) => g.id === groupId);
  return (
    <div class="section__progress" data-section-line={section.id} hidden={line.mode === 'none'}>
      <p
        class="section__figures"
        data-section-figures={section.id}
        data-line-part="path"
        hidden={line.mode !== 'path'}
      >
        <span data-figure="finished">{(figures?.done ?? 0) + (figures?.skipped ?? 0)}</span> /{' '}
        <span data-figure="path">{figures?.path ?? 0}</span> done ·{' '}
        <span data-figure="percent">{figures?.percent ?? 0}</span>%
      </p>
      <form
        method="post"
        action={`/roadmaps/${roadmap.slug}/sections/${section.id}/done`}
        data-section-done={section.id}
        data-line-part="path"
        hidden={line.mode !== 'path'}
      >
        {viewer && <input type="hidden" name="_csrf" value={viewer.csrfToken} />}
        <input type="hidden" name="back" value={`/roadmaps/${roadmap.slug}#section-${section.id}`} />
        <button type="submit" class="link-button">
          Mark section done
        </button>
      </form>
      <p class="section__figures" data-line-part="optional" hidden={line.mode !== 'optional'}>
        <span data-figure="optionalDone">{line.optionalDone}</span> of{' '}
        <span data-figure="optionalTotal">{line.optionalTotal}</span> optional topics done
      </p>
      {group && (
        <p class="section__figures" data-line-part="choose" hidden={line.mode !== 'choose'}>
          <a href={`#choice-${group.id}`}>Pick a {group.title.toLowerCase()}</a> first: the topics here follow
          from it.
        </p>
      )}
    </div>
  );
}

export function RoadmapSection({ roadmap, section, next, state, viewer }: RoadmapSectionProps) {
  const first = section.topics[0]?.number ?? 0;
  const last = section.topics.at(-1)?.number ?? 0;
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
      {next && (
        <a class="section__skip" href={next.href}>
          Skip to {next.title}
        </a>
      )}
      <header class="section__header">
        <h2 id={`h-${section.id}`} class="section__title">
          {section.title}
        </h2>
        <p class="section__meta">
          <span>{first === last ? `Topic ${first}` : `Topics ${first}–${last}`}</span>
          <SectionHours section={section} />
        </p>
        {section.intro && <p class="section__intro">{section.intro}</p>}
        <SectionProgress roadmap={roadmap} section={section} state={state} viewer={viewer} />
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
            chosen={topic.type === 'pick-one' && !!topic.group && state.choices[topic.group] === topic.option}
            csrfToken={viewer?.csrfToken}
          />
        ))}
      </ol>
    </section>
  );
}

/** The sections of a roadmap as links, so the keyboard reaches any of them in a few Tabs. */
export function SectionNav({ roadmap }: { roadmap: Roadmap }) {
  return (
    <nav class="section-nav" aria-label="Sections">
      <h2 class="section-nav__title">Sections</h2>
      <ol class="section-nav__list">
        {roadmap.sections.map((section) => (
          <li key={section.id}>
            <a href={`#section-${section.id}`}>{section.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
