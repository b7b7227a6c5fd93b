// A numbered card on the roadmap page: a plain link to the topic page, opened in the drawer by the client.
import type { Roadmap, Topic } from '../../../content/model.ts';
import { formatHours, plural } from '../../../views/Layout.tsx';
import { TYPE_LABEL, topicConditions } from './labels.ts';

export function TopicCard({ roadmap, topic }: { roadmap: Roadmap; topic: Topic }) {
  const conditions = topicConditions(roadmap, topic);
  return (
    <li class="cards__item" id={`topic-${topic.id}`}>
      <a
        class={`card card--${topic.type}`}
        href={`/roadmaps/${roadmap.slug}/${topic.id}`}
        data-topic={topic.id}
        data-type={topic.type}
      >
        <span class="card__head">
          <span class="card__number">{topic.number}</span>
          <span class={`badge badge--${topic.type}`}>{TYPE_LABEL[topic.type]}</span>
        </span>
        <span class="card__title">{topic.title}</span>
        <span class="card__summary">{topic.summary}</span>
        {conditions.length > 0 && <span class="card__conditions">{conditions.join(' · ')}</span>}
        <span class="card__meta">
          <span>{plural(topic.resources.length, 'resource')}</span>
          <span>{formatHours(topic.estimateHours)}</span>
        </span>
      </a>
    </li>
  );
}
