// A numbered card on the roadmap page: a plain link to the topic page (opened in the drawer by the
// client), the learner's status on it, and the buttons to change that status.
import type { Roadmap, Topic } from '../../../content/model.ts';
import { formatHours, plural } from '../../../views/Layout.tsx';
import type { TopicState } from '../../progress/state.ts';
import { STATUS_LABEL, StatusControl } from '../../progress/views/StatusControl.tsx';
import { TYPE_LABEL, topicConditions } from './labels.ts';

export interface TopicCardProps {
  roadmap: Roadmap;
  topic: Topic;
  state: TopicState;
  /** A "Pick One" topic whose option the learner chose. */
  chosen?: boolean;
  csrfToken?: string | undefined;
}

export function TopicCard({ roadmap, topic, state, chosen = false, csrfToken }: TopicCardProps) {
  const conditions = topicConditions(roadmap, topic);
  return (
    <li
      class={`cards__item${state.folded ? ' is-folded' : ''}`}
      id={`topic-${topic.id}`}
      data-topic-id={topic.id}
      data-type={topic.type}
      data-status={state.status}
      data-chosen={topic.type === 'pick-one' ? String(chosen) : undefined}
    >
      <a
        class={`card card--${topic.type}`}
        href={`/roadmaps/${roadmap.slug}/${topic.id}`}
        data-topic={topic.id}
      >
        <span class="card__head">
          <span class="card__number">{topic.number}</span>
          {topic.type === 'pick-one' && <span class="card__chosen">Your choice</span>}
          <span class={`badge badge--${topic.type}`}>{TYPE_LABEL[topic.type]}</span>
        </span>
        <span class="card__title">{topic.title}</span>
        <span class="card__summary">{topic.summary}</span>
        {conditions.length > 0 && <span class="card__conditions">{conditions.join(' · ')}</span>}
        <span class="card__meta">
          <span>{plural(topic.resources.length, 'resource')}</span>
          <span>{formatHours(topic.estimateHours)}</span>
          <span class="card__status" data-status-label>
            {STATUS_LABEL[state.status]}
          </span>
        </span>
        <span class="card__shared" data-shared-note hidden={!state.sharedFrom}>
          {state.sharedFrom ? `Marked in ${state.sharedFrom}` : ''}
        </span>
      </a>
      <StatusControl
        slug={roadmap.slug}
        topicId={topic.id}
        topicTitle={topic.title}
        status={state.status}
        csrfToken={csrfToken}
        back={`/roadmaps/${roadmap.slug}#topic-${topic.id}`}
      />
    </li>
  );
}
