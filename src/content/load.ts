// Loads every roadmap under <contentDir>/roadmaps, checks it, and builds the in-memory catalogue.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { crossRoadmapProblems } from './catalog-rules.ts';
import { estimate } from './estimate.ts';
import { renderMarkdown } from './markdown.ts';
import type { Catalog, Roadmap, Section, Topic } from './model.ts';
import { resourceIdOf } from './resource-id.ts';
import {
  checkFormerIds,
  checkPlacement,
  checkRoadmap,
  checkText,
  checkTopic,
  type ProblemAt,
  type SkillSource,
  type TextOptions,
  type TextSource,
  type TopicSource,
} from './rules.ts';
import { ID_PATTERN, RoadmapFile, SkillFrontMatter, TopicFrontMatter } from './schema.ts';
import { type ContentProblem, readMarkdownWithFrontMatter, readYaml } from './source.ts';
import { schemaProblems } from './validate.ts';

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; problems: ContentProblem[] };
export type LoadOptions = TextOptions;

const ID = new RegExp(ID_PATTERN);
/** Addresses under /roadmaps/<slug>/ that are pages of their own, so no topic may have them as its id. */
export const RESERVED_TOPIC_IDS = new Set(['map']);

async function isDirectory(target: string): Promise<boolean> {
  return stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export interface RoadmapSources {
  slug: string;
  file: RoadmapFile;
  /** Every topic the roadmap lists, shared skills included (with this roadmap's placement). */
  topics: Map<string, TopicSource>;
  /** The roadmap's own topic files, by id. */
  own: Map<string, TopicSource>;
}

type Hash = ReturnType<typeof createHash>;

/** Reads the Markdown files of a folder and checks each against a front matter schema. */
async function readTopicFiles<Data>(
  dir: string,
  schema: typeof TopicFrontMatter | typeof SkillFrontMatter,
  relative: (p: string) => string,
  hash: Hash,
): Promise<{ names: string[]; files: TextSource<Data & SkillFrontMatter>[]; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const names = (await isDirectory(dir)) ? (await readdir(dir)).filter((n) => n.endsWith('.md')).sort() : [];
  // All at once: one file after another spent most of the load waiting (cold start, npm run bench).
  const texts = await Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
  const files: TextSource<Data & SkillFrontMatter>[] = [];
  for (const [i, name] of names.entries()) {
    const filePath = path.join(dir, name);
    const text = texts[i] as string;
    hash.update(filePath).update(text);
    const id = name.slice(0, -3);
    const rel = relative(filePath);
    if (!ID.test(id)) {
      problems.push({
        file: rel,
        line: 1,
        column: 1,
        message: `malformed topic id "${id}": name the file in lowercase kebab-case`,
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
    const shape = schemaProblems(fm, schema);
    problems.push(...shape);
    if (shape.length > 0) continue;
    files.push({ id, file: rel, source: parsed, data: fm.data as Data & SkillFrontMatter });
  }
  return { names, files, problems };
}

interface SharedSkills {
  /** Skill files that passed their own checks, by skill id. */
  valid: Map<string, SkillSource>;
  /** Every skill file name without .md, valid or not. */
  present: Set<string>;
}

async function readSkills(
  root: string,
  relative: (p: string) => string,
  hash: Hash,
  options: LoadOptions,
): Promise<{ skills: SharedSkills; problems: ContentProblem[] }> {
  const { names, files, problems } = await readTopicFiles<SkillFrontMatter>(
    path.join(root, 'skills'),
    SkillFrontMatter,
    relative,
    hash,
  );
  for (const skill of files) problems.push(...checkText(skill, options));
  return {
    skills: {
      valid: new Map(files.map((f) => [f.id, f])),
      present: new Set(names.map((n) => n.slice(0, -3))),
    },
    problems,
  };
}

async function readRoadmap(
  dir: string,
  slug: string,
  relative: (p: string) => string,
  hash: Hash,
  skills: SharedSkills,
  options: LoadOptions,
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
  const read = await readTopicFiles<TopicFrontMatter>(topicsDir, TopicFrontMatter, relative, hash);
  problems.push(...read.problems);
  for (const id of read.names.map((name) => name.slice(0, -3)).filter((n) => RESERVED_TOPIC_IDS.has(n))) {
    problems.push({
      file: relative(path.join(topicsDir, `${id}.md`)),
      line: 1,
      column: 1,
      message: `topic id "${id}" is taken by the roadmap's ${id} page: name the file differently`,
    });
  }
  const own = new Map(read.files.map((t) => [t.id, t as TopicSource]));
  if (roadmapOk) for (const topic of own.values()) problems.push(...checkTopic(topic, file, options));

  const topics = new Map<string, TopicSource>();
  if (roadmapOk) {
    const listed = new Set<string>();
    for (const [s, section] of file.sections.entries()) {
      for (const [t, entry] of section.topics.entries()) {
        const at: ProblemAt = (p, message, o) =>
          roadmapSource.problem(['sections', s, 'topics', t, ...p], message, o);
        if (typeof entry !== 'string') {
          listed.add(entry.skill);
          const skill = skills.valid.get(entry.skill);
          if (!skills.present.has(entry.skill)) {
            problems.push(
              at(['skill'], `skill "${entry.skill}" is listed but skills/${entry.skill}.md does not exist`),
            );
          }
          if (!skill) continue;
          const placement = { ...entry, type: entry.type ?? 'required' };
          problems.push(...checkPlacement(entry.skill, placement, at, file));
          problems.push(...checkFormerIds(skill.data.formerIds, skill.source.frontMatter.problem, file));
          const { skill: skillId, ...place } = placement;
          topics.set(skillId, { ...skill, data: { ...skill.data, ...place, skill: skillId } });
          continue;
        }
        listed.add(entry);
        const topic = own.get(entry);
        if (!ID.test(entry)) {
          problems.push(at([], `malformed topic id "${entry}": use lowercase kebab-case`));
        } else if (!read.names.includes(`${entry}.md`)) {
          problems.push(at([], `topic "${entry}" is listed but topics/${entry}.md does not exist`));
        }
        if (topic) topics.set(entry, topic);
      }
    }
    for (const name of read.names) {
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
  return { sources: roadmapOk ? { slug, file, topics, own } : undefined, problems };
}

/** The in-memory roadmap of checked sources; custom roadmaps are built by it too (features/authoring). */
export function buildRoadmap({ slug, file, topics }: RoadmapSources): Roadmap {
  const groups = file.choiceGroups ?? [];
  let number = 0;
  const sections: Section[] = file.sections.map((section) => {
    const sectionTopics = section.topics.map((entry): Topic => {
      const id = typeof entry === 'string' ? entry : entry.skill;
      const { data, source } = topics.get(id) as TopicSource;
      number += 1;
      return {
        ...data,
        id,
        number,
        sectionId: section.id,
        when: data.when && Object.keys(data.when).length > 0 ? data.when : null,
        formerIds: data.formerIds ?? [],
        seeAlso: data.seeAlso ?? [],
        check: data.check ?? [],
        resources: data.resources.map((resource) => ({ ...resource, id: resourceIdOf(resource.url) })),
        body: source.body,
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
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
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
  const shared = await readSkills(root, relative, hash, options);
  const results = [];
  // One roadmap after another: the version hash takes the files in a fixed order.
  for (const slug of slugs)
    results.push(
      await readRoadmap(path.join(roadmapsDir, slug), slug, relative, hash, shared.skills, options),
    );
  const problems = [...shared.problems, ...results.flatMap((r) => r.problems)];
  const sources = results.flatMap((r) => (r.sources ? [r.sources] : []));
  if (sources.length === results.length) {
    problems.push(...crossRoadmapProblems(sources, [...shared.skills.valid.values()]));
  }
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
