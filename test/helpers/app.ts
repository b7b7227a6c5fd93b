// Builds the real app on the shipped content (or a fixture) for a test file.
import path from 'node:path';
import { buildApp } from '../../src/app.ts';
import { loadContent } from '../../src/content/load.ts';
import type { Catalog } from '../../src/content/model.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const publicDir = path.join(repoRoot, 'dist/public');

export async function loadCatalog(contentDir = path.join(repoRoot, 'content')): Promise<Catalog> {
  const result = await loadContent(contentDir);
  if (!result.ok)
    throw new Error(`content has problems:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.catalog;
}

export async function buildTestApp(catalog?: Catalog) {
  return buildApp({ catalog: catalog ?? (await loadCatalog()), publicDir });
}
