// Draws a laid-out roadmap as SVG: the markup contract other tools rely on (svg[data-roadmap-map],
// a[data-topic][data-type][data-status], g[data-section], path[data-from][data-to]). Colours are
// presentation attributes in the light theme, so the standalone file and the PNG need no
// stylesheet; the page's stylesheet overrides them for dark mode, focus and folding.
import type { Roadmap, Topic } from '../../content/model.ts';
import { LEGEND } from '../../content/model.ts';
import type { TopicTypeName } from '../../content/schema.ts';
import type { LearnerState } from '../progress/state.ts';
import { STATUS_LABEL } from '../progress/views/StatusControl.tsx';
import { TYPE_LABEL } from '../roadmaps/views/labels.ts';
import { BADGE, MAP_METRICS, type MapLayout, type MapLink, type MapNode, type MapWidth } from './layout.ts';
import { MAP_FONT, textWidth, wrapText } from './text.ts';

/** The light theme (the same tokens as styles.css :root). */
export const PALETTE = {
  page: '#ffffff',
  section: '#f0f0eb',
  line: '#dcdcd3',
  ink: '#1c1f23',
  soft: '#4a5159',
  surface: '#ffffff',
  types: {
    required: { edge: '#b45309', tint: '#fef3e2', ink: '#7c3a06' },
    'pick-one': { edge: '#6d28d9', tint: '#f1ebfd', ink: '#4c1d95' },
    optional: { edge: '#5b6b7b', tint: '#eef1f4', ink: '#39444f' },
  } satisfies Record<TopicTypeName, { edge: string; tint: string; ink: string }>,
};

const LINK_STYLE: Record<MapLink['kind'], { stroke: string; width: number; dash?: string }> = {
  spine: { stroke: PALETTE.soft, width: 3 },
  branch: { stroke: PALETTE.types['pick-one'].edge, width: 2 },
  when: { stroke: PALETTE.types['pick-one'].edge, width: 1.5 },
  alternative: { stroke: PALETTE.types.optional.edge, width: 1.5, dash: '5 4' },
};

const pathOf = (points: { x: number; y: number }[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
const round = (n: number) => Math.round(n * 10) / 10;

/** Icons for each status, drawn in a 14 px square; the current one shows (CSS follows changes). */
function StatusIcons({ x, y, status }: { x: number; y: number; status: string }) {
  const c = { cx: x + 7, cy: y + 7, r: 6 };
  const shown = (s: string) => (s === status ? undefined : 'none');
  return (
    <g class="map-node__icons">
      <circle
        class="map-icon map-icon--pending"
        {...c}
        fill="none"
        stroke={PALETTE.soft}
        stroke-width="1.5"
        display={shown('pending')}
      />
      <g class="map-icon map-icon--learning" display={shown('learning')}>
        <circle {...c} fill="none" stroke="#1d4ed8" stroke-width="1.5" />
        <path d={`M${x + 7} ${y + 1} A6 6 0 0 1 ${x + 7} ${y + 13} Z`} fill="#1d4ed8" />
      </g>
      <g class="map-icon map-icon--done" display={shown('done')}>
        <circle {...c} fill="#15803d" />
        <path d={`M${x + 4} ${y + 7.2} l2 2 l4 -4.4`} fill="none" stroke="#ffffff" stroke-width="1.8" />
      </g>
      <g class="map-icon map-icon--skipped" display={shown('skipped')}>
        <circle {...c} fill="none" stroke={PALETTE.soft} stroke-width="1.5" />
        <path
          d={`M${x + 3} ${y + 7} h8 m-3 -3 l3 3 l-3 3`}
          fill="none"
          stroke={PALETTE.soft}
          stroke-width="1.5"
        />
      </g>
    </g>
  );
}

interface NodeProps {
  slug: string;
  topic: Topic;
  node: MapNode;
  width: MapWidth;
  status: LearnerState['topics'][string]['status'];
  folded: boolean;
}

function TopicNode({ slug, topic, node, width, status, folded }: NodeProps) {
  const m = MAP_METRICS[width];
  const colours = PALETTE.types[topic.type];
  const number = String(topic.number);
  const left = node.x + m.padding;
  const statusY = node.y + node.height - m.padding - 14;
  return (
    <a
      href={`/roadmaps/${slug}/${topic.id}`}
      class={`map-node map-node--${topic.type}${folded ? ' is-folded' : ''}`}
      data-topic={topic.id}
      data-topic-id={topic.id}
      data-type={topic.type}
      data-status={status}
    >
      <rect
        class="map-node__box"
        x={node.x}
        y={node.y}
        width={node.width}
        height={node.height}
        rx="8"
        fill={topic.type === 'pick-one' ? colours.tint : PALETTE.surface}
        stroke={colours.edge}
        stroke-width="2"
        stroke-dasharray={topic.type === 'optional' ? '6 4' : undefined}
      />
      <rect
        class="map-node__badge"
        x={left}
        y={node.y + m.padding}
        width={BADGE}
        height="22"
        rx="11"
        fill={colours.edge}
      />
      <text
        class="map-node__number"
        x={left + BADGE / 2}
        y={node.y + m.padding + 16}
        text-anchor="middle"
        font-size="14"
        font-weight="700"
        fill="#ffffff"
      >
        {number}
      </text>
      <text class="map-node__title" font-size={m.titleSize} font-weight="700" fill={PALETTE.ink}>
        {node.titleLines.map((line, i) => (
          <tspan key={i} x={left + BADGE + 8} y={node.y + m.padding + 16 + i * m.lineHeight}>
            {line}
          </tspan>
        ))}
      </text>
      <StatusIcons x={left} y={statusY} status={status} />
      <text
        class="map-node__status"
        x={left + 20}
        y={statusY + 12}
        font-size={m.statusSize}
        fill={PALETTE.soft}
      >
        <tspan data-status-label>{STATUS_LABEL[status]}</tspan>
      </text>
      <text
        class="map-node__type"
        x={node.x + node.width - m.padding}
        y={statusY + 12}
        text-anchor="end"
        font-size={m.statusSize}
        fill={colours.ink}
      >
        {TYPE_LABEL[topic.type]}
      </text>
    </a>
  );
}

function Link({ link }: { link: MapLink }) {
  const style = LINK_STYLE[link.kind];
  return (
    <path
      class={`map-link map-link--${link.kind}`}
      d={pathOf(link.points)}
      data-from={link.from}
      data-to={link.to}
      fill="none"
      stroke={style.stroke}
      stroke-width={style.width}
      stroke-dasharray={style.dash}
    />
  );
}

const LEGEND_HEIGHT = 40;

/** The legend as a row of swatches, drawn like the boxes they explain. */
function MapLegend({ x, y }: { x: number; y: number }) {
  let at = x;
  return (
    <g class="map-legend">
      {LEGEND.map((entry) => {
        const colours = PALETTE.types[entry.type];
        const start = at;
        at += 28 + textWidth(entry.label, 14, 'bold') + 18;
        return (
          <g key={entry.type} class={`map-legend__item map-legend__item--${entry.type}`}>
            <rect
              x={start}
              y={y + 8}
              width="22"
              height="16"
              rx="4"
              fill={entry.type === 'pick-one' ? colours.tint : PALETTE.surface}
              stroke={colours.edge}
              stroke-width="2"
              stroke-dasharray={entry.type === 'optional' ? '6 4' : undefined}
            />
            <text x={start + 28} y={y + 21} font-size="14" font-weight="700" fill={colours.ink}>
              {entry.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export interface MapSvgProps {
  roadmap: Roadmap;
  layout: MapLayout;
  width: MapWidth;
  state: LearnerState;
  /** A file of its own (map.svg, the PNG): with its title, a background and the SVG namespace. */
  standalone?: boolean;
}

export function MapSvg({ roadmap, layout, width, state, standalone = false }: MapSvgProps) {
  const titleLines = standalone ? wrapText(roadmap.title, layout.width - 16, 22, 'bold') : [];
  const top = titleLines.length * 28 + (standalone ? 12 : 0);
  const header = top + LEGEND_HEIGHT;
  const height = header + layout.height;
  const sectionOf = (link: MapLink) =>
    link.kind === 'spine' ? null : (roadmap.topicById.get(link.to)?.sectionId ?? null);
  return (
    <svg
      xmlns={standalone ? 'http://www.w3.org/2000/svg' : undefined}
      class={`map__svg map__svg--${width}`}
      data-roadmap-map={roadmap.slug}
      data-layout={width}
      viewBox={`0 0 ${layout.width} ${height}`}
      width={layout.width}
      height={height}
      font-family={MAP_FONT}
      role={standalone ? 'img' : 'group'}
      aria-label={`${roadmap.title}: map of ${roadmap.topics.length} topics`}
    >
      {standalone && <title>{roadmap.title}</title>}
      {standalone && <rect width="100%" height="100%" fill={PALETTE.page} />}
      {titleLines.map((line, i) => (
        <text key={i} x="8" y={30 + i * 28} font-size="22" font-weight="700" fill={PALETTE.ink}>
          {line}
        </text>
      ))}
      <MapLegend x={8} y={top} />
      <g transform={`translate(0 ${header})`}>
        {layout.links
          .filter((link) => link.kind === 'spine')
          .map((link) => (
            <Link key={`${link.from}-${link.to}`} link={link} />
          ))}
        {layout.sections.map((section) => (
          <g key={section.sectionId} class="map-section" data-section={section.sectionId}>
            <rect
              class="map-section__box"
              x={section.x}
              y={section.y}
              width={section.width}
              height={section.height}
              rx="12"
              fill={PALETTE.section}
              stroke={PALETTE.line}
            />
            <text class="map-section__title" font-size="17" font-weight="700" fill={PALETTE.ink}>
              {section.titleLines.map((line, i) => (
                <tspan key={i} x={section.x + 12} y={section.y + 12 + 17 + i * 22}>
                  {line}
                </tspan>
              ))}
            </text>
            {layout.links
              .filter((link) => sectionOf(link) === section.sectionId)
              .map((link) => (
                <Link key={`${link.kind}-${link.from}-${link.to}`} link={link} />
              ))}
            {layout.chips
              .filter((chip) => chip.sectionId === section.sectionId)
              .map((chip) => (
                <g key={`${chip.group}-${chip.option}`} class={`map-chip map-chip--${chip.kind}`}>
                  <rect
                    x={chip.x}
                    y={chip.y}
                    width={chip.width}
                    height={chip.height}
                    rx={Math.min(14, chip.height / 2)}
                    fill={PALETTE.types['pick-one'].tint}
                    stroke={PALETTE.types['pick-one'].edge}
                    stroke-dasharray={chip.kind === 'condition' ? '4 3' : undefined}
                  />
                  <text font-size="14" font-weight="700" fill={PALETTE.types['pick-one'].ink}>
                    {chip.lines.map((line, i) => (
                      <tspan key={i} x={chip.x + 10} y={chip.y + 6 + 14 + i * 19}>
                        {line}
                      </tspan>
                    ))}
                  </text>
                </g>
              ))}
            {layout.nodes
              .filter((node) => roadmap.topicById.get(node.topicId)?.sectionId === section.sectionId)
              .map((node) => {
                const topic = roadmap.topicById.get(node.topicId) as Topic;
                const topicState = state.topics[topic.id];
                return (
                  <TopicNode
                    key={topic.id}
                    slug={roadmap.slug}
                    topic={topic}
                    node={node}
                    width={width}
                    status={topicState?.status ?? 'pending'}
                    folded={topicState?.folded ?? false}
                  />
                );
              })}
          </g>
        ))}
      </g>
    </svg>
  );
}
