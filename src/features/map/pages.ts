// The map of a roadmap: the page (shared, or the signed-in learner's with their progress), the
// standalone SVG and the PNG. All are made once per content version and served from memory.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SHARED_PAGE_CACHE_CONTROL } from '../../plugins/page-cache.ts';
import { renderDocument } from '../../views/render.ts';
import { viewerOf } from '../accounts/viewer.ts';
import { viewOf } from '../progress/service.ts';
import { emptyState, stateOf } from '../progress/state.ts';
import { findRoadmap } from '../roadmaps/lookup.ts';
import { mapsOf } from './layout.ts';
import { MapPage } from './MapPage.tsx';
import { renderPng } from './png.ts';
import { renderStandaloneSvg } from './standalone.ts';

export async function mapPages(app: FastifyInstance) {
  app.get<{ Params: { slug: string } }>('/roadmaps/:slug/map', async (request, reply) => {
    const catalog = app.content.catalog;
    const roadmap = findRoadmap(catalog, request.params.slug);
    const maps = await mapsOf(roadmap);
    if (!request.session) {
      return reply.sendSharedPage(`map:${roadmap.slug}`, () =>
        renderDocument(MapPage({ catalog, roadmap, maps, assets: app.assets, state: emptyState(roadmap) })),
      );
    }
    const records = await app.progress.read(request.session.learner.id);
    return reply.sendPersonalPage(`map:${roadmap.slug}`, records, () => {
      const progress = viewOf(catalog, roadmap, records);
      const state = stateOf(catalog, roadmap, progress, false);
      const viewer = viewerOf(request, reply);
      return renderDocument(MapPage({ catalog, roadmap, maps, assets: app.assets, state, viewer, progress }));
    });
  });

  app.get<{ Params: { slug: string } }>('/roadmaps/:slug/map.svg', async (request, reply) => {
    const roadmap = findRoadmap(app.content.catalog, request.params.slug);
    const svg = await renderStandaloneSvg(roadmap);
    return reply.sendSharedPage(`map.svg:${roadmap.slug}`, () => svg, 'image/svg+xml; charset=utf-8');
  });

  // PNGs are compressed already: kept as they are, per content version.
  let version = '';
  let pngs = new Map<string, Promise<{ bytes: Buffer; etag: string }>>();
  app.get<{ Params: { slug: string } }>('/roadmaps/:slug/map.png', async (request, reply) => {
    const catalog = app.content.catalog;
    const roadmap = findRoadmap(catalog, request.params.slug);
    if (catalog.version !== version) {
      version = catalog.version;
      pngs = new Map();
    }
    let png = pngs.get(roadmap.slug);
    if (!png) {
      png = renderStandaloneSvg(roadmap)
        .then(renderPng)
        .then((bytes) => ({
          bytes,
          etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`,
        }));
      png.catch(() => pngs.delete(roadmap.slug));
      pngs.set(roadmap.slug, png);
    }
    const { bytes, etag } = await png;
    reply.header('cache-control', SHARED_PAGE_CACHE_CONTROL).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply
      .type('image/png')
      .header('content-disposition', `inline; filename="trailmap-${roadmap.slug}-map.png"`)
      .send(bytes);
  });
}
