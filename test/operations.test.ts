// What an operator watches: Prometheus metrics and request ids that tie a response to its log lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { buildTestApp } from './helpers/app.ts';

let app: App;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

describe('operations', () => {
  it('publishes Prometheus metrics: requests by route and status, latency, queries, streams, process', async () => {
    await app.inject({ url: '/roadmaps/backend' });
    await app.inject({ url: '/api/v1/roadmaps/nope' });
    await app.inject({ url: '/readyz' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain(
      'trailmap_http_requests_total{method="GET",route="/roadmaps/:slug",status="200"} 1',
    );
    expect(text).toContain(
      'trailmap_http_requests_total{method="GET",route="/api/v1/roadmaps/:slug",status="404"} 1',
    );
    expect(text).toMatch(
      /trailmap_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/roadmaps\/:slug",status="200"\}/,
    );
    expect(text).toMatch(/trailmap_db_query_duration_seconds_count\{kind="ok"\} [1-9]/);
    expect(text).toContain('trailmap_live_streams 0');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('gives every response a request id', async () => {
    const first = await app.inject({ url: '/healthz' });
    const second = await app.inject({ url: '/healthz' });
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });
});
