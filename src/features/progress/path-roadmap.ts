// The shape of a roadmap that the progress rules need, derived once per roadmap.
import type { Roadmap } from '../../content/model.ts';
import type { PathRoadmap } from './rules.ts';

const cache = new WeakMap<Roadmap, PathRoadmap>();

export function pathRoadmapOf(roadmap: Roadmap): PathRoadmap {
  let shape = cache.get(roadmap);
  if (!shape) {
    shape = {
      slug: roadmap.slug,
      sections: roadmap.sections.map((s) => ({ id: s.id })),
      topics: roadmap.topics.map((t) => ({
        id: t.id,
        type: t.type,
        sectionId: t.sectionId,
        group: t.group ?? null,
        option: t.option ?? null,
        when: t.when,
        ...(t.formerIds.length > 0 ? { formerIds: [...t.formerIds] } : {}),
        resources: t.resources.map((r) => r.id),
      })),
      groups: roadmap.choiceGroups.map((g) => ({ id: g.id, options: g.options.map((o) => o.id) })),
    };
    cache.set(roadmap, shape);
  }
  return shape;
}
