// Every kind of authoring mistake, each made in a copy of a valid fixture, reported at file:line:column.
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, loadContent } from './load.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/mini');
const TOPICS = 'roadmaps/mini/topics';
const ROADMAP = 'roadmaps/mini/roadmap.yaml';

type Edit = { file: string; replace?: [string | RegExp, string]; remove?: true; write?: string };

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** Copies the valid fixture, applies the edits, and returns the checker's lines with paths made relative. */
async function brokenFixture(...edits: Edit[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trailmap-check-'));
  dirs.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    if (edit.remove) await unlink(file);
    else if (edit.write !== undefined) await writeFile(file, edit.write);
    else if (edit.replace) {
      const text = await readFile(file, 'utf8');
      const changed = text.replace(edit.replace[0], edit.replace[1]);
      if (changed === text) throw new Error(`edit of ${edit.file} changed nothing`);
      await writeFile(file, changed);
    }
  }
  const result = await loadContent(dir);
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replace(`${dir}/`, ''));
}

const topic = (id: string, from: string | RegExp, to: string): Edit => ({
  file: `${TOPICS}/${id}.md`,
  replace: [from, to],
});
const roadmap = (from: string | RegExp, to: string): Edit => ({ file: ROADMAP, replace: [from, to] });

describe('content checker', () => {
  it('accepts the valid fixture', async () => {
    expect(await brokenFixture()).toEqual([]);
  });

  const cases: { mistake: string; edits: Edit[]; expected: string }[] = [
    {
      mistake: 'an unknown topic type',
      edits: [topic('alpha-web', 'type: required', 'type: mandatory')],
      expected: `${TOPICS}/alpha-web.md:3:7: unknown topic type "mandatory": expected one of required, pick-one, optional`,
    },
    {
      mistake: 'a duplicate topic id',
      edits: [roadmap('topics: [intro]', 'topics: [intro, alpha]')],
      expected: `${ROADMAP}:18:14: duplicate topic id "alpha" (already in section "basics")`,
    },
    {
      mistake: 'a malformed topic id in a section',
      edits: [roadmap('topics: [intro]', 'topics: [intro, Bad_Id]')],
      expected: `${ROADMAP}:15:21: malformed topic id "Bad_Id": use lowercase kebab-case`,
    },
    {
      mistake: 'a malformed topic file name',
      edits: [{ file: `${TOPICS}/Bad_Name.md`, write: '---\ntitle: x\n---\n' }],
      expected: `${TOPICS}/Bad_Name.md:1:1: malformed topic id "Bad_Name": name the file in lowercase kebab-case`,
    },
    {
      mistake: 'a topic whose id is the address of the map',
      edits: [{ file: `${TOPICS}/map.md`, write: '---\ntitle: x\n---\n' }],
      expected: `${TOPICS}/map.md:1:1: topic id "map" is taken by the roadmap's map page: name the file differently`,
    },
    {
      mistake: 'a malformed section id',
      edits: [roadmap('id: basics', 'id: Basics Section')],
      expected: `${ROADMAP}:13:9: malformed id "Basics Section" in id: use lowercase kebab-case (a-z, 0-9, -)`,
    },
    {
      mistake: 'a when naming an unknown group',
      edits: [topic('alpha-web', 'when: { lang: alpha }', 'when: { language: alpha }')],
      expected: `${TOPICS}/alpha-web.md:4:9: when names unknown group "language"`,
    },
    {
      mistake: 'a when naming an unknown option',
      edits: [topic('alpha-web', 'when: { lang: alpha }', 'when: { lang: gamma }')],
      expected: `${TOPICS}/alpha-web.md:4:15: when names unknown option "gamma" of group "lang"`,
    },
    {
      mistake: 'a pick-one topic naming an unknown option',
      edits: [topic('beta', 'option: beta', 'option: delta')],
      expected: `${TOPICS}/beta.md:5:9: option "delta" is not an option of group "lang"`,
    },
    {
      mistake: 'a section without topics',
      edits: [roadmap('topics: [alpha-web, alpha-micro]', 'topics: []')],
      expected: `${ROADMAP}:21:13: section "frameworks" has no topics`,
    },
    {
      mistake: 'a missing title',
      edits: [topic('alpha-web', 'title: Alpha Web\n', '')],
      expected: `${TOPICS}/alpha-web.md:2:1: missing title`,
    },
    {
      mistake: 'a missing summary',
      edits: [topic('intro', /summary: .*\n/, '')],
      expected: `${TOPICS}/intro.md:2:1: missing summary`,
    },
    {
      mistake: 'a filler summary',
      edits: [topic('intro', /summary: .*/, 'summary: Essential concepts and skills for Introduction.')],
      expected: `${TOPICS}/intro.md:6:10: summary is filler: say in one sentence what this topic gives the learner`,
    },
    {
      mistake: 'a resource URL that is not http(s)',
      edits: [topic('intro', 'https://articles.trailmap.dev/long', 'ftp://articles.trailmap.dev/long')],
      expected: `${TOPICS}/intro.md:13:10: resource URL "ftp://articles.trailmap.dev/long" must use http or https`,
    },
    {
      mistake: 'a javascript: resource URL',
      edits: [topic('intro', 'https://articles.trailmap.dev/long', 'javascript:alert(1)')],
      expected: `${TOPICS}/intro.md:13:10: resource URL "javascript:alert(1)" must use http or https`,
    },
    {
      mistake: 'a placeholder resource URL',
      edits: [topic('intro', 'https://courses.trailmap.dev/free', 'https://example.com/course')],
      expected: `${TOPICS}/intro.md:17:10: resource URL "https://example.com/course" is a placeholder`,
    },
    {
      mistake: 'a localhost resource URL',
      edits: [topic('intro', 'https://courses.trailmap.dev/free', 'http://localhost:8080/course')],
      expected: `${TOPICS}/intro.md:17:10: resource URL "http://localhost:8080/course" is a placeholder`,
    },
    {
      mistake: 'fewer than 3 resources',
      edits: [topic('intro', / {2}- title: A free course\n(.*\n){3}/, '')],
      expected: `${TOPICS}/intro.md:8:3: at least 3 resources are needed (found 2)`,
    },
    {
      mistake: 'the official documentation not first',
      edits: [topic('intro', 'kind: docs', 'kind: video')],
      expected: `${TOPICS}/intro.md:10:11: the first resource must be the official documentation (kind: docs)`,
    },
    {
      mistake: 'a body under 80 words',
      edits: [topic('intro', /\n---\n[\s\S]*$/, '\n---\nToo short to teach anything.\n')],
      expected: `${TOPICS}/intro.md:21:1: topic body has 5 words: write 80-250`,
    },
    {
      mistake: 'a body over 250 words',
      edits: [topic('intro', /\n---\n[\s\S]*$/, `\n---\n${'word '.repeat(260)}\n`)],
      expected: `${TOPICS}/intro.md:21:1: topic body has 260 words: write 80-250`,
    },
    {
      mistake: 'a topic file no roadmap lists',
      edits: [roadmap(', alpha-micro]', ']')],
      expected: `${TOPICS}/alpha-micro.md:1:1: topic "alpha-micro" is not listed in any section of roadmap.yaml`,
    },
    {
      mistake: 'a listed topic with no file',
      edits: [roadmap('topics: [intro]', 'topics: [intro, ghost]')],
      expected: `${ROADMAP}:15:21: topic "ghost" is listed but topics/ghost.md does not exist`,
    },
    {
      mistake: 'an alternativeTo naming an unknown topic',
      edits: [topic('alpha-micro', 'alternativeTo: alpha-web', 'alternativeTo: alpha-website')],
      expected: `${TOPICS}/alpha-micro.md:5:16: alternativeTo names unknown topic "alpha-website"`,
    },
    {
      mistake: 'a former id that is still a topic',
      edits: [topic('alpha-web', 'formerIds: [alpha-www]', 'formerIds: [intro]')],
      expected: `${TOPICS}/alpha-web.md:5:13: duplicate id: "intro" is still a topic of this roadmap`,
    },
    {
      mistake: 'a pick-one topic without a group',
      edits: [topic('beta', 'group: lang\n', '')],
      expected: `${TOPICS}/beta.md:2:1: a pick-one topic needs a group (a choice group id)`,
    },
    {
      mistake: 'an unknown front matter field',
      edits: [topic('intro', 'estimateHours: 10', 'estimateHours: 10\ndifficulty: hard')],
      expected: `${TOPICS}/intro.md:6:1: unknown field "difficulty"`,
    },
    {
      mistake: 'broken YAML (a repeated key)',
      edits: [roadmap('title: Mini Roadmap', 'title: Mini Roadmap\ntitle: Again')],
      expected: `${ROADMAP}:3:1: YAML: Map keys must be unique`,
    },
    {
      mistake: 'a missing roadmap.yaml',
      edits: [{ file: ROADMAP, remove: true }],
      expected: `${ROADMAP}:1:1: roadmap.yaml is missing`,
    },
  ];

  for (const { mistake, edits, expected } of cases) {
    it(`reports ${mistake} at its file, line and column`, async () => {
      const lines = await brokenFixture(...edits);
      expect(lines, lines.join('\n')).toContain(expected);
    });
  }
});
