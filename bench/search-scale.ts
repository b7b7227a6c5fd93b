// The content search at scale, in process: index build time and added heap, the serialised index
// (its size and the time to load it back, as a start does from the content cache), and uncached
// query latency (p50/p99 and CPU per query) over the 50 queries of bench/search.js.
//   NODE_OPTIONS=--expose-gc npx vite-node bench/search-scale.ts            200 × 50 generated topics
//   NODE_OPTIONS=--expose-gc npx vite-node bench/search-scale.ts -- shipped the shipped content
// ROUNDS=n rounds of the 50 queries (10 by default); every round is uncached (a fresh content
// version keys the result cache, as after a reload).
import { deserialize, serialize } from 'node:v8';
import { loadContent } from '../src/content/load.ts';
import type { Catalog } from '../src/content/model.ts';
import { contentIndexOf, loadContentIndex, type SerialisedIndex } from '../src/features/search/index.ts';
import { search, searchRequestOf } from '../src/features/search/service.ts';
import { generatedCatalog } from './lib/generated-catalog.ts';
import { SEARCH_QUERIES } from './search.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

const loaded = await loadContent('content');
if (!loaded.ok) throw new Error('content has problems');
const shipped = process.argv.includes('shipped');
const catalog: Catalog = shipped ? loaded.catalog : generatedCatalog(loaded.catalog);
const topics = catalog.roadmaps.reduce((n, r) => n + r.topics.length, 0);

let heap = heapMb();
let t = performance.now();
const buildCpu = process.cpuUsage();
const index = contentIndexOf(catalog);
const buildMs = performance.now() - t;
const { user, system } = process.cpuUsage(buildCpu);
const addedMb = heapMb() - heap;
console.log(
  `${shipped ? 'shipped' : 'generated'}: ${catalog.roadmaps.length} roadmaps, ${topics} topics, ${index.documents.length} documents, ${index.terms.length} terms, ${index.docs.length} postings`,
);
console.log(
  `build ${buildMs.toFixed(0)} ms (CPU ${((user + system) / 1000).toFixed(0)} ms), added heap ${addedMb.toFixed(1)} MB`,
);

// As the content cache keeps it: node:v8 serialisation of what serialiseContentIndex gives.
const kept = {
  version: index.version,
  terms: index.terms,
  offsets: index.offsets,
  docs: index.docs,
  weights: index.weights,
};
t = performance.now();
const bytes = serialize(kept);
const serialiseMs = performance.now() - t;
heap = heapMb();
t = performance.now();
const reloaded = loadContentIndex(catalog, deserialize(bytes) as SerialisedIndex);
const loadMs = performance.now() - t;
const loadedMb = heapMb() - heap;
console.log(
  `kept in the cache: ${(bytes.length / 1e6).toFixed(1)} MB, serialised in ${serialiseMs.toFixed(0)} ms; loaded back in ${loadMs.toFixed(0)} ms, ${loadedMb.toFixed(1)} MB (${reloaded.documents.length} documents)`,
);

const db = undefined as never;
const rounds = Number(process.env.ROUNDS ?? 10);
const times: number[] = [];
const byQuery = new Map<string, number[]>();
// One round first, not counted: the code is compiled on the first queries.
catalog.version = 'bench-warm-up';
for (const q of SEARCH_QUERIES) await search({ catalog, db }, searchRequestOf(catalog, { q }));
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
for (let round = 0; round < rounds; round++) {
  // A new version: nothing cached from the round before.
  catalog.version = `bench-${round}`;
  for (const q of SEARCH_QUERIES) {
    const started = performance.now();
    await search({ catalog, db }, searchRequestOf(catalog, { q }));
    const ms = performance.now() - started;
    times.push(ms);
    byQuery.set(q, [...(byQuery.get(q) ?? []), ms]);
  }
}
const cpu = process.cpuUsage(cpuBefore);
const wall = performance.now() - wallBefore;
times.sort((a, b) => a - b);
console.log(
  `${times.length} uncached queries: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, max ${(times.at(-1) as number).toFixed(1)} ms; CPU ${((cpu.user + cpu.system) / times.length).toFixed(0)} µs per query (wall ${((1000 * wall) / times.length).toFixed(0)} µs)`,
);
const slowest = [...byQuery]
  .map(([q, each]) => [q, each.sort((a, b) => a - b)[Math.floor(each.length / 2)] as number] as const)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5);
console.log(`slowest by median: ${slowest.map(([q, ms]) => `"${q}" ${ms.toFixed(1)} ms`).join(', ')}`);
