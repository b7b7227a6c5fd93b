// The authoring rules a schema cannot express: cross-references, resources, wording.
import { urlKey } from './catalog-rules.ts';
import { countWords } from './markdown.ts';
import type { RoadmapFile, SkillFrontMatter, TopicFrontMatter, TopicTypeName } from './schema.ts';
import type { ContentProblem, MarkdownSource, PathSegment, YamlSource } from './source.ts';

export const BODY_WORDS = { min: 80, max: 250 } as const;
export const MIN_RESOURCES = 3;
export const CHECK_QUESTIONS = { min: 3, max: 5 } as const;

/** A parsed topic or skill file. */
export interface TextSource<Data extends SkillFrontMatter = SkillFrontMatter> {
  id: string;
  file: string;
  source: MarkdownSource;
  data: Data;
}
export type TopicSource = TextSource<TopicFrontMatter>;
export type SkillSource = TextSource<SkillFrontMatter>;
type SectionEntry = RoadmapFile['sections'][number]['topics'][number];

const PLACEHOLDER_HOSTS =
  /^(?:.*\.)?(example\.(com|org|net)|localhost|test|invalid)$|^127\.|^0\.0\.0\.0$|^\[::1\]$/i;
const FILLER_SUMMARY = [
  /^essential concepts and skills for\b/i,
  /^(learn|learning|introduction to|intro to|an? (overview|introduction) of|all about)\b/i,
  /^(todo|tbd|lorem ipsum)\b/i,
];

export function resourceUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `resource URL ${JSON.stringify(url)} is not a valid URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `resource URL ${JSON.stringify(url)} must use http or https`;
  }
  if (PLACEHOLDER_HOSTS.test(parsed.hostname)) return `resource URL ${JSON.stringify(url)} is a placeholder`;
  return undefined;
}

/** An address of documentation: a docs.* host or a docs, doc or documentation folder. */
export function isDocumentationUrl(url: string): boolean {
  try {
    const { hostname, pathname } = new URL(url);
    return (
      hostname.startsWith('docs.') || pathname.split('/').some((p) => /^(docs?|documentation)$/i.test(p))
    );
  } catch {
    return false;
  }
}

/**
 * A `video` resource is something to watch: a video, a playlist or a lecture page. A site's home page
 * or a YouTube channel is not, since the learner is left to find the video (issue 18).
 */
export function isVideoUrl(url: string): boolean {
  try {
    const { hostname, pathname, searchParams } = new URL(url);
    const host = hostname.replace(/^(www|m)\./, '');
    if (host === 'youtube.com') {
      return (
        (pathname === '/watch' && searchParams.has('v')) ||
        (pathname === '/playlist' && searchParams.has('list')) ||
        /^\/(embed|live)\/[\w-]+$/.test(pathname)
      );
    }
    if (host === 'youtu.be') return /^\/[\w-]+$/.test(pathname);
    if (host === 'vimeo.com') return /\/\d+$/.test(pathname);
    return pathname.replace(/\/+$/, '') !== '';
  } catch {
    return false;
  }
}

export function isFillerSummary(summary: string, title: string): boolean {
  const text = summary.trim();
  const bareTitle = title
    .replace(/\s*\(.*\)\s*$/, '')
    .trim()
    .toLowerCase();
  return (
    FILLER_SUMMARY.some((pattern) => pattern.test(text)) ||
    text.toLowerCase().replace(/[.!]$/, '') === bareTitle ||
    text.split(/\s+/).length < 5
  );
}

/** Reports a problem at a path of the document that holds the value (a topic file or roadmap.yaml). */
export type ProblemAt = (path: PathSegment[], message: string, options?: { key?: boolean }) => ContentProblem;

/** The id a section entry lists: a topic file of the roadmap, or a shared skill. */
export const entryId = (entry: SectionEntry): string => (typeof entry === 'string' ? entry : entry.skill);

export interface Placement {
  type: TopicTypeName;
  group?: string | undefined;
  option?: string | undefined;
  when?: Record<string, string> | undefined;
  alternativeTo?: string | undefined;
}

/** The rules about where a topic sits: pick-one groups, when conditions, alternatives. */
export function checkPlacement(
  topicId: string,
  data: Placement,
  at: ProblemAt,
  roadmap: RoadmapFile,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const groups = new Map(
    (roadmap.choiceGroups ?? []).map((g) => [g.id, new Set(g.options.map((o) => o.id))]),
  );
  const topicIds = new Set(roadmap.sections.flatMap((s) => s.topics.map(entryId)));

  if (data.type === 'pick-one') {
    if (!data.group) problems.push(at([], 'a pick-one topic needs a group (a choice group id)'));
    if (!data.option) problems.push(at([], 'a pick-one topic needs an option (its option id in the group)'));
    if (data.group && !groups.has(data.group)) {
      problems.push(at(['group'], `group "${data.group}" is not a choice group of roadmap.yaml`));
    } else if (data.group && data.option && !groups.get(data.group)?.has(data.option)) {
      problems.push(at(['option'], `option "${data.option}" is not an option of group "${data.group}"`));
    }
  } else {
    if (data.group) problems.push(at(['group'], 'only pick-one topics belong to a group', { key: true }));
    if (data.option) problems.push(at(['option'], 'only pick-one topics name an option', { key: true }));
  }

  for (const [group, option] of Object.entries(data.when ?? {})) {
    if (!groups.has(group)) {
      problems.push(at(['when', group], `when names unknown group "${group}"`, { key: true }));
    } else if (!groups.get(group)?.has(option)) {
      problems.push(at(['when', group], `when names unknown option "${option}" of group "${group}"`));
    }
  }

  if (data.alternativeTo !== undefined) {
    if (data.type !== 'optional') {
      problems.push(at(['alternativeTo'], 'only optional topics are an alternative to another topic'));
    }
    if (!topicIds.has(data.alternativeTo) || data.alternativeTo === topicId) {
      problems.push(at(['alternativeTo'], `alternativeTo names unknown topic "${data.alternativeTo}"`));
    }
  }
  return problems;
}

/** A former id must not be the id of another topic of a roadmap that lists this one. */
export function checkFormerIds(formerIds: string[] | undefined, at: ProblemAt, roadmap: RoadmapFile) {
  const topicIds = new Set(roadmap.sections.flatMap((s) => s.topics.map(entryId)));
  return (formerIds ?? []).flatMap((formerId, index) =>
    topicIds.has(formerId)
      ? [at(['formerIds', index], `duplicate id: "${formerId}" is still a topic of this roadmap`)]
      : [],
  );
}

export interface TextOptions {
  /** Every topic must have its "Check yourself" questions (`trailmap check --require-questions`). */
  requireQuestions?: boolean | undefined;
}

/** The rules about what a topic says: summary, resources, length, questions. */
export function checkText(topic: TextSource, options: TextOptions = {}): ContentProblem[] {
  const { data, source } = topic;
  const fm = source.frontMatter;
  const problems: ContentProblem[] = [];

  if (isFillerSummary(data.summary, data.title)) {
    problems.push(
      fm.problem(['summary'], 'summary is filler: say in one sentence what this topic gives the learner'),
    );
  }

  if (data.resources.length < MIN_RESOURCES) {
    problems.push(
      fm.problem(
        ['resources'],
        `at least ${MIN_RESOURCES} resources are needed (found ${data.resources.length})`,
      ),
    );
  } else if (data.resources[0]?.kind !== 'docs') {
    problems.push(
      fm.problem(
        ['resources', 0, 'kind'],
        'the first resource must be the official documentation (kind: docs)',
      ),
    );
  }
  // A learner ticks a resource as read by its address (resource-id.ts): each address once a topic.
  const listedAt = new Map<string, number>();
  for (const [index, resource] of data.resources.entries()) {
    const key = urlKey(resource.url);
    const first = listedAt.get(key);
    if (first !== undefined)
      problems.push(
        fm.problem(
          ['resources', index, 'url'],
          `${resource.url} is already resource ${first + 1} of this topic`,
        ),
      );
    else listedAt.set(key, index);
  }
  for (const [index, resource] of data.resources.entries()) {
    const urlProblem = resourceUrlProblem(resource.url);
    if (urlProblem) problems.push(fm.problem(['resources', index, 'url'], urlProblem));
    if (resource.kind === 'video' && !urlProblem && !isVideoUrl(resource.url)) {
      problems.push(
        fm.problem(
          ['resources', index, 'kind'],
          `${resource.url} is not a video: kind video points at a video, a playlist or a lecture page, not a site's home page or a channel`,
        ),
      );
    }
    if (resource.kind === 'tool' && isDocumentationUrl(resource.url)) {
      problems.push(
        fm.problem(
          ['resources', index, 'kind'],
          `${resource.url} is documentation, not a tool: use kind docs`,
        ),
      );
    }
  }

  if (options.requireQuestions && !data.check) {
    problems.push(
      fm.problem(
        [],
        `no "Check yourself" questions: add ${CHECK_QUESTIONS.min}-${CHECK_QUESTIONS.max} under check:`,
      ),
    );
  }

  const words = countWords(source.body);
  if (words < BODY_WORDS.min || words > BODY_WORDS.max) {
    problems.push({
      file: topic.file,
      line: source.bodyLine,
      column: 1,
      message: `topic body has ${words} words: write ${BODY_WORDS.min}-${BODY_WORDS.max}`,
    });
  }
  return problems;
}

/** All the rules of a roadmap's own topic file. */
export function checkTopic(topic: TopicSource, roadmap: RoadmapFile, options: TextOptions = {}) {
  const at: ProblemAt = topic.source.frontMatter.problem;
  return [
    ...checkPlacement(topic.id, topic.data, at, roadmap),
    ...checkFormerIds(topic.data.formerIds, at, roadmap),
    ...checkText(topic, options),
  ];
}

export function checkRoadmap(source: YamlSource, roadmap: RoadmapFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const sectionIds = new Map<string, number>();
  const topicPlaces = new Map<string, string>();

  for (const [s, section] of roadmap.sections.entries()) {
    if (sectionIds.has(section.id)) {
      problems.push(source.problem(['sections', s, 'id'], `duplicate section id "${section.id}"`));
    }
    sectionIds.set(section.id, s);
    if (section.topics.length === 0) {
      problems.push(source.problem(['sections', s, 'topics'], `section "${section.id}" has no topics`));
    }
    for (const [t, entry] of section.topics.entries()) {
      const id = entryId(entry);
      const earlier = topicPlaces.get(id);
      if (earlier !== undefined) {
        problems.push(
          source.problem(
            ['sections', s, 'topics', t],
            `duplicate topic id "${id}" (already in section "${earlier}")`,
          ),
        );
      }
      topicPlaces.set(id, section.id);
    }
  }

  const groupIds = new Set<string>();
  for (const [g, group] of (roadmap.choiceGroups ?? []).entries()) {
    if (groupIds.has(group.id))
      problems.push(source.problem(['choiceGroups', g, 'id'], `duplicate group id "${group.id}"`));
    groupIds.add(group.id);
    const optionIds = new Set<string>();
    for (const [o, option] of group.options.entries()) {
      if (optionIds.has(option.id)) {
        problems.push(
          source.problem(['choiceGroups', g, 'options', o, 'id'], `duplicate option id "${option.id}"`),
        );
      }
      optionIds.add(option.id);
    }
  }
  return problems;
}
