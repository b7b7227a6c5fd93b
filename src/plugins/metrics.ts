// /metrics in Prometheus format: requests by route and status, latency, database pool and query
// timings, open live streams, and the process's own metrics. On the app's own port, or, when
// METRICS_PORT is set, only on that one (metrics-listener.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { listenForMetrics, type MetricsListen, type MetricsListener } from './metrics-listener.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      registry: Registry;
      queryDuration: Histogram<'kind'>;
      /** The metrics port's listener, once the app is ready, when metrics have a port of their own. */
      listener?: MetricsListener;
    };
  }
}

export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { listen?: MetricsListen | undefined }) => {
    // One registry per app, so several apps in one process (tests) do not collide.
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = new Counter({
      name: 'trailmap_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'trailmap_http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const queryDuration = new Histogram({
      name: 'trailmap_db_query_duration_seconds',
      help: 'Database query time',
      labelNames: ['kind'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
    new Gauge({
      name: 'trailmap_live_streams',
      help: 'Open live-sync event streams on this instance',
      registers: [registry],
      collect() {
        this.set(app.hasDecorator('live') ? app.live.openStreams : 0);
      },
    });
    new Gauge({
      name: 'trailmap_db_pool_connections',
      help: 'Database pool connections by state (PostgreSQL)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const pool = app.database.pool;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    const metrics: FastifyInstance['metrics'] = { registry, queryDuration };
    app.decorate('metrics', metrics);
    app.database.observeQueries((milliseconds, failed) =>
      queryDuration.observe({ kind: failed ? 'failed' : 'ok' }, milliseconds / 1000),
    );

    // A callback hook: no promise per request.
    app.addHook('onResponse', (request, reply, done) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });

    const { listen } = options;
    if (listen) {
      app.addHook('onReady', async () => {
        metrics.listener = await listenForMetrics(registry, listen);
      });
      app.addHook('onClose', async () => {
        await metrics.listener?.close();
      });
      return;
    }
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['database'] },
);
