// `trailmap schemas`: publishes the content schemas as JSON Schema files for editors.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RoadmapFile, SkillFrontMatter, TopicFrontMatter } from '../content/schema.ts';

export const SCHEMA_FILES = {
  'roadmap.schema.json': RoadmapFile,
  'topic.schema.json': TopicFrontMatter,
  'skill.schema.json': SkillFrontMatter,
} as const;

export function schemaJson(schema: object): string {
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema }, null, 2)}\n`;
}

export async function schemasCommand(contentDir: string): Promise<number> {
  const dir = path.join(contentDir, 'schema');
  await mkdir(dir, { recursive: true });
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    await writeFile(path.join(dir, name), schemaJson(schema));
    process.stdout.write(`wrote ${path.join(dir, name)}\n`);
  }
  return 0;
}
