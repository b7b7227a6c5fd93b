// The map's layout, on its own numbers: every roadmap shipped and generated ones, both widths.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../test/helpers/app.ts';
import { type MeasuredMap, mapProblems } from '../../../test/helpers/map-geometry.ts';
import { bigRoadmap, longTitlesRoadmap, twelveOptionsRoadmap } from '../../../test/helpers/roadmaps.ts';
import type { Roadmap } from '../../content/model.ts';
import { layoutRoadmap, MAP_METRICS, type MapLayout, type MapWidth, titleWidth } from './layout.ts';
import { textWidth, wrapText } from './text.ts';

function measured(layout: MapLayout): MeasuredMap {
  return {
    width: layout.width,
    nodes: layout.nodes.map((n) => ({ id: n.topicId, box: n, text: [] })),
    sections: layout.sections.map((s) => ({ id: s.sectionId, box: s })),
    links: layout.links,
  };
}

describe('text on the server', () => {
  it('measures with the shipped font: wider text, wider number; bold wider than regular', () => {
    expect(textWidth('mmmm', 15)).toBeGreaterThan(textWidth('iiii', 15));
    expect(textWidth('Express.js', 15, 'bold')).toBeGreaterThan(textWidth('Express.js', 15));
    // Arial's (and Liberation Sans's) advance of "a" is 1139/2048 em.
    expect(textWidth('a', 2048)).toBeCloseTo(1139, 0);
  });

  it('wraps between words, never past the width, and cuts a word longer than a line', () => {
    const lines = wrapText('Understanding distributed consensus protocols in practice', 120, 15, 'bold');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe('Understanding distributed consensus protocols in practice');
    for (const line of lines) expect(textWidth(line, 15, 'bold')).toBeLessThanOrEqual(120);
    const cut = wrapText('Supercalifragilisticexpialidociousness', 100, 15, 'bold');
    expect(cut.join('')).toBe('Supercalifragilisticexpialidociousness');
    for (const line of cut) expect(textWidth(line, 15, 'bold')).toBeLessThanOrEqual(100);
  });
});

const catalog = await loadCatalog();
const generated: Roadmap[] = [bigRoadmap(), twelveOptionsRoadmap(), longTitlesRoadmap()];

describe.each(['wide', 'narrow'] as const)('the %s layout', (width: MapWidth) => {
  it.each([...catalog.roadmaps, ...generated].map((r) => [r.slug, r] as const))(
    'of %s: each topic once, no overlaps, no link through a box, sections in order, within its width',
    async (_slug, roadmap) => {
      const layout = await layoutRoadmap(roadmap, width);
      const problems = mapProblems(
        measured(layout),
        roadmap.topics.map((t) => t.id),
        roadmap.sections.map((s) => s.id),
      );
      expect(problems).toEqual([]);
      expect(layout.width).toBeLessThanOrEqual(MAP_METRICS[width].maxWidth);
      for (const node of layout.nodes) {
        expect(node.height).toBeGreaterThanOrEqual(44);
        for (const line of node.titleLines)
          expect(textWidth(line, MAP_METRICS[width].titleSize, 'bold')).toBeLessThanOrEqual(
            titleWidth(MAP_METRICS[width]),
          );
      }
      // Every title is there in full.
      for (const node of layout.nodes)
        expect(node.titleLines.join(' ').replace(/\s+/g, '')).toBe(
          roadmap.topicById.get(node.topicId)?.title.replace(/\s+/g, ''),
        );
    },
    60_000,
  );
});

it('links a topic to the option it needs, an alternative to its topic, and sections on a spine', async () => {
  const backend = catalog.bySlug.get('backend') as Roadmap;
  const layout = await layoutRoadmap(backend, 'wide');
  const links = layout.links.map((l) => `${l.kind} ${l.from}→${l.to}`);
  expect(links).toContain('when javascript→express');
  expect(links).toContain('alternative express→fastify');
  expect(links).toContain('branch languages→python');
  expect(links).toContain('spine languages→core');
});

it('would see a bad layout: overlapping boxes, a link through a box, sections out of order', () => {
  const box = (x: number, y: number) => ({ x, y, width: 100, height: 50 });
  const problems = mapProblems(
    {
      width: 400,
      nodes: [
        { id: 'a', box: box(0, 0), text: [{ x: 10, y: 10, width: 120, height: 10 }] },
        { id: 'b', box: box(50, 20), text: [] },
        { id: 'c', box: box(0, 200), text: [] },
      ],
      sections: [
        { id: 's2', box: box(0, 0) },
        { id: 's1', box: box(0, 10) },
      ],
      links: [
        {
          from: 'a',
          to: 'x',
          points: [
            { x: 20, y: 150 },
            { x: 20, y: 300 },
          ],
        },
      ],
    },
    ['a', 'b', 'c', 'd'],
    ['s1', 's2'],
  );
  expect(problems).toEqual([
    'topic d appears 0 times',
    'boxes a and b overlap',
    'text of a does not fit its box',
    'link a → x passes through c',
    'sections are s2,s1, not s1,s2',
    'section s1 does not start below s2',
  ]);
});
