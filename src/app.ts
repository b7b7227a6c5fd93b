// build(): registers the cross-cutting plugins and the features, nothing else.
import compress from '@fastify/compress';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Catalog } from './content/model.ts';
import { roadmapsApi } from './features/roadmaps/api.ts';
import { roadmapPages } from './features/roadmaps/pages.ts';
import { apiDocsPlugin } from './plugins/api-docs.ts';
import { assetsPlugin } from './plugins/assets.ts';
import { type ContentHolder, contentPlugin } from './plugins/content.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { healthPlugin } from './plugins/health.ts';
import { pageCachePlugin } from './plugins/page-cache.ts';
import { securityPlugin } from './plugins/security.ts';

export interface BuildOptions {
  catalog: Catalog;
  /** Folder holding manifest.json and assets/ from the client build. */
  publicDir: string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: BuildOptions) {
  const holder: ContentHolder = { catalog: options.catalog };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    requestTimeout: 30_000,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(contentPlugin, { holder });
  await app.register(securityPlugin);
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(assetsPlugin, { publicDir: options.publicDir });
  await app.register(errorsPlugin);
  await app.register(pageCachePlugin);
  await app.register(apiDocsPlugin);
  await app.register(healthPlugin);
  await app.register(roadmapPages);
  await app.register(roadmapsApi);
  return Object.assign(app, { holder });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
