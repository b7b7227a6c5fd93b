// Generated content for the search scale run: `roadmaps` roadmaps of `topics` topics each (200 × 50
// = 10,000 topics by default), made of the shipped topics (their text, checks and resources) taken
// in turn, each retitled with a word of its roadmap's theme so no two topics are the same document.
// Deterministic: the same arguments give the same catalogue.
import type { Catalog, Roadmap, Topic } from '../../src/content/model.ts';

const THEMES = [
  'fintech',
  'healthcare',
  'gaming',
  'retail',
  'logistics',
  'media',
  'telecom',
  'energy',
  'education',
  'travel',
  'insurance',
  'robotics',
  'automotive',
  'agriculture',
  'government',
  'biotech',
  'aerospace',
  'banking',
  'streaming',
  'marketplace',
];

export function generatedCatalog(shipped: Catalog, roadmaps = 200, topics = 50): Catalog {
  const pool: Topic[] = shipped.roadmaps.flatMap((r) => r.topics);
  const template = shipped.roadmaps[0] as Roadmap;
  let next = 0;
  const made: Roadmap[] = [];
  for (let r = 0; r < roadmaps; r++) {
    const theme = `${THEMES[r % THEMES.length]}${r >= THEMES.length ? ` ${Math.floor(r / THEMES.length)}` : ''}`;
    const slug = `generated-${r + 1}`;
    const own: Topic[] = [];
    for (let t = 0; t < topics; t++) {
      const source = pool[next++ % pool.length] as Topic;
      own.push({
        ...source,
        id: `${source.id}-${t + 1}`,
        number: t + 1,
        title: `${source.title} for ${theme}`,
        resources: source.resources.map((resource) => ({ ...resource, url: `${resource.url}#${slug}` })),
      });
    }
    const sections = [0, 1, 2, 3, 4].map((s) => ({
      id: `part-${s + 1}`,
      title: `${template.sections[s % template.sections.length]?.title ?? 'Part'} (${theme})`,
      intro: null,
      topics: own.slice((s * topics) / 5, ((s + 1) * topics) / 5),
      estimate: template.estimate,
    }));
    made.push({
      ...template,
      slug,
      title: `${theme} engineer roadmap`,
      subtitle: `Everything a ${theme} engineer learns`,
      description: `${template.description} Shaped for ${theme}.`,
      sections,
      topics: own,
      topicById: new Map(own.map((topic) => [topic.id, topic])),
    });
  }
  return {
    roadmaps: made,
    bySlug: new Map(made.map((roadmap) => [roadmap.slug, roadmap])),
    version: `generated-${roadmaps}x${topics}`,
  };
}
