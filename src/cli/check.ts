// `trailmap check [dir]`: validates all content and prints one line per mistake.

import { formatProblem, type LoadOptions, loadContent } from '../content/load.ts';
import { plural } from '../views/Layout.tsx';

export async function checkCommand(contentDir: string, options: LoadOptions = {}): Promise<number> {
  const result = await loadContent(contentDir, options);
  if (!result.ok) {
    for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const count = result.problems.length;
    process.stderr.write(`\n${count} problem${count === 1 ? '' : 's'} in ${contentDir}\n`);
    return 1;
  }
  const { roadmaps } = result.catalog;
  const topics = roadmaps.reduce((sum, r) => sum + r.topics.length, 0);
  process.stdout.write(
    `${contentDir}: ${plural(roadmaps.length, 'roadmap')}, ${plural(topics, 'topic')}, no problems\n`,
  );
  return 0;
}
