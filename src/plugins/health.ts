// /healthz: up (content loaded, migrations run: the server only listens after both).
// /readyz: the database answers now.
import type { FastifyInstance } from 'fastify';

export async function healthPlugin(app: FastifyInstance) {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const { roadmaps, version } = app.content.catalog;
    reply.header('cache-control', 'no-store');
    return {
      status: 'ok',
      checks: {
        content: { roadmaps: roadmaps.length, version },
        migrations: { status: 'done' },
        database: { kind: app.database.kind },
      },
    };
  });

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const started = performance.now();
    try {
      await app.database.ping();
      return {
        status: 'ok',
        checks: { database: { answered: true, ms: Math.round(performance.now() - started) } },
      };
    } catch (error) {
      return reply.code(503).send({
        status: 'unavailable',
        checks: { database: { answered: false, error: (error as Error).message } },
      });
    }
  });
}
