// Every kind of authoring mistake, each made in a copy of a valid fixture, reported at file:line:column.
import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, type LoadOptions, type LoadResult, loadContent } from './load.ts';
import { isVideoUrl } from './rules.ts';

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
  return linesOf(await loadFixture(edits));
}

function linesOf({ dir, result }: { dir: string; result: LoadResult }): string[] {
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replaceAll(`${dir}/`, ''));
}

async function loadFixture(
  edits: Edit[],
  options: LoadOptions = {},
): Promise<{ dir: string; result: LoadResult }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trailmap-check-'));
  dirs.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    if (edit.remove) await unlink(file);
    else if (edit.write !== undefined) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, edit.write);
    } else if (edit.replace) {
      const text = await readFile(file, 'utf8');
      const changed = text.replace(edit.replace[0], edit.replace[1]);
      if (changed === text) throw new Error(`edit of ${edit.file} changed nothing`);
      await writeFile(file, changed);
    }
  }
  return { dir, result: await loadContent(dir, options) };
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
      mistake: 'a YouTube channel tagged as a video',
      edits: [
        topic(
          'intro',
          'https://articles.trailmap.dev/long\n    kind: article',
          'https://www.youtube.com/@trailmap\n    kind: video',
        ),
      ],
      expected: `${TOPICS}/intro.md:14:11: https://www.youtube.com/@trailmap is not a video: kind video points at a video, a playlist or a lecture page, not a site's home page or a channel`,
    },
    {
      mistake: 'a site’s home page tagged as a video',
      edits: [
        topic(
          'intro',
          'https://articles.trailmap.dev/long\n    kind: article',
          'https://videos.trailmap.dev/\n    kind: video',
        ),
      ],
      expected: `${TOPICS}/intro.md:14:11: https://videos.trailmap.dev/ is not a video: kind video points at a video, a playlist or a lecture page, not a site's home page or a channel`,
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

describe('video resources', () => {
  it('accept a YouTube video or playlist, a youtu.be link, a Vimeo video and a lecture page', async () => {
    for (const url of [
      'https://www.youtube.com/watch?v=abc123',
      'https://www.youtube.com/playlist?list=PLabc',
      'https://youtu.be/abc123',
      'https://vimeo.com/123456',
      'https://lectures.trailmap.dev/2026/weeks/1/',
    ]) {
      const lines = await brokenFixture(
        topic('intro', 'https://articles.trailmap.dev/long\n    kind: article', `${url}\n    kind: video`),
      );
      expect(lines, url).toEqual([]);
    }
  });

  it('refuse a YouTube channel, a YouTube search and a Vimeo profile', () => {
    for (const url of [
      'https://www.youtube.com/@trailmap',
      'https://www.youtube.com/c/trailmap',
      'https://www.youtube.com/results?search_query=trailmap',
      'https://vimeo.com/trailmap',
    ])
      expect(isVideoUrl(url), url).toBe(false);
  });
});

const fixtureText = (path: string) => readFile(`${FIXTURE}/${path}`, 'utf8');
const INTRO = await fixtureText(`${TOPICS}/intro.md`);
const BODY = INTRO.slice(INTRO.indexOf('\n---\n') + 5);
const RESOURCES = INTRO.slice(INTRO.indexOf('resources:'), INTRO.indexOf('\n---\n'));

/** A shared skill file: what a topic teaches, without a place in any roadmap. */
const skillFile = (front = '') =>
  `---\ntitle: Shared Skill\nestimateHours: 12\nsummary: A skill two roadmaps teach with the very same text.\n${front}${RESOURCES}\n---\n${BODY}`;
const SKILL: Edit = { file: 'skills/shared.md', write: skillFile() };
/** A second roadmap that lists the shared skill and one topic of its own. */
const OTHER: Edit[] = [
  {
    file: 'roadmaps/other/roadmap.yaml',
    write: `title: Other Roadmap\nsubtitle: A second roadmap.\ndescription: Lists the shared skill too.\nupdated: 2026-11-01\nsections:\n  - id: all\n    title: All\n    topics: [{ skill: shared }, own]\n`,
  },
  { file: 'roadmaps/other/topics/own.md', write: INTRO.replace('skill: shared-skill\n', '') },
];
const LISTED = roadmap('topics: [intro]', 'topics: [intro, { skill: shared }]');

describe('shared skills (content/skills/)', () => {
  it('gives every roadmap that lists a skill the same text, estimate and skill, placed by each roadmap', async () => {
    const { result } = await loadFixture([
      SKILL,
      ...OTHER,
      roadmap(
        'topics: [alpha, beta]',
        'topics: [alpha, beta, { skill: shared, type: optional, when: { lang: beta } }]',
      ),
    ]);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const mini = result.catalog.bySlug.get('mini')?.topicById.get('shared');
    const other = result.catalog.bySlug.get('other')?.topicById.get('shared');
    expect(mini).toMatchObject({
      skill: 'shared',
      type: 'optional',
      when: { lang: 'beta' },
      estimateHours: 12,
    });
    expect(other).toMatchObject({ skill: 'shared', type: 'required', when: null, estimateHours: 12 });
    expect(other?.bodyHtml).toBe(mini?.bodyHtml);
    expect(other?.resources).toEqual(mini?.resources);
  });

  const cases: { mistake: string; edits: Edit[]; expected: string }[] = [
    {
      mistake: 'a listed skill with no file',
      edits: [LISTED],
      expected: `${ROADMAP}:15:30: skill "shared" is listed but skills/shared.md does not exist`,
    },
    {
      mistake: 'a skill file no roadmap lists',
      edits: [SKILL],
      expected:
        'skills/shared.md:1:1: skill "shared" is not listed in any roadmap: add { skill: shared } to a section',
    },
    {
      mistake: 'an unknown field in a section entry',
      edits: [SKILL, roadmap('topics: [intro]', 'topics: [intro, { skill: shared, kind: x }]')],
      expected: `${ROADMAP}:15:38: unknown field "kind"`,
    },
    {
      mistake: 'a place in a roadmap written in the skill file',
      edits: [{ file: 'skills/shared.md', write: skillFile('type: required\n') }, LISTED],
      expected: 'skills/shared.md:5:1: unknown field "type"',
    },
    {
      mistake: 'a pick-one skill without its group, reported in roadmap.yaml',
      edits: [SKILL, roadmap('topics: [intro]', 'topics: [intro, { skill: shared, type: pick-one }]')],
      expected: `${ROADMAP}:15:21: a pick-one topic needs a group (a choice group id)`,
    },
    {
      mistake: 'a second topic file with the skill of a shared skill file',
      edits: [SKILL, LISTED, topic('alpha', /^---\n/, '---\nskill: shared\n')],
      expected: `${TOPICS}/alpha.md:2:8: skill "shared" is already the skill of skills/shared.md: a skill is one topic file, so list the shared one in content/skills/ from each roadmap, or give this topic its own skill`,
    },
    {
      mistake: 'two topic files of two roadmaps with the same skill',
      edits: [
        ...OTHER.slice(0, 1),
        { file: 'roadmaps/other/roadmap.yaml', replace: ['{ skill: shared }, own', 'own'] },
        { file: 'roadmaps/other/topics/own.md', write: INTRO },
      ],
      expected: `roadmaps/other/topics/own.md:4:8: skill "shared-skill" is already the skill of roadmaps/mini/topics/intro.md: a skill is one topic file, so list the shared one in content/skills/ from each roadmap, or give this topic its own skill`,
    },
    {
      mistake: 'a see-also link to an unknown topic',
      edits: [topic('intro', 'estimateHours: 10', 'estimateHours: 10\nseeAlso: [mini/alpha, mini/ghost]')],
      expected: `${TOPICS}/intro.md:6:23: seeAlso names unknown topic "mini/ghost"`,
    },
    {
      mistake: 'a malformed see-also link',
      edits: [topic('intro', 'estimateHours: 10', 'estimateHours: 10\nseeAlso: [alpha]')],
      expected: `${TOPICS}/intro.md:6:11: malformed see-also link "alpha": write roadmap/topic-id`,
    },
    {
      mistake: 'documentation tagged as a tool',
      edits: [
        topic(
          'intro',
          'https://articles.trailmap.dev/long\n    kind: article',
          'https://tools.trailmap.dev/docs/\n    kind: tool',
        ),
      ],
      expected: `${TOPICS}/intro.md:14:11: https://tools.trailmap.dev/docs/ is documentation, not a tool: use kind docs`,
    },
    {
      mistake: 'one URL with two kinds',
      edits: [topic('intro', 'kind: course', 'kind: interactive')],
      expected: `${TOPICS}/intro.md:18:11: https://courses.trailmap.dev/free is kind "course" in roadmaps/mini/topics/alpha-micro.md:19: one URL has one kind everywhere`,
    },
    {
      mistake: 'one URL with two kinds, written with a trailing slash once',
      edits: [
        topic(
          'intro',
          'https://courses.trailmap.dev/free\n    kind: course',
          'https://courses.trailmap.dev/free/\n    kind: video',
        ),
      ],
      expected: `${TOPICS}/intro.md:18:11: https://courses.trailmap.dev/free/ is kind "course" in roadmaps/mini/topics/alpha-micro.md:19: one URL has one kind everywhere`,
    },
  ];

  for (const { mistake, edits, expected } of cases) {
    it(`reports ${mistake} at its file, line and column`, async () => {
      const lines = await brokenFixture(...edits);
      expect(lines, lines.join('\n')).toContain(expected);
    });
  }
});

describe('links of a chosen option', () => {
  const SAME_LINK = 'the option this topic comes with: list each link once, in the topic it belongs to';

  const cases: { mistake: string; edits: Edit[]; expected: string }[] = [
    {
      mistake: 'a topic that comes with an option repeating a link of the option’s topic',
      edits: [
        topic('alpha-web', 'https://articles.trailmap.dev/long', 'https://articles.trailmap.dev/alpha'),
      ],
      expected: `${TOPICS}/alpha-web.md:14:10: https://articles.trailmap.dev/alpha is already a resource of "alpha" (${TOPICS}/alpha.md:14), ${SAME_LINK}`,
    },
    {
      mistake: 'the same link written without its trailing slash',
      edits: [topic('alpha-micro', 'https://docs.trailmap.dev/\n', 'https://docs.trailmap.dev/alpha\n')],
      expected: `${TOPICS}/alpha-micro.md:10:10: https://docs.trailmap.dev/alpha is already a resource of "alpha" (${TOPICS}/alpha.md:10), ${SAME_LINK}`,
    },
    {
      mistake: 'a shared skill placed with an option repeating a link of the option’s topic',
      edits: [
        {
          file: 'skills/shared.md',
          write: skillFile().replace(
            'https://articles.trailmap.dev/long',
            'https://articles.trailmap.dev/beta',
          ),
        },
        roadmap(
          'topics: [alpha, beta]',
          'topics: [alpha, beta, { skill: shared, type: optional, when: { lang: beta } }]',
        ),
      ],
      expected: `skills/shared.md:11:10: https://articles.trailmap.dev/beta is already a resource of "beta" (${TOPICS}/beta.md:14), ${SAME_LINK}`,
    },
  ];

  for (const { mistake, edits, expected } of cases) {
    it(`reports ${mistake} at its file, line and column`, async () => {
      const lines = await brokenFixture(...edits);
      expect(lines, lines.join('\n')).toContain(expected);
    });
  }

  it('lets a topic repeat a link of another option, and a topic for everyone repeat an option’s link', async () => {
    const lines = await brokenFixture(
      topic('alpha-web', 'https://articles.trailmap.dev/long', 'https://articles.trailmap.dev/beta'),
      topic('intro', 'https://articles.trailmap.dev/long', 'https://articles.trailmap.dev/alpha'),
    );
    expect(lines).toEqual([]);
  });
});

describe('check yourself questions', () => {
  const QUESTIONS = `check:\n${[1, 2, 3].map((n) => `  - question: What is question number ${n}?\n    answer: Its answer.\n`).join('')}`;

  it('are optional until --require-questions asks for them on every topic', async () => {
    expect(await brokenFixture()).toEqual([]);
    const lines = linesOf(
      await loadFixture([topic('intro', 'resources:', `${QUESTIONS}resources:`)], { requireQuestions: true }),
    );
    expect(lines).toContain(`${TOPICS}/alpha.md:2:1: no "Check yourself" questions: add 3-5 under check:`);
    expect(lines.filter((line) => line.includes('Check yourself'))).toHaveLength(4);
    expect(lines.some((line) => line.includes('intro.md'))).toBe(false);
  });

  it('must be 3 to 5 questions that end in a question mark', async () => {
    const two = QUESTIONS.replace(/ {2}- question: What is question number 3[\s\S]*$/, '');
    const lines = await brokenFixture(topic('intro', 'resources:', `${two}resources:`));
    expect(lines, lines.join('\n')).toContain(`${TOPICS}/intro.md:8:3: check needs at least 3 entries`);
    const unasked = QUESTIONS.replace('number 1?', 'number 1');
    expect(await brokenFixture(topic('intro', 'resources:', `${unasked}resources:`))).toContain(
      `${TOPICS}/intro.md:8:15: a question ends in "?": "What is question number 1"`,
    );
  });
});
