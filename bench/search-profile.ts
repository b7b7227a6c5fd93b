// One query loop over the search service on the shipped content, for a CPU profile:
//   npx vite-node bench/search-profile.ts   (node --cpu-prof via NODE_OPTIONS)
import { loadContent } from '../src/content/load.ts';
import { contentIndexOf } from '../src/features/search/index.ts';
import { search, searchRequestOf } from '../src/features/search/service.ts';
import { SEARCH_QUERIES } from './search.js';

const loaded = await loadContent('content');
if (!loaded.ok) throw new Error('content has problems');
const catalog = loaded.catalog;
let t = performance.now();
contentIndexOf(catalog);
console.log(`index built in ${(performance.now() - t).toFixed(0)} ms`);
const db = undefined as never;
t = performance.now();
const rounds = Number(process.env.ROUNDS ?? 20);
for (let i = 0; i < rounds; i++)
  for (const q of SEARCH_QUERIES) await search({ catalog, db }, searchRequestOf(catalog, { q }));
const ms = performance.now() - t;
console.log(
  `${rounds * SEARCH_QUERIES.length} queries in ${ms.toFixed(0)} ms: ${((rounds * SEARCH_QUERIES.length * 1000) / ms).toFixed(0)} per second`,
);
