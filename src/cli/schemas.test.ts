import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/helpers/app.ts';
import { SCHEMA_FILES, schemaJson } from './schemas.ts';

describe('published JSON Schemas', () => {
  it('match the schemas the checker uses (run `npm run schemas` after changing them)', async () => {
    for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
      const published = await readFile(path.join(repoRoot, 'content/schema', name), 'utf8');
      expect(published, name).toBe(schemaJson(schema));
    }
  });

  it('are what every shipped roadmap.yaml points editors at', async () => {
    for (const slug of ['backend', 'frontend', 'devops']) {
      const yaml = await readFile(path.join(repoRoot, 'content/roadmaps', slug, 'roadmap.yaml'), 'utf8');
      expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/roadmap.schema.json');
    }
  });
});
