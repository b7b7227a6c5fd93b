// The map as a file of its own (map.svg, and the source of the PNG): the wide layout in the light
// theme with nobody's progress, as well-formed XML whatever the roadmap's titles hold.
import { renderToString } from 'preact-render-to-string';
import type { Roadmap } from '../../content/model.ts';
import { emptyState } from '../progress/state.ts';
import { mapsOf } from './layout.ts';
import { MapSvg } from './MapSvg.tsx';
import { asXml } from './xml.ts';

export async function renderStandaloneSvg(roadmap: Roadmap): Promise<string> {
  const maps = await mapsOf(roadmap);
  const svg = renderToString(
    MapSvg({ roadmap, layout: maps.wide, width: 'wide', state: emptyState(roadmap), standalone: true }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${asXml(svg)}`;
}
