// Loads every roadmap under <contentDir>/roadmaps, checks it, and builds the in-memory catalogue.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { estimate } from './estimate.ts';
import { renderMarkdown } from './markdown.ts';
import type { Catalog, Roadmap, Section, Topic } from './model.ts';
import { checkRoadmap, checkTopic, type TopicSource } from './rules.ts';
import { ID_PATTERN, RoadmapFile, TopicFrontMatter } from './schema.ts';
import { type ContentProblem, readMarkdownWithFrontMatter, readYaml } from './source.ts';
import { schemaProblems } from './validate.ts';

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; problems: ContentProblem[] };

const ID = new RegExp(ID_PATTERN);
/** Addresses under /roadmaps/<slug>/ that are pages of their own, so no topic may have them as its id. */
const RESERVED_TOPIC_IDS = new Set(['map']);

async function isDirectory(target: string): Promise<boolean> {
  return stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

interface RoadmapSources {
  slug: string;
  file: RoadmapFile;
  topics: Map<string, TopicSource>;
}

async function readRoadmap(
  dir: string,
  slug: string,
  relative: (p: string) => string,
  hash: ReturnType<typeof createHash>,
): Promise<{ sources?: RoadmapSources; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const yamlPath = path.join(dir, 'roadmap.yaml');
  const yamlText = await readFile(yamlPath, 'utf8').catch(() => undefined);
  if (yamlText === undefined) {
    return {
      problems: [{ file: relative(yamlPath), line: 1, column: 1, message: 'roadmap.yaml is missing' }],
    };
  }
  hash.update(yamlPath).update(yamlText);
  const roadmapSource = readYaml(relative(yamlPath), yamlText);
  if (!ID.test(slug)) {
    problems.push(
      roadmapSource.problem([], `malformed roadmap slug "${slug}": name the folder in lowercase kebab-case`),
    );
  }
  problems.push(...roadmapSource.syntaxProblems);
  const shapeProblems = roadmapSource.data === undefined ? [] : schemaProblems(roadmapSource, RoadmapFile);
  problems.push(...shapeProblems);
  const roadmapOk = roadmapSource.data !== undefined && shapeProblems.length === 0;
  const file = roadmapSource.data as RoadmapFile;
  if (roadmapOk) problems.push(...checkRoadmap(roadmapSource, file));

  const topicsDir = path.join(dir, 'topics');
  const names = (await isDirectory(topicsDir)) ? (await readdir(topicsDir)).sort() : [];
  const topics = new Map<string, TopicSource>();
  const topicNames = names.filter((n) => n.endsWith('.md'));
  // All at once: one file after another spent most of the load waiting (cold start, npm run bench).
  const texts = await Promise.all(topicNames.map((name) => readFile(path.join(topicsDir, name), 'utf8')));
  for (const [i, name] of topicNames.entries()) {
    const topicPath = path.join(topicsDir, name);
    const text = texts[i] as string;
    hash.update(topicPath).update(text);
    const id = name.slice(0, -3);
    const rel = relative(topicPath);
    if (!ID.test(id)) {
      problems.push({
        file: rel,
        line: 1,
        column: 1,
        message: `malformed topic id "${id}": name the file in lowercase kebab-case`,
      });
      continue;
    }
    if (RESERVED_TOPIC_IDS.has(id)) {
      problems.push({
        file: rel,
        line: 1,
        column: 1,
        message: `topic id "${id}" is taken by the roadmap's ${id} page: name the file differently`,
      });
      continue;
    }
    const parsed = readMarkdownWithFrontMatter(rel, text);
    if (!('frontMatter' in parsed)) {
      problems.push(parsed);
      continue;
    }
    const fm = parsed.frontMatter;
    problems.push(...fm.syntaxProblems);
    if (fm.data === undefined) continue;
    const topicShape = schemaProblems(fm, TopicFrontMatter);
    problems.push(...topicShape);
    if (topicShape.length > 0) continue;
    const topic: TopicSource = { id, file: rel, source: parsed, data: fm.data as TopicFrontMatter };
    topics.set(id, topic);
    if (roadmapOk) problems.push(...checkTopic(topic, file));
  }

  if (roadmapOk) {
    const listed = new Set(file.sections.flatMap((s) => s.topics));
    for (const [s, section] of file.sections.entries()) {
      for (const [t, id] of section.topics.entries()) {
        if (!ID.test(id)) {
          problems.push(
            roadmapSource.problem(
              ['sections', s, 'topics', t],
              `malformed topic id "${id}": use lowercase kebab-case`,
            ),
          );
        } else if (!names.includes(`${id}.md`)) {
          problems.push(
            roadmapSource.problem(
              ['sections', s, 'topics', t],
              `topic "${id}" is listed but topics/${id}.md does not exist`,
            ),
          );
        }
      }
    }
    for (const name of topicNames) {
      const id = name.slice(0, -3);
      if (!listed.has(id)) {
        problems.push({
          file: relative(path.join(topicsDir, name)),
          line: 1,
          column: 1,
          message: `topic "${id}" is not listed in any section of roadmap.yaml`,
        });
      }
    }
  }
  return { sources: roadmapOk ? { slug, file, topics } : undefined, problems };
}

function buildRoadmap({ slug, file, topics }: RoadmapSources): Roadmap {
  const groups = file.choiceGroups ?? [];
  let number = 0;
  const sections: Section[] = file.sections.map((section) => {
    const sectionTopics = section.topics.map((id): Topic => {
      const { data, source } = topics.get(id) as TopicSource;
      number += 1;
      return {
        ...data,
        id,
        number,
        sectionId: section.id,
        when: data.when && Object.keys(data.when).length > 0 ? data.when : null,
        formerIds: data.formerIds ?? [],
        bodyHtml: renderMarkdown(source.body),
      };
    });
    return {
      id: section.id,
      title: section.title,
      intro: section.intro ?? null,
      topics: sectionTopics,
      estimate: estimate(sectionTopics, groups),
    };
  });
  const all = sections.flatMap((s) => s.topics);
  return {
    slug,
    title: file.title,
    subtitle: file.subtitle,
    description: file.description,
    updated: file.updated,
    choiceGroups: groups,
    sections,
    faq: file.faq ?? [],
    topics: all,
    topicById: new Map(all.map((t) => [t.id, t])),
    estimate: estimate(all, groups),
  };
}

/**
 * Reads and checks all content under `contentDir`. Problems are sorted by file and line so
 * an author can work down the list; the catalogue is only built when there are none.
 */
export async function loadContent(contentDir: string): Promise<LoadResult> {
  const root = path.resolve(contentDir);
  // Paths are shown relative to where the command runs, unless that would climb out of it.
  const relative = (p: string) => {
    const rel = path.relative(process.cwd(), p);
    return rel.startsWith('..') ? p : rel || '.';
  };
  const roadmapsDir = path.join(root, 'roadmaps');
  if (!(await isDirectory(roadmapsDir))) {
    return {
      ok: false,
      problems: [{ file: relative(roadmapsDir), line: 1, column: 1, message: 'no roadmaps/ folder here' }],
    };
  }
  const hash = createHash('sha256');
  const slugs = [];
  for (const entry of (await readdir(roadmapsDir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.isDirectory()) slugs.push(entry.name);
  }
  const results = [];
  // One roadmap after another: the version hash takes the files in a fixed order.
  for (const slug of slugs)
    results.push(await readRoadmap(path.join(roadmapsDir, slug), slug, relative, hash));
  const problems = results.flatMap((r) => r.problems);
  if (slugs.length === 0)
    problems.push({ file: relative(roadmapsDir), line: 1, column: 1, message: 'no roadmaps found' });
  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return { ok: false, problems };
  }
  const roadmaps = results.map((r) => buildRoadmap(r.sources as RoadmapSources));
  return {
    ok: true,
    catalog: {
      roadmaps,
      bySlug: new Map(roadmaps.map((r) => [r.slug, r])),
      version: hash.digest('base64url').slice(0, 16),
    },
  };
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
