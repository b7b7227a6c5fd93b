// `node bench/search-only.js`: only the search load of `npm run bench` (bench/search.js), for
// measuring search changes without the whole run. Uses PGlite in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../scripts/build.js';
import { startServer } from './lib/server.js';
import { benchSearch } from './search.js';

await build({ quiet: true });
const dataDir = await mkdtemp(path.join(tmpdir(), 'trailmap-bench-search-'));
const server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir });
try {
  await benchSearch(server);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
