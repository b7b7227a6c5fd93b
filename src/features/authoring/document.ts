// One model for both sources: a custom roadmap's document is checked by the rules the file checker
// uses (content/rules.ts, the same schemas) and built into the same in-memory roadmap as a content
// folder (content/load.ts). Problems point into the document, e.g. sections/2/topics/0/resources.
import { buildRoadmap, RESERVED_TOPIC_IDS } from '../../content/load.ts';
import type { Roadmap } from '../../content/model.ts';
import { checkRoadmap, checkTopic, type TopicSource } from '../../content/rules.ts';
import { ID_PATTERN, RoadmapFile, TopicFrontMatter } from '../../content/schema.ts';
import type { ContentProblem, PathSegment, YamlSource } from '../../content/source.ts';
import { schemaProblems } from '../../content/validate.ts';
import type { AuthoringDocument, DocumentTopic, Problem } from './schema.ts';

const ID = new RegExp(ID_PATTERN);

/** A YAML-like source over a part of the document: problems carry their path as the "file". */
function documentSource(prefix: PathSegment[], data: unknown): YamlSource {
  const at = (path: PathSegment[]) => [...prefix, ...path].join('/');
  return {
    file: at([]),
    data,
    locate: () => ({ line: 0, column: 0 }),
    problem: (path, message) => ({ file: at(path), line: 0, column: 0, message }),
    syntaxProblems: [],
  };
}

/** An id made from a title: lowercase kebab-case, unique among `taken`, never a page's address. */
export function idFromTitle(title: string, taken: Set<string>, fallback: string): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || fallback;
  let id = base;
  for (let n = 2; taken.has(id) || RESERVED_TOPIC_IDS.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;

/**
 * The document as stored: computed fields dropped, and an id for every section and topic that came
 * without one (made once from its title; a topic that has one keeps it through any rename).
 */
export function normaliseDocument(document: AuthoringDocument): AuthoringDocument {
  const topicIds = new Set(document.sections.flatMap((s) => s.topics.flatMap((t) => (t.id ? [t.id] : []))));
  const sectionIds = new Set(document.sections.flatMap((s) => (s.id ? [s.id] : [])));
  return defined({
    title: document.title,
    subtitle: document.subtitle,
    description: document.description,
    choiceGroups: document.choiceGroups,
    sections: document.sections.map((section) =>
      defined({
        id: section.id ?? idFromTitle(section.title, sectionIds, 'section'),
        title: section.title,
        intro: section.intro,
        topics: section.topics.map((topic) => {
          const { number: _n, skill: _s, ...rest } = topic;
          return defined({
            ...rest,
            id: topic.id ?? idFromTitle(topic.title, topicIds, 'topic'),
            resources: topic.resources?.map(({ title, url, kind, free }) => ({ title, url, kind, free })),
          });
        }),
      }),
    ),
    faq: document.faq,
  });
}

/** The roadmap.yaml a document stands for. */
export function roadmapFileOf(document: AuthoringDocument, updated: string): RoadmapFile {
  return defined({
    title: document.title,
    subtitle: document.subtitle ?? document.title,
    description: document.description,
    updated,
    choiceGroups: document.choiceGroups,
    sections: document.sections.map((section) =>
      defined({
        id: section.id as string,
        title: section.title,
        intro: section.intro ?? undefined,
        topics: section.topics.map((topic) => topic.id as string),
      }),
    ),
    faq: document.faq,
  });
}

/** A topic's front matter, as its file would have it. */
function frontMatterOf(topic: DocumentTopic): TopicFrontMatter {
  return defined({
    type: topic.type,
    group: topic.group ?? undefined,
    option: topic.option ?? undefined,
    when: topic.when && Object.keys(topic.when).length > 0 ? topic.when : undefined,
    alternativeTo: topic.alternativeTo ?? undefined,
    title: topic.title,
    summary: topic.summary,
    formerIds: topic.formerIds && topic.formerIds.length > 0 ? topic.formerIds : undefined,
    estimateHours: topic.estimateHours,
    resources: topic.resources ?? [],
    check: topic.check && topic.check.length > 0 ? topic.check : undefined,
  }) as TopicFrontMatter;
}

interface Checked {
  problems: Problem[];
  file?: RoadmapFile;
  topics: Map<string, TopicSource>;
}

function checked(document: AuthoringDocument, updated: string): Checked {
  const problems: ContentProblem[] = [];
  const file = roadmapFileOf(document, updated);
  const source = documentSource([], file);
  const shape = schemaProblems(source, RoadmapFile);
  problems.push(...shape);
  if (shape.length === 0) problems.push(...checkRoadmap(source, file));
  const topics = new Map<string, TopicSource>();
  for (const [s, section] of document.sections.entries()) {
    for (const [t, topic] of section.topics.entries()) {
      const prefix = ['sections', s, 'topics', t];
      const id = topic.id as string;
      const frontMatter = documentSource(prefix, frontMatterOf(topic));
      if (!ID.test(id))
        problems.push(frontMatter.problem(['id'], `malformed topic id "${id}": use lowercase kebab-case`));
      if (RESERVED_TOPIC_IDS.has(id))
        problems.push(frontMatter.problem(['id'], `topic id "${id}" is taken by the roadmap's ${id} page`));
      const topicShape = schemaProblems(frontMatter, TopicFrontMatter);
      problems.push(...topicShape);
      if (topicShape.length > 0) continue;
      const topicSource: TopicSource = {
        id,
        file: [...prefix, 'body'].join('/'),
        source: { frontMatter, body: topic.body ?? '', bodyLine: 0 },
        data: frontMatter.data as TopicFrontMatter,
      };
      if (shape.length === 0) problems.push(...checkTopic(topicSource, file, {}));
      topics.set(id, topicSource);
    }
  }
  const seen = new Set<string>();
  const unique = problems
    .map((p) => ({ path: p.file, message: p.message }))
    .filter((p) => {
      const key = `${p.path}|${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { problems: unique, file: shape.length === 0 ? file : undefined, topics };
}

/** What the file checker would say about this document; none means it can be published. */
export function checkDocument(document: AuthoringDocument, updated: string): Problem[] {
  return checked(document, updated).problems;
}

/** The in-memory roadmap of a document without problems (checkDocument). */
export function buildFromDocument(slug: string, document: AuthoringDocument, updated: string): Roadmap {
  const result = checked(document, updated);
  if (result.problems.length > 0 || !result.file) {
    throw new Error(`roadmap ${slug} has problems and cannot be built`);
  }
  return buildRoadmap({ slug, file: result.file, topics: result.topics, own: result.topics });
}

/** The document of a roadmap in memory (an official one or a published custom one), for a fork. */
export function documentOf(roadmap: Roadmap): AuthoringDocument {
  return normaliseDocument({
    title: roadmap.title,
    subtitle: roadmap.subtitle,
    description: roadmap.description,
    choiceGroups: roadmap.choiceGroups.map((g) => ({
      id: g.id,
      title: g.title,
      options: g.options.map(({ id, title }) => ({ id, title })),
    })),
    sections: roadmap.sections.map((section) => ({
      id: section.id,
      title: section.title,
      intro: section.intro,
      topics: section.topics.map((topic) => ({
        id: topic.id,
        title: topic.title,
        type: topic.type,
        group: topic.group,
        option: topic.option,
        when: topic.when,
        alternativeTo: topic.alternativeTo,
        formerIds: topic.formerIds,
        estimateHours: topic.estimateHours,
        summary: topic.summary,
        body: topic.body,
        resources: topic.resources.map(({ title, url, kind, free }) => ({ title, url, kind, free })),
        check: topic.check,
      })),
    })),
    faq: roadmap.faq,
  });
}
