// The rules that look across roadmaps: shared skill files, see-also links.
import type { RoadmapSources } from './load.ts';
import type { SkillSource, TextSource } from './rules.ts';
import type { ContentProblem } from './source.ts';

/** A shared skill file that no roadmap lists would never be shown. */
function unlistedSkills(roadmaps: RoadmapSources[], skills: SkillSource[]): ContentProblem[] {
  const listed = new Set<string>();
  for (const roadmap of roadmaps) {
    for (const topic of roadmap.topics.values()) if (!roadmap.own.has(topic.id)) listed.add(topic.id);
  }
  return skills
    .filter((skill) => !listed.has(skill.id))
    .map((skill) => ({
      file: skill.file,
      line: 1,
      column: 1,
      message: `skill "${skill.id}" is not listed in any roadmap: add { skill: ${skill.id} } to a section`,
    }));
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

const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);

export function crossRoadmapProblems(roadmaps: RoadmapSources[], skills: SkillSource[]): ContentProblem[] {
  const files: TextSource[] = [...skills, ...roadmaps.flatMap((r) => [...r.own.values()])].sort(byFile);
  return [...unlistedSkills(roadmaps, skills), ...seeAlsoProblems(roadmaps, files)];
}
