// The rules that look across roadmaps: one file per skill, see-also links, one kind per URL.
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

const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);

export function crossRoadmapProblems(roadmaps: RoadmapSources[], skills: SkillSource[]): ContentProblem[] {
  const files: TextSource[] = [...skills, ...roadmaps.flatMap((r) => [...r.own.values()])].sort(byFile);
  return [
    ...skillProblems(roadmaps, skills),
    ...seeAlsoProblems(roadmaps, files),
    ...resourceKindProblems(files),
  ];
}
