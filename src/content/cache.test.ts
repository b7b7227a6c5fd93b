// The copy of the last catalogue: used only while nothing changed, never for content with problems.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContentCached } from './cache.ts';
import { loadContent } from './load.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/mini');

describe('the content cache', () => {
  let dir: string;
  let content: string;
  let cacheFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trailmap-cache-'));
    content = path.join(dir, 'content');
    cacheFile = path.join(dir, 'content-cache.bin');
    await cp(FIXTURE, content, { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Rewrites the kept copy's title, to tell a catalogue from the copy from one loaded afresh. */
  async function markCopy() {
    const copy = deserialize(await readFile(cacheFile));
    copy.result.catalog.roadmaps[0].title = 'From the copy';
    await writeFile(cacheFile, serialize(copy));
  }

  it('keeps a copy equal to a fresh load, and answers from it while nothing changed', async () => {
    const first = await loadContentCached(content, cacheFile, 'code-1');
    expect(first).toEqual(await loadContent(content));
    await markCopy();
    const second = await loadContentCached(content, cacheFile, 'code-1');
    expect(second.ok && second.catalog.roadmaps[0]?.title).toBe('From the copy');
    expect(second.ok && second.catalog.bySlug.get('mini')?.topicById.size).toBe(5);
  });

  it('loads afresh when a file or the loader’s code changed', async () => {
    await loadContentCached(content, cacheFile, 'code-1');
    await markCopy();
    const otherCode = await loadContentCached(content, cacheFile, 'code-2');
    expect(otherCode.ok && otherCode.catalog.roadmaps[0]?.title).not.toBe('From the copy');

    await markCopy();
    const topic = path.join(content, 'roadmaps/mini/topics/beta.md');
    await writeFile(topic, `${await readFile(topic, 'utf8')}\nOne more line.\n`);
    const edited = await loadContentCached(content, cacheFile, 'code-2');
    expect(edited.ok && edited.catalog.roadmaps[0]?.title).not.toBe('From the copy');
    expect(edited.ok && edited.catalog.roadmaps[0]?.topicById.get('beta')?.bodyHtml).toContain(
      'One more line.',
    );
  });

  it('never keeps content with problems, so they are always found afresh', async () => {
    const topic = path.join(content, 'roadmaps/mini/topics/intro.md');
    await writeFile(topic, (await readFile(topic, 'utf8')).replace(/type: \w+/, 'type: essential'));
    const result = await loadContentCached(content, cacheFile, 'code-1');
    expect(result.ok).toBe(false);
    await expect(stat(cacheFile)).rejects.toThrow();
  });

  it('ignores a damaged copy, and loads where no copy can be written', async () => {
    await writeFile(cacheFile, 'not a catalogue');
    expect((await loadContentCached(content, cacheFile, 'code-1')).ok).toBe(true);

    // Under a plain file, no folder can be made, even by root.
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, '');
    const result = await loadContentCached(content, path.join(blocker, 'content-cache.bin'), 'code-2');
    expect(result.ok).toBe(true);
  });
});
