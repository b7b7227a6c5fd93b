// Writes a roadmap whose every text field carries an XSS payload, valid for the content checker.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

const FILLER = Array.from({ length: 90 }, (_, i) => `word${i}`).join(' ');

export async function writeXssRoadmap(root: string, payloads: string[]): Promise<string[]> {
  const dir = path.join(root, 'roadmaps', 'xss');
  await mkdir(path.join(dir, 'topics'), { recursive: true });
  const ids = payloads.map((_, i) => `t${i + 1}`);
  const p = (i: number) => payloads[i % payloads.length] as string;
  await writeFile(
    path.join(dir, 'roadmap.yaml'),
    stringify({
      title: `XSS ${p(0)}`,
      subtitle: `Subtitle ${p(1)}`,
      description: `Description ${p(2)}`.slice(0, 200),
      updated: '2026-11-25',
      choiceGroups: [
        {
          id: 'lang',
          title: `Group ${p(3)}`,
          options: [
            { id: 'a', title: p(4) },
            { id: 'b', title: p(5) },
          ],
        },
      ],
      sections: [
        {
          id: 'first',
          title: `Section ${p(6)}`,
          intro: `Intro ${p(7)}`,
          topics: ['pick-a', 'pick-b', ...ids.slice(0, 25)],
        },
        { id: 'second', title: `Section ${p(8)}`, intro: `Intro ${p(9)}`, topics: ids.slice(25) },
      ],
      faq: payloads
        .slice(0, 10)
        .map((payload, i) => ({ question: `Question ${payload}?`, answer: `Answer ${p(i + 10)}` })),
    }),
  );
  const topicFile = (front: object, body: string) => `---\n${stringify(front)}---\n${body}\n`;
  const resources = (i: number) => [
    {
      title: `Docs ${p(i)}`,
      url: `https://docs.trailmap-xss.dev/${encodeURIComponent(p(i))}`,
      kind: 'docs',
      free: true,
    },
    { title: p(i + 1), url: `https://learn.trailmap-xss.dev/?q=${p(i + 2)}`, kind: 'article', free: true },
    { title: p(i + 3), url: `https://video.trailmap-xss.dev/watch?v=x${i}`, kind: 'video', free: true },
  ];
  for (const [option, i] of [
    ['a', 11],
    ['b', 12],
  ] as const) {
    await writeFile(
      path.join(dir, 'topics', `pick-${option}.md`),
      topicFile(
        {
          title: p(i),
          type: 'pick-one',
          group: 'lang',
          option,
          estimateHours: 5,
          summary: `${p(i)} is one option to choose here`,
          resources: resources(i),
        },
        `${p(i)}\n\n${FILLER}`,
      ),
    );
  }
  for (const [i, id] of ids.entries()) {
    const front: Record<string, unknown> = {
      title: p(i),
      type: i % 3 === 0 ? 'required' : i % 3 === 1 ? 'optional' : 'required',
      estimateHours: 3,
      summary: `${p(i)} makes a summary of five words`,
      resources: resources(i),
    };
    if (i % 5 === 0) front.when = { lang: 'a' };
    await writeFile(
      path.join(dir, 'topics', `${id}.md`),
      topicFile(
        front,
        `${p(i)}\n\n${p(i + 1)} [link](javascript:alert(${i})) <b onclick=alert(${i})>x</b>\n\n${FILLER}`,
      ),
    );
  }
  return ids;
}
