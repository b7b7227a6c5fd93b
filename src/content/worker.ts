// Entry of the content-loading worker thread (built as dist/content-worker.js): see load-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from './load.ts';

parentPort?.postMessage(await loadContent((workerData as { contentDir: string }).contentDir));
