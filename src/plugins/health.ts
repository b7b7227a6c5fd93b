// /healthz: up (content loaded, migrations run: the server only listens after both).
// /readyz: the database answers now, and has room for writes. Its problem is named by kind
// ("timeout", "disk_full"), never by the driver's message, which may name hosts and users.
import type { FastifyInstance } from 'fastify';
import { unavailability } from '../db/unavailable.ts';

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

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const started = performance.now();
    try {
      await app.database.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'readiness: the database does not answer');
      return reply.code(503).send({
        status: 'unavailable',
        checks: { database: { answered: false, problem: unavailability(error) ?? 'failed' } },
      });
    }
    const ms = Math.round(performance.now() - started);
    if (app.database.diskFull()) {
      return reply.code(503).send({
        status: 'unavailable',
        checks: { database: { answered: true, ms, problem: 'disk_full' } },
      });
    }
    return { status: 'ok', checks: { database: { answered: true, ms } } };
  });
}
