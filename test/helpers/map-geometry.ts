// The layout-quality rules of the map, checked on measured boxes (Chromium's getBBox, or the
// layout's own numbers in unit tests): each returns the problems it finds, as sentences.
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MeasuredMap {
  width: number;
  nodes: { id: string; box: Box; text: Box[] }[];
  sections: { id: string; box: Box }[];
  links: { from: string; to: string; points: { x: number; y: number }[] }[];
}

const inset = (b: Box, by: number): Box => ({
  x: b.x + by,
  y: b.y + by,
  width: b.width - 2 * by,
  height: b.height - 2 * by,
});

export const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (inner: Box, outer: Box, slack = 0.5) =>
  inner.x >= outer.x - slack &&
  inner.y >= outer.y - slack &&
  inner.x + inner.width <= outer.x + outer.width + slack &&
  inner.y + inner.height <= outer.y + outer.height + slack;

/** Whether the segment p-q crosses the box's interior (orthogonal or not, by sampling). */
export function segmentCrosses(p: { x: number; y: number }, q: { x: number; y: number }, box: Box): boolean {
  const b = inset(box, 1);
  const steps = Math.max(1, Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / 2));
  for (let i = 0; i <= steps; i++) {
    const x = p.x + ((q.x - p.x) * i) / steps;
    const y = p.y + ((q.y - p.y) * i) / steps;
    if (x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height) return true;
  }
  return false;
}

export function mapProblems(map: MeasuredMap, topicIds: string[], sectionIds: string[]): string[] {
  const problems: string[] = [];
  const seen = map.nodes.map((n) => n.id);
  for (const id of topicIds) {
    const count = seen.filter((s) => s === id).length;
    if (count !== 1) problems.push(`topic ${id} appears ${count} times`);
  }
  for (const [i, a] of map.nodes.entries()) {
    for (const b of map.nodes.slice(i + 1)) {
      if (overlap(a.box, b.box)) problems.push(`boxes ${a.id} and ${b.id} overlap`);
    }
    for (const text of a.text) {
      if (!inside(text, a.box)) problems.push(`text of ${a.id} does not fit its box`);
    }
  }
  for (const link of map.links) {
    for (const node of map.nodes) {
      if (node.id === link.from || node.id === link.to) continue;
      const crossed = link.points
        .slice(1)
        .some((q, i) => segmentCrosses(link.points[i] as { x: number; y: number }, q, node.box));
      if (crossed) problems.push(`link ${link.from} → ${link.to} passes through ${node.id}`);
    }
  }
  const order = map.sections.map((s) => s.id);
  if (order.join() !== sectionIds.join())
    problems.push(`sections are ${order.join()}, not ${sectionIds.join()}`);
  map.sections.slice(1).forEach((section, i) => {
    const above = map.sections[i] as MeasuredMap['sections'][number];
    if (section.box.y < above.box.y + above.box.height)
      problems.push(`section ${section.id} does not start below ${above.id}`);
  });
  return problems;
}
