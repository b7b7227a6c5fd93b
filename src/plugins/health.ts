// /healthz: the server answers only once content is loaded, so 200 here means ready to serve.
import type { FastifyInstance } from 'fastify';

export async function healthPlugin(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true } }, async () => {
    const { roadmaps, version } = app.content.catalog;
    return {
      status: 'ok',
      checks: { content: { roadmaps: roadmaps.length, version } },
    };
  });
}
