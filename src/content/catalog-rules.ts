// The rules that look across topics and roadmaps: one file per skill, see-also links, one kind per URL,
// and no link of a chosen option repeated by the topics that choice brings.
import type { RoadmapSources } from './load.ts';
import type { SkillSource, TextSource } from './rules.ts';
import type { ContentProblem } from './source.ts';

/** The same address, however it is written: host case, a trailing slash and a fragment do not count. */
export function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * A skill is learnt once for every roadmap that teaches it, which is only true when it is one text:
 * a second topic file with the same skill is refused.
 */
function skillProblems(roadmaps: RoadmapSources[], skills: SkillSource[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const holder = new Map(skills.map((s) => [s.id, s.file]));
  const listed = new Set<string>();
  for (const roadmap of roadmaps) {
    for (const topic of roadmap.topics.values()) if (!roadmap.own.has(topic.id)) listed.add(topic.id);
  }
  for (const topic of roadmaps.flatMap((r) => [...r.own.values()]).sort(byFile)) {
    const skill = topic.data.skill;
    if (!skill) continue;
    const earlier = holder.get(skill);
    if (earlier) {
      problems.push(
        topic.source.frontMatter.problem(
          ['skill'],
          `skill "${skill}" is already the skill of ${earlier}: a skill is one topic file, so list the shared one in content/skills/ from each roadmap, or give this topic its own skill`,
        ),
      );
    } else holder.set(skill, topic.file);
  }
  for (const skill of skills) {
    if (!listed.has(skill.id)) {
      problems.push({
        file: skill.file,
        line: 1,
        column: 1,
        message: `skill "${skill.id}" is not listed in any roadmap: add { skill: ${skill.id} } to a section`,
      });
    }
  }
  return problems;
}

function seeAlsoProblems(roadmaps: RoadmapSources[], files: TextSource[]): ContentProblem[] {
  const bySlug = new Map(roadmaps.map((r) => [r.slug, r]));
  return files.flatMap((file) =>
    (file.data.seeAlso ?? []).flatMap((link, index) => {
      const [slug = '', topicId = ''] = link.split('/');
      return bySlug.get(slug)?.topics.has(topicId)
        ? []
        : [file.source.frontMatter.problem(['seeAlso', index], `seeAlso names unknown topic "${link}"`)];
    }),
  );
}

/** A learner filters and reads resources by kind, so one address must not be a course here and docs there. */
function resourceKindProblems(files: TextSource[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const first = new Map<string, { kind: string; where: string }>();
  for (const file of files) {
    for (const [index, resource] of file.data.resources.entries()) {
      const key = urlKey(resource.url);
      const seen = first.get(key);
      if (!seen) {
        const { line } = file.source.frontMatter.locate(['resources', index, 'kind']);
        first.set(key, { kind: resource.kind, where: `${file.file}:${line}` });
      } else if (seen.kind !== resource.kind) {
        problems.push(
          file.source.frontMatter.problem(
            ['resources', index, 'kind'],
            `${resource.url} is kind "${seen.kind}" in ${seen.where}: one URL has one kind everywhere`,
          ),
        );
      }
    }
  }
  return problems;
}

/**
 * A learner who picks an option reads its topic and then the topics that come with it (`when`): Go, then
 * Gin. A link the option's topic already gives (Go by Example) belongs there, once, not again in each.
 */
function choiceLinkProblems(roadmaps: RoadmapSources[]): ContentProblem[] {
  const problems = new Map<string, ContentProblem>();
  for (const roadmap of roadmaps) {
    const topics = [...roadmap.topics.values()];
    for (const chosen of topics) {
      const { type, group, option } = chosen.data;
      if (type !== 'pick-one' || !group || !option) continue;
      const links = new Map(chosen.data.resources.map((r, i) => [urlKey(r.url), i]));
      for (const topic of topics) {
        if (topic === chosen || topic.data.when?.[group] !== option) continue;
        for (const [index, resource] of topic.data.resources.entries()) {
          const at = links.get(urlKey(resource.url));
          if (at === undefined) continue;
          const { line } = chosen.source.frontMatter.locate(['resources', at, 'url']);
          const problem = topic.source.frontMatter.problem(
            ['resources', index, 'url'],
            `${resource.url} is already a resource of "${chosen.id}" (${chosen.file}:${line}), the option this topic comes with: list each link once, in the topic it belongs to`,
          );
          // A shared skill placed the same way in two roadmaps would be reported twice.
          problems.set(`${problem.file}:${problem.line}:${problem.column}`, problem);
        }
      }
    }
  }
  return [...problems.values()];
}

const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);

export function crossRoadmapProblems(roadmaps: RoadmapSources[], skills: SkillSource[]): ContentProblem[] {
  const files: TextSource[] = [...skills, ...roadmaps.flatMap((r) => [...r.own.values()])].sort(byFile);
  return [
    ...skillProblems(roadmaps, skills),
    ...seeAlsoProblems(roadmaps, files),
    ...resourceKindProblems(files),
    ...choiceLinkProblems(roadmaps),
  ];
}
