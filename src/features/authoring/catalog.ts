// Custom roadmaps in the one catalogue every page, map, API and search reads (app.content.catalog):
// published ones are built once per published revision into the same model as official ones and
// merged in. Public ones are listed (catalogue, search); unlisted and private ones are reachable by
// address only, and a private one only by its owner: anyone else gets the 404 of a missing roadmap.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { Catalog, Roadmap } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { notFound } from '../../errors.ts';
import { buildFromDocument } from './document.ts';
import { type CustomRoadmapRow, findRevision, publishedCustomRoadmaps } from './store.ts';

/** Built roadmaps kept: one per published revision in use, and a few older ones while they change. */
const BUILT_KEPT = 20_000;

export interface CustomRoadmaps {
  /** Reads the published custom roadmaps again. */
  refresh(): Promise<void>;
  /** After a publish, visibility change or deletion: refreshes here and tells the other instances. */
  changed(slug: string): Promise<void>;
  /** Who may see a published custom roadmap; undefined for an official slug or an unknown one. */
  access(slug: string): CustomRoadmapRow | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    customRoadmaps: CustomRoadmaps;
  }
}

/** The author's name as the catalogue shows it: the part of their address before the @. */
export const authorNameOf = (email: string) => email.split('@')[0] ?? email;

export function mayView(row: CustomRoadmapRow, learnerId: string | undefined): boolean {
  return row.visibility !== 'private' || row.ownerId === learnerId;
}

function mergeCatalog(official: Catalog, custom: { row: CustomRoadmapRow; roadmap: Roadmap }[]): Catalog {
  if (custom.length === 0) return official;
  const visible = custom.filter((c) => !official.bySlug.has(c.row.slug));
  const listed = visible.filter((c) => c.row.visibility === 'public').map((c) => c.roadmap);
  const key = visible.map((c) => `${c.row.slug}@${c.row.publishedRevision}:${c.row.visibility}`).join(',');
  return {
    ...official,
    roadmaps: [...official.roadmaps, ...listed],
    bySlug: new Map([...official.bySlug, ...visible.map((c) => [c.row.slug, c.roadmap] as const)]),
    // Shared pages and search results are kept per version: a publish must change it.
    version: `${official.version}.${hashOf(key)}`,
  };
}

function hashOf(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36);
}

async function buildPublished(db: Db, built: LRUCache<string, Roadmap>, row: CustomRoadmapRow) {
  const key = `${row.slug}@${row.publishedRevision}`;
  const cached = built.get(key);
  if (cached) return cached;
  const revision = await findRevision(db, row.slug, row.publishedRevision as number);
  if (!revision) return undefined;
  const roadmap: Roadmap = {
    ...buildFromDocument(row.slug, revision.document, revision.createdAt.toISOString().slice(0, 10)),
    community: { author: authorNameOf(row.ownerEmail), forkedFrom: row.forkedFrom },
  };
  built.set(key, roadmap);
  return roadmap;
}

/** The slug a request names, in its address or as the search's roadmap filter. */
const slugOf = (request: FastifyRequest) =>
  (request.params as { slug?: unknown } | undefined)?.slug ??
  (request.query as { roadmap?: unknown } | undefined)?.roadmap;

export const customRoadmapsPlugin = fp(
  async (app: FastifyInstance) => {
    const holder = app.content;
    let official = holder.catalog;
    let custom: { row: CustomRoadmapRow; roadmap: Roadmap }[] = [];
    let merged = official;
    const access = new Map<string, CustomRoadmapRow>();
    const built = new LRUCache<string, Roadmap>({ max: BUILT_KEPT });
    // The catalogue is read everywhere as holder.catalog and replaced there when content files
    // change (--watch): reading it answers the merged one, replacing it replaces the official part.
    Object.defineProperty(holder, 'catalog', {
      get: () => merged,
      set: (catalog: Catalog) => {
        official = catalog;
        merged = mergeCatalog(official, custom);
      },
      configurable: true,
      enumerable: true,
    });

    let refreshing: Promise<void> = Promise.resolve();
    const refresh = async () => {
      const rows = await publishedCustomRoadmaps(app.db);
      const next: typeof custom = [];
      for (const row of rows) {
        const roadmap = await buildPublished(app.db, built, row);
        if (roadmap) next.push({ row, roadmap });
      }
      custom = next;
      access.clear();
      for (const c of next) access.set(c.row.slug, c.row);
      merged = mergeCatalog(official, custom);
    };

    app.decorate('customRoadmaps', {
      // One refresh after another: a slow earlier one must not overwrite a later one's answer.
      refresh: () => {
        refreshing = refreshing.then(refresh, refresh);
        return refreshing;
      },
      access: (slug: string) => (official.bySlug.has(slug) ? undefined : access.get(slug)),
      changed: async (slug: string) => {
        await app.customRoadmaps.refresh();
        app.changes.publish('roadmaps', slug);
      },
    });
    app.addHook('onReady', () => app.customRoadmaps.refresh());
    // Another instance published, hid or deleted one; or notifications may have been missed.
    app.changes.subscribe((event) => {
      if (event.type === 'reset' || (event.kind === 'roadmaps' && event.source === 'remote')) {
        app.customRoadmaps
          .refresh()
          .catch((error) => app.log.warn({ err: error }, 'custom roadmaps not reloaded'));
      }
    });

    app.addHook('preHandler', (request, _reply, done) => {
      const slug = slugOf(request);
      if (typeof slug !== 'string' || access.size === 0) return done();
      const row = app.customRoadmaps.access(slug);
      if (row && !mayView(row, request.session?.learner.id))
        return done(notFound(`There is no roadmap "${slug}"`));
      done();
    });
  },
  { name: 'custom-roadmaps', dependencies: ['content', 'database', 'session'] },
);
