// Loads the content on a worker thread, so the server opens its database on the main thread
// meanwhile: parsing and rendering every roadmap is a fifth of a cold start (npm run bench), and
// PGlite's start cannot leave the main thread. The catalogue comes back by structured clone; the
// worker keeps a copy of it for the next start (content/cache.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadResult } from './load.ts';

export function loadContentInWorker(contentDir: string): Promise<LoadResult> {
  // Next to the bundled server; running from the sources, there is none.
  const script = new URL('./content-worker.js', import.meta.url);
  if (!existsSync(script)) return import('./load.ts').then(({ loadContent }) => loadContent(contentDir));
  return new Promise((resolve, reject) => {
    // The copy of the last catalogue (content/cache.ts) sits beside the built server.
    const cacheFile = fileURLToPath(new URL('./content-cache.bin', import.meta.url));
    const worker = new Worker(script, { workerData: { contentDir, cacheFile } });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the content loader stopped (exit code ${code})`)));
  });
}
