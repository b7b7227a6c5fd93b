// Finding a roadmap or topic by its public id, with the 404 a visitor or client should see.
import type { Catalog, Roadmap, Topic } from '../../content/model.ts';
import { notFound } from '../../errors.ts';

export function findRoadmap(catalog: Catalog, slug: string): Roadmap {
  const roadmap = catalog.bySlug.get(slug);
  if (!roadmap) throw notFound(`There is no roadmap "${slug}"`);
  return roadmap;
}

/** Finds a topic by id, or by an id it had before (so old links keep working). */
export function findTopic(roadmap: Roadmap, topicId: string): Topic {
  const topic = roadmap.topicById.get(topicId) ?? roadmap.topics.find((t) => t.formerIds.includes(topicId));
  if (!topic) throw notFound(`The roadmap "${roadmap.slug}" has no topic "${topicId}"`);
  return topic;
}

/** Topics of other roadmaps that teach the same skill. */
export function sharedSkill(
  catalog: Catalog,
  roadmap: Roadmap,
  topic: Topic,
): { roadmap: Roadmap; topic: Topic }[] {
  if (!topic.skill) return [];
  return catalog.roadmaps
    .filter((other) => other !== roadmap)
    .flatMap((other) =>
      other.topics.filter((t) => t.skill === topic.skill).map((t) => ({ roadmap: other, topic: t })),
    );
}

/** The topics a topic's seeAlso links to (roadmap/topic-id), skipping any no longer in the catalogue. */
export function seeAlsoOf(catalog: Catalog, topic: Topic): { roadmap: Roadmap; topic: Topic }[] {
  return topic.seeAlso.flatMap((link) => {
    const [slug = '', topicId = ''] = link.split('/');
    const roadmap = catalog.bySlug.get(slug);
    const target = roadmap?.topicById.get(topicId);
    return roadmap && target ? [{ roadmap, topic: target }] : [];
  });
}
