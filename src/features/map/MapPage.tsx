// A roadmap as a map: the learner's figures and choices, then the diagram in two layouts (wide and
// phone, chosen by CSS), zoom controls, downloads, and the same drawer as the list.
import type { Catalog, Roadmap } from '../../content/model.ts';
import { Breadcrumbs } from '../../views/Breadcrumbs.tsx';
import { Layout, type PageAssets, type Viewer } from '../../views/Layout.tsx';
import { JsonData } from '../../views/render.ts';
import { clientRoadmapData, type LearnerState } from '../progress/state.ts';
import { ChoicePanel } from '../roadmaps/views/ChoicePanel.tsx';
import { ProgressPanel } from '../roadmaps/views/ProgressPanel.tsx';
import { TopicDrawer } from '../roadmaps/views/TopicDrawer.tsx';
import { ViewSwitch } from '../roadmaps/views/ViewSwitch.tsx';
import type { RoadmapMaps } from './layout.ts';
import { MapSvg } from './MapSvg.tsx';

export interface MapPageProps {
  catalog: Catalog;
  roadmap: Roadmap;
  maps: RoadmapMaps;
  assets: PageAssets;
  state: LearnerState;
  viewer?: Viewer | undefined;
  progress?: unknown;
}

export function MapPage({ catalog, roadmap, maps, assets, state, viewer, progress }: MapPageProps) {
  const back = `/roadmaps/${roadmap.slug}/map`;
  return (
    <Layout
      title={`${roadmap.title} map · Trailmap`}
      description={roadmap.description}
      assets={assets}
      viewer={viewer}
    >
      <Breadcrumbs
        trail={[
          { href: '/', label: 'All Roadmaps' },
          { href: `/roadmaps/${roadmap.slug}`, label: roadmap.title },
          { label: 'Map' },
        ]}
      />
      <header class="page-header roadmap-header">
        <h1>{roadmap.title}</h1>
        <p class="subtitle">{roadmap.subtitle}</p>
        <ViewSwitch slug={roadmap.slug} current="map" />
      </header>
      <ProgressPanel roadmap={roadmap} state={state} viewer={viewer} />
      {roadmap.choiceGroups.map((group) => (
        <ChoicePanel
          key={group.id}
          slug={roadmap.slug}
          group={group}
          chosen={state.choices[group.id] ?? null}
          csrfToken={viewer?.csrfToken}
          back={back}
        />
      ))}
      <section class="map" aria-labelledby="map-title" data-map>
        <div class="map__bar">
          <h2 id="map-title" class="map__title">
            Map
          </h2>
          <div class="map__zoom" data-js-only hidden>
            <button type="button" class="button button--small button--secondary" data-map-zoom="out">
              <span aria-hidden="true">−</span>
              <span class="visually-hidden">Zoom out</span>
            </button>
            <button type="button" class="button button--small button--secondary" data-map-zoom="fit">
              Fit
            </button>
            <button type="button" class="button button--small button--secondary" data-map-zoom="in">
              <span aria-hidden="true">+</span>
              <span class="visually-hidden">Zoom in</span>
            </button>
          </div>
        </div>
        <p class="map__hint">
          Each box opens its topic; topics for other choices are shown faded.{' '}
          <a class="map__skip" href="#after-map">
            Skip the map
          </a>
        </p>
        <div class="map__viewport" data-map-viewport>
          <MapSvg roadmap={roadmap} layout={maps.wide} width="wide" state={state} />
          <MapSvg roadmap={roadmap} layout={maps.narrow} width="narrow" state={state} />
        </div>
        <p class="map__downloads" id="after-map" tabIndex={-1}>
          Download the map: <a href={`/roadmaps/${roadmap.slug}/map.svg`}>SVG</a> ·{' '}
          <a href={`/roadmaps/${roadmap.slug}/map.png`}>PNG</a>
        </p>
      </section>
      <TopicDrawer />
      <JsonData id="trailmap-roadmap" data={clientRoadmapData(catalog, roadmap)} />
      {progress !== undefined && <JsonData id="trailmap-progress" data={progress} />}
    </Layout>
  );
}
