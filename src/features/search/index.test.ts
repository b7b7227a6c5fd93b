// The content index as a start gets it from the content cache (node:v8, as content/cache.ts keeps
// it) answers exactly as the one built from the content, and a page is the same slice of the
// ranking whatever its offset.
import { deserialize, serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../content/load.ts';
import type { Catalog } from '../../content/model.ts';
import { contentIndexOf, type SerialisedIndex, serialiseContentIndex } from './index.ts';
import { search, searchRequestOf } from './service.ts';

const db = undefined as never;
let built: Catalog;
let loaded: Catalog;
beforeAll(async () => {
  const result = await loadContent('content');
  if (!result.ok) throw new Error('the shipped content has problems');
  built = result.catalog;
  const kept = deserialize(serialize(serialiseContentIndex(built))) as SerialisedIndex;
  loaded = { ...built, version: `${built.version}-loaded`, searchIndex: kept };
});

describe('the content index', () => {
  it('loaded from its kept copy finds the same results in the same order as built', async () => {
    expect(contentIndexOf(loaded)).not.toBe(contentIndexOf(built));
    for (const q of ['docker', 'kubernets', 'caching', 'rest api', 'go', 'postgress']) {
      const a = await search({ catalog: built, db }, searchRequestOf(built, { q, limit: '50' }));
      const b = await search({ catalog: loaded, db }, searchRequestOf(loaded, { q, limit: '50' }));
      expect(a.total).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
  });

  it('pages through the ranking: every offset gives the next slice of it', async () => {
    const all = await search({ catalog: built, db }, searchRequestOf(built, { q: 'data', limit: '50' }));
    expect(all.total).toBeGreaterThan(20);
    const scores = all.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const offset of [0, 7, 19]) {
      const page = await search(
        { catalog: built, db },
        searchRequestOf(built, { q: 'data', limit: '5', offset: String(offset) }),
      );
      expect(page.results.map((r) => r.url)).toEqual(all.results.slice(offset, offset + 5).map((r) => r.url));
    }
  });
});
