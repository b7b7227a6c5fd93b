// Entry of the content-loading worker thread (built as dist/content-worker.js): see load-in-worker.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { layoutMaps } from '../features/map/layout.ts';
import { serialiseContentIndex } from '../features/search/index.ts';
import { loadContentCached } from './cache.ts';

const { contentDir, cacheFile } = workerData as { contentDir: string; cacheFile: string };
// The built loader names its chunks by their contents, so its own bytes change with any of them.
const codeId = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('base64url');
// Each roadmap's map is laid out here and the search index built, once per content version, off
// the server's main thread.
const result = await loadContentCached(contentDir, cacheFile, codeId, async (loaded) => {
  if (!loaded.ok) return;
  for (const roadmap of loaded.catalog.roadmaps) roadmap.maps = await layoutMaps(roadmap);
  // The search index too, so a start only loads it (features/search/index.ts).
  loaded.catalog.searchIndex = serialiseContentIndex(loaded.catalog);
});
parentPort?.postMessage(result);
