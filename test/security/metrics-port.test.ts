// With METRICS_PORT set, /metrics lives on its own port only: no spelling of the path reaches it on
// the public port (sent over raw sockets, since fetch would normalise the targets).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { buildTestApp, loadCatalog, publicDir } from '../helpers/app.ts';
import { openTestDatabase } from '../helpers/db.ts';
import { rawRequest } from '../helpers/raw-http.ts';

const SPELLINGS = [
  '/metrics',
  '/metrics/',
  '/Metrics',
  '/METRICS/',
  '/%6detrics',
  '/%6Detrics/',
  '//metrics',
  '/metrics?format=text',
  '/metrics;x',
  '/./metrics',
];
const METRIC = 'trailmap_http_requests_total';

describe('metrics on a port of their own (METRICS_PORT)', () => {
  let app: App;
  let port: number;
  beforeAll(async () => {
    app = await buildApp({
      catalog: await loadCatalog(),
      database: await openTestDatabase('pglite'),
      publicDir,
      sessionTtlSeconds: 3600,
      authLimits: { windowSeconds: 60, perIp: 1000, perAccount: 1000 },
      closeDatabase: true,
      metricsListen: { port: 0, host: '127.0.0.1' },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('answers 404 to every spelling of /metrics on the public port', async () => {
    const targets = [...SPELLINGS, `http://127.0.0.1:${port}/metrics`, `http://127.0.0.1:${port}/metrics/`];
    for (const target of targets) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await rawRequest(port, { method, target });
        expect(answer.status, `${method} ${target}`).toBe(404);
        expect(answer.body, `${method} ${target}`).not.toContain(METRIC);
      }
    }
  });

  it('serves /metrics on the metrics port, and nothing else there', async () => {
    const metricsPort = app.metrics.listener?.port as number;
    expect(metricsPort).toBeGreaterThan(0);
    expect(metricsPort).not.toBe(port);
    const metrics = await rawRequest(metricsPort, { method: 'GET', target: '/metrics' });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain(METRIC);
    for (const target of ['/', '/roadmaps/backend', '/api/v1/me', '/healthz']) {
      expect((await rawRequest(metricsPort, { method: 'GET', target })).status, target).toBe(404);
    }
  });

  it('stops listening on the metrics port when the app closes', async () => {
    const separate = await buildApp({
      catalog: await loadCatalog(),
      database: await openTestDatabase('pglite'),
      publicDir,
      sessionTtlSeconds: 3600,
      authLimits: { windowSeconds: 60, perIp: 1000, perAccount: 1000 },
      closeDatabase: true,
      metricsListen: { port: 0, host: '127.0.0.1' },
    });
    await separate.ready();
    const metricsPort = separate.metrics.listener?.port as number;
    expect((await rawRequest(metricsPort, { method: 'GET', target: '/metrics' })).status).toBe(200);
    await separate.close();
    await expect(rawRequest(metricsPort, { method: 'GET', target: '/metrics' })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('reads METRICS_PORT and METRICS_HOST from the environment', () => {
    expect(readConfig({}).METRICS_PORT).toBeUndefined();
    expect(readConfig({}).METRICS_HOST).toBe('127.0.0.1');
    const config = readConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' });
    expect(config.METRICS_PORT).toBe(9464);
    expect(config.METRICS_HOST).toBe('0.0.0.0');
    expect(() => readConfig({ METRICS_PORT: '0' })).toThrow(
      'METRICS_PORT must be an integer from 1 to 65535',
    );
  });
});

describe('metrics without METRICS_PORT', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('serves /metrics on the app port, to be kept private at the proxy (deploy/nginx.conf)', async () => {
    const answer = await app.inject({ method: 'GET', url: '/metrics' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain(METRIC);
  });
});
