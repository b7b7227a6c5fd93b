// What a page shows of a learner's progress: per topic status, choices, figures, folding.
import type { Catalog, Roadmap } from '../../content/model.ts';
import { currentIds } from './former-ids.ts';
import { pathRoadmapOf } from './path-roadmap.ts';
import { isFoldedAway, type ProgressSummary, summarize, type TopicStatus } from './rules.ts';
import type { ProgressView } from './schema.ts';

export interface TopicState {
  status: TopicStatus;
  /** Title of the roadmap the status was marked in, when it came through a shared skill. */
  sharedFrom: string | null;
  folded: boolean;
  /** Ids of the topic's resources ticked as read (absent: none). */
  read?: string[];
}

export interface LearnerState {
  topics: Record<string, TopicState>;
  choices: Record<string, string | null>;
  summary: ProgressSummary;
  showAll: boolean;
}

/** The state of a visitor with no progress: what the shared, cached pages show. */
export function emptyState(roadmap: Roadmap): LearnerState {
  return { topics: {}, choices: {}, summary: summarize(pathRoadmapOf(roadmap), {}, {}), showAll: false };
}

export function stateOf(
  catalog: Catalog,
  roadmap: Roadmap,
  view: ProgressView,
  showAll: boolean,
): LearnerState {
  const shape = pathRoadmapOf(roadmap);
  const topics: Record<string, TopicState> = {};
  for (const topic of shape.topics) {
    const entry = view.topics[topic.id];
    topics[topic.id] = {
      status: entry?.status ?? 'pending',
      sharedFrom: entry?.sharedFrom
        ? (catalog.bySlug.get(entry.sharedFrom.roadmap)?.title ?? entry.sharedFrom.roadmap)
        : null,
      folded: isFoldedAway(topic, view.choices),
      read: Object.entries(view.resources[topic.id] ?? {})
        .filter(([, tick]) => tick.read)
        .map(([id]) => id),
    };
  }
  return { topics, choices: view.choices, summary: view.summary, showAll };
}

export const topicStateOf = (state: LearnerState, topicId: string): TopicState =>
  state.topics[topicId] ?? { status: 'pending', sharedFrom: null, folded: false };

/** What the browser bundle needs to apply the rules itself (local progress, instant toggles). */
export function clientRoadmapData(catalog: Catalog, roadmap: Roadmap) {
  const shared: Record<string, { roadmap: string; title: string; topicId: string }[]> = {};
  for (const topic of roadmap.topics) {
    if (!topic.skill) continue;
    const others = catalog.roadmaps
      .filter((r) => r !== roadmap)
      .flatMap((r) =>
        r.topics
          .filter((t) => t.skill === topic.skill)
          .map((t) => ({ roadmap: r.slug, title: r.title, topicId: t.id })),
      );
    if (others.length > 0) shared[topic.id] = others;
  }
  return {
    slug: roadmap.slug,
    title: roadmap.title,
    shape: pathRoadmapOf(roadmap),
    shared,
    formerIds: currentIds(roadmap),
  };
}
