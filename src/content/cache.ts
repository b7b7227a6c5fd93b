// A copy of the last catalogue loaded, so a start with unchanged content skips parsing and
// rendering every file: that work was a quarter of the CPU a cold start uses (npm run bench).
// Keyed by the bytes of every file under the content folder and by the loader's own code; only a
// catalogue without problems is kept, so authors always see their mistakes found afresh.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { type LoadResult, loadContent } from './load.ts';

interface CachedContent {
  key: string;
  result: LoadResult;
}

async function keyOf(contentDir: string, codeId: string): Promise<string> {
  const root = path.resolve(contentDir);
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const texts = await Promise.all(files.map((file) => readFile(file)));
  // Paths in the catalogue are shown relative to the working directory.
  const hash = createHash('sha256').update(codeId).update('\u0000').update(process.cwd());
  files.forEach((file, i) => {
    hash
      .update('\u0000')
      .update(file)
      .update('\u0000')
      .update(texts[i] as Buffer);
  });
  return hash.digest('base64url');
}

/**
 * The content under `contentDir`, from `cacheFile` when nothing changed since it was written.
 * @param codeId changes whenever the loader's code does (a hash of the built loader)
 * @param prepare work done once per content version on a catalogue without problems (the maps'
 *   layout), kept in the copy with it
 */
export async function loadContentCached(
  contentDir: string,
  cacheFile: string,
  codeId: string,
  prepare: (result: LoadResult) => Promise<void> = async () => {},
): Promise<LoadResult> {
  const key = await keyOf(contentDir, codeId).catch(() => undefined);
  if (key) {
    const cached = await readFile(cacheFile)
      .then((bytes) => deserialize(bytes) as CachedContent)
      .catch(() => undefined); // none yet, or unreadable: load afresh
    if (cached?.key === key) return cached.result;
  }
  const result = await loadContent(contentDir);
  if (result.ok) await prepare(result);
  if (key && result.ok) {
    // Written aside then renamed, so a reader never sees half a file; where the folder cannot be
    // written (a read-only image), there is simply no copy.
    const written = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(written, serialize({ key, result } satisfies CachedContent))
      .then(() => rename(written, cacheFile))
      .catch(() => {});
  }
  return result;
}
