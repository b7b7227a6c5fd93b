// Lays a roadmap out as a diagram with ELK's layered algorithm (elkjs): sections as groups on a
// spine from top to bottom, topics as boxes sized to hold their wrapped titles, Pick One options
// side by side under their choice, and links for `when` and `alternativeTo`. Pure geometry out;
// run once per content version (content/worker.ts), never while answering a request.
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Roadmap, Section, Topic } from '../../content/model.ts';
import { textWidth, wrapText } from './text.ts';

export type MapWidth = 'wide' | 'narrow';
export type LinkKind = 'spine' | 'branch' | 'when' | 'alternative';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapNode extends Box {
  topicId: string;
  titleLines: string[];
}

/** A label in a section that links lead from: a Pick One choice, or the option topics depend on. */
export interface MapChip extends Box {
  kind: 'choice' | 'condition';
  sectionId: string;
  group: string;
  /** The option a condition stands for (its topic id). */
  option: string | null;
  lines: string[];
}

export interface MapSection extends Box {
  sectionId: string;
  titleLines: string[];
}

export interface MapLink {
  kind: LinkKind;
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

export interface RoadmapMaps {
  wide: MapLayout;
  narrow: MapLayout;
}

export interface MapLayout {
  width: number;
  height: number;
  sections: MapSection[];
  chips: MapChip[];
  nodes: MapNode[];
  links: MapLink[];
  /** Milliseconds ELK took, for npm run bench. */
  took: number;
}

/** Sizes of text and boxes; the narrow layout is made for a phone's width (360-430 px). */
export interface MapMetrics {
  /** The widest the diagram may be. */
  maxWidth: number;
  nodeWidth: number;
  titleSize: number;
  lineHeight: number;
  statusSize: number;
  padding: number;
  columns: number;
}

export const MAP_METRICS: Record<MapWidth, MapMetrics> = {
  wide: {
    maxWidth: 1120,
    nodeWidth: 188,
    titleSize: 15,
    lineHeight: 19,
    statusSize: 14,
    padding: 10,
    columns: 4,
  },
  narrow: {
    maxWidth: 328,
    nodeWidth: 276,
    titleSize: 15,
    lineHeight: 19,
    statusSize: 14,
    padding: 10,
    columns: 1,
  },
};

/** Room for the number badge left of the title. */
export const BADGE = 30;
const BADGE_GAP = 8;
const STATUS_LINE = 20;
const SECTION_TITLE = { size: 17, lineHeight: 22 };
const SECTION_PADDING = 12;

export function titleWidth(metrics: MapMetrics): number {
  return metrics.nodeWidth - 2 * metrics.padding - BADGE - BADGE_GAP;
}

function nodeHeight(lines: number, metrics: MapMetrics): number {
  const text = Math.max(BADGE, lines * metrics.lineHeight);
  return Math.max(44, Math.ceil(metrics.padding + text + 4 + STATUS_LINE + metrics.padding));
}

const chipText = (text: string, metrics: MapMetrics) =>
  wrapText(text, metrics.nodeWidth - 2 * metrics.padding, metrics.statusSize, 'bold');

function choiceLines(roadmap: Roadmap, group: string, metrics: MapMetrics): string[] {
  const title = roadmap.choiceGroups.find((g) => g.id === group)?.title ?? group;
  return chipText(`Pick one: ${title}`, metrics);
}

function conditionLines(option: Topic, metrics: MapMetrics): string[] {
  return chipText(`If you chose ${option.title}`, metrics);
}

function sectionTitleLines(section: Section, metrics: MapMetrics): string[] {
  return wrapText(section.title, metrics.maxWidth - 2 * 8 - 2 * SECTION_PADDING, SECTION_TITLE.size, 'bold');
}

/** The parts of a section in order: single topics, Pick One groups, topics that need one option. */
type Block =
  | { kind: 'topic'; topic: Topic }
  | { kind: 'choice'; group: string; options: Topic[] }
  | { kind: 'condition'; group: string; option: Topic; topics: Topic[] };

function blocksOf(roadmap: Roadmap, section: Section): Block[] {
  const blocks: Block[] = [];
  const optionTopic = (group: string, option: string) =>
    roadmap.topics.find((t) => t.type === 'pick-one' && t.group === group && t.option === option);
  for (const topic of section.topics) {
    const condition = Object.entries(topic.when ?? {})[0];
    const option = condition ? optionTopic(condition[0], condition[1]) : undefined;
    if (topic.type === 'pick-one' && topic.group) {
      const group = blocks.find((b) => b.kind === 'choice' && b.group === topic.group);
      if (group?.kind === 'choice') group.options.push(topic);
      else blocks.push({ kind: 'choice', group: topic.group, options: [topic] });
    } else if (condition && option) {
      const block = blocks.find(
        (b) => b.kind === 'condition' && b.group === condition[0] && b.option === option,
      );
      if (block?.kind === 'condition') block.topics.push(topic);
      else blocks.push({ kind: 'condition', group: condition[0], option, topics: [topic] });
    } else {
      blocks.push({ kind: 'topic', topic });
    }
  }
  return blocks;
}

const chunk = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const topicNodeId = (id: string) => `topic:${id}`;

interface GraphParts {
  graph: ElkNode;
  links: Map<string, Omit<MapLink, 'points'>>;
  /** ELK node id → what it stands for. */
  kinds: Map<
    string,
    | { kind: 'section'; sectionId: string }
    | { kind: 'choice' | 'condition'; sectionId: string; group: string; option?: string }
  >;
}

/**
 * The ELK graph, one level inside the other: the roadmap lays its sections out on the spine
 * (layered); a section packs its blocks in rows in the content's order (rectpacking, as wide as the
 * diagram may be); a block lays out its choice and the topics under it (layered, links merged into
 * one branch). Rows of options longer than `columns` wrap through links that are laid out but not
 * drawn (`order:` ids).
 */
function graphOf(roadmap: Roadmap, metrics: MapMetrics): GraphParts {
  const links: GraphParts['links'] = new Map();
  const kinds: GraphParts['kinds'] = new Map();
  let edgeCount = 0;
  const link = (
    edges: ElkExtendedEdge[],
    kind: LinkKind | 'order',
    source: string,
    target: string,
    from = '',
    to = '',
  ) => {
    const id = `${kind}:${edgeCount++}`;
    edges.push({ id, sources: [source], targets: [target] });
    if (kind !== 'order') links.set(id, { kind, from, to });
  };
  const topicNode = (topic: Topic): ElkNode => {
    const lines = wrapText(topic.title, titleWidth(metrics), metrics.titleSize, 'bold');
    return { id: topicNodeId(topic.id), width: metrics.nodeWidth, height: nodeHeight(lines.length, metrics) };
  };
  const chipNode = (id: string, lines: string[]): ElkNode => ({
    id,
    width: Math.min(
      metrics.nodeWidth,
      Math.ceil(Math.max(...lines.map((l) => textWidth(l, metrics.statusSize, 'bold')))) +
        2 * metrics.padding,
    ),
    height: lines.length * metrics.lineHeight + 2 * 6,
  });
  const blockOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.mergeEdges': 'true',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
    'elk.spacing.nodeNode': '16',
    'elk.layered.spacing.nodeNodeBetweenLayers': '24',
    'elk.spacing.edgeNode': '10',
    'elk.spacing.edgeEdge': '8',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  };

  const sections: ElkNode[] = roadmap.sections.map((section) => {
    const titleLines = sectionTitleLines(section, metrics);
    kinds.set(`section:${section.id}`, { kind: 'section', sectionId: section.id });
    const blocks: ElkNode[] = blocksOf(roadmap, section).map((block, index) => {
      const blockId = `block:${section.id}:${index}`;
      if (block.kind === 'topic') return topicNode(block.topic);
      const edges: ElkExtendedEdge[] = [];
      const children: ElkNode[] = [];
      if (block.kind === 'choice') {
        const hubId = `choice:${section.id}:${block.group}`;
        kinds.set(hubId, { kind: 'choice', sectionId: section.id, group: block.group });
        children.push(chipNode(hubId, choiceLines(roadmap, block.group, metrics)));
        let above: Topic[] = [];
        for (const row of chunk(block.options, metrics.columns)) {
          row.forEach((option, i) => {
            children.push(topicNode(option));
            link(edges, 'branch', hubId, topicNodeId(option.id), section.id, option.id);
            const over = above[Math.min(i, above.length - 1)];
            if (over) link(edges, 'order', topicNodeId(over.id), topicNodeId(option.id));
          });
          above = row;
        }
      } else {
        const chipId = `condition:${section.id}:${index}`;
        kinds.set(chipId, {
          kind: 'condition',
          sectionId: section.id,
          group: block.group,
          option: block.option.id,
        });
        children.push(chipNode(chipId, conditionLines(block.option, metrics)));
        const here = new Set(block.topics.map((t) => t.id));
        const alternativesOf = new Map<string, Topic[]>([['', []]]);
        for (const topic of block.topics) {
          children.push(topicNode(topic));
          // An alternative hangs under the topic it stands in for; the others under the option.
          if (topic.alternativeTo && here.has(topic.alternativeTo)) {
            link(
              edges,
              'alternative',
              topicNodeId(topic.alternativeTo),
              topicNodeId(topic.id),
              topic.alternativeTo,
              topic.id,
            );
            alternativesOf.set(topic.alternativeTo, [
              ...(alternativesOf.get(topic.alternativeTo) ?? []),
              topic,
            ]);
          } else {
            link(edges, 'when', chipId, topicNodeId(topic.id), block.option.id, topic.id);
            alternativesOf.get('')?.push(topic);
          }
        }
        // Side by side only as many as a row holds (the option's topics, each topic's
        // alternatives); further ones go below.
        for (const list of alternativesOf.values()) {
          const rows = chunk(list, metrics.columns);
          rows.forEach((row, r) => {
            const above = rows[r - 1] ?? [];
            row.forEach((topic, i) => {
              const over = above[Math.min(i, above.length - 1)];
              if (over) link(edges, 'order', topicNodeId(over.id), topicNodeId(topic.id));
            });
          });
        }
      }
      return { id: blockId, layoutOptions: blockOptions, children, edges };
    });
    return {
      id: `section:${section.id}`,
      layoutOptions: {
        'elk.algorithm': 'rectpacking',
        'elk.rectpacking.widthApproximation.strategy': 'TARGET_WIDTH',
        'elk.rectpacking.widthApproximation.targetWidth': String(
          metrics.maxWidth - 2 * 8 - 2 * SECTION_PADDING,
        ),
        'elk.rectpacking.packing.strategy': 'SIMPLE',
        'elk.rectpacking.whiteSpaceElimination.strategy': 'NONE',
        'elk.spacing.nodeNode': '16',
        'elk.padding': `[top=${titleLines.length * SECTION_TITLE.lineHeight + 2 * SECTION_PADDING},left=${SECTION_PADDING},bottom=${SECTION_PADDING},right=${SECTION_PADDING}]`,
      },
      children: blocks,
    };
  });

  const spine: ElkExtendedEdge[] = [];
  roadmap.sections.forEach((section, i) => {
    const next = roadmap.sections[i + 1];
    if (next) link(spine, 'spine', `section:${section.id}`, `section:${next.id}`, section.id, next.id);
  });

  return {
    links,
    kinds,
    graph: {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.spacing.nodeNodeBetweenLayers': '28',
        'elk.padding': '[top=8,left=8,bottom=8,right=8]',
        'org.eclipse.elk.json.shapeCoords': 'ROOT',
        'org.eclipse.elk.json.edgeCoords': 'ROOT',
      },
      children: sections,
      edges: spine,
    },
  };
}

let elk: Promise<ElkApi> | undefined;

/** ELK (1.6 MB of JavaScript), loaded only where a layout is made: the server itself seldom needs it. */
function elkInstance(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => {
    // A CommonJS module whose export is the class; its typings call it an ES module's default.
    const ELK = module.default as unknown as new () => ElkApi;
    return new ELK();
  });
  return elk;
}

function boxOf(node: ElkNode): Box {
  return { x: node.x ?? 0, y: node.y ?? 0, width: node.width ?? 0, height: node.height ?? 0 };
}

export async function layoutRoadmap(roadmap: Roadmap, width: MapWidth): Promise<MapLayout> {
  const metrics = MAP_METRICS[width];
  const { graph, links, kinds } = graphOf(roadmap, metrics);
  const engine = await elkInstance();
  const started = performance.now();
  const laid = await engine.layout(graph);
  const took = performance.now() - started;

  const layout: MapLayout = {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    sections: [],
    chips: [],
    nodes: [],
    links: [],
    took,
  };
  const visit = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const meta = links.get(edge.id);
      const part = edge.sections?.[0];
      if (meta && part)
        layout.links.push({ ...meta, points: [part.startPoint, ...(part.bendPoints ?? []), part.endPoint] });
    }
    for (const child of node.children ?? []) {
      const kind = kinds.get(child.id);
      if (child.id.startsWith('topic:')) {
        const topic = roadmap.topicById.get(child.id.slice('topic:'.length)) as Topic;
        layout.nodes.push({
          topicId: topic.id,
          titleLines: wrapText(topic.title, titleWidth(metrics), metrics.titleSize, 'bold'),
          ...boxOf(child),
        });
      } else if (kind?.kind === 'section') {
        const section = roadmap.sections.find((s) => s.id === kind.sectionId) as Section;
        layout.sections.push({
          sectionId: section.id,
          titleLines: sectionTitleLines(section, metrics),
          ...boxOf(child),
        });
      } else if (kind?.kind === 'choice') {
        layout.chips.push({
          ...kind,
          option: null,
          lines: choiceLines(roadmap, kind.group, metrics),
          ...boxOf(child),
        });
      } else if (kind?.kind === 'condition') {
        const option = roadmap.topicById.get(kind.option as string) as Topic;
        layout.chips.push({
          ...kind,
          option: option.id,
          lines: conditionLines(option, metrics),
          ...boxOf(child),
        });
      }
      visit(child);
    }
  };
  visit(laid);
  const number = (id: string) => roadmap.topicById.get(id)?.number ?? 0;
  layout.nodes.sort((a, b) => number(a.topicId) - number(b.topicId));
  return layout;
}

/** Both layouts of a roadmap. */
export async function layoutMaps(roadmap: Roadmap): Promise<RoadmapMaps> {
  return { wide: await layoutRoadmap(roadmap, 'wide'), narrow: await layoutRoadmap(roadmap, 'narrow') };
}

const laidOut = new WeakMap<Roadmap, Promise<RoadmapMaps>>();

/**
 * The roadmap's maps: those the content loader made, or (running from the sources, in tests) made
 * now and kept for as long as this roadmap object lives, i.e. this content version.
 */
export function mapsOf(roadmap: Roadmap): Promise<RoadmapMaps> {
  if (roadmap.maps) return Promise.resolve(roadmap.maps);
  let maps = laidOut.get(roadmap);
  if (!maps) {
    maps = layoutMaps(roadmap);
    laidOut.set(roadmap, maps);
  }
  return maps;
}
