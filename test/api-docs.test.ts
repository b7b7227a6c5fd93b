// The API reference at /api/docs: Trailmap's own (title, icon, a way home) and about the JSON API
// only, every operation with a summary, generated from the same schemas that validate requests.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { buildTestApp } from './helpers/app.ts';

let app: App;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

type Operation = { summary?: string; tags?: string[] };
const openApi = async () =>
  (await app.inject({ url: '/api/docs/json' })).json() as {
    info: { title: string };
    paths: Record<string, Record<string, Operation>>;
  };

it('documents every route of the JSON API and nothing else', async () => {
  const doc = await openApi();
  const documented = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  const apiRoutes = app.routeTable
    .filter((route) => route.url.startsWith('/api/v1/'))
    .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`)
    .sort();
  expect(documented).toEqual(apiRoutes);
  expect(documented).toContain('GET /api/v1/me/events');
  expect(documented.filter((key) => !key.includes(' /api/v1/'))).toEqual([]);
});

it('gives every operation a summary and a tag', async () => {
  const doc = await openApi();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      expect(operation.summary, `${method} ${path}`).toMatch(/^[A-Z].{5,}/);
      expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
  }
});

it('serves the reference titled "Trailmap API" with Trailmap’s icon and theme', async () => {
  expect((await openApi()).info.title).toBe('Trailmap API');
  const page = await app.inject({ url: '/api/docs/' });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<title>Trailmap API</title>');
  expect(page.body).toMatch(/<link rel="icon" type="image\/svg\+xml" href="[^"]*theme\/favicon\.svg"/);
  expect(page.body).toMatch(/theme\/trailmap\.css/);
  expect(page.body).toMatch(/theme\/trailmap\.js/);
  const icon = await app.inject({ url: '/api/docs/static/theme/favicon.svg' });
  expect(icon.body).toContain('<title>Trailmap</title>');
});
