// Property-based fuzzing: every route of the app, driven with generated bad input,
// signed in and signed out. No 5xx, no hang, the one error shape, and a healthy server afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedLearner } from '../helpers/db.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const TIMEOUT_MS = 5000;

interface Operation {
  method: string;
  path: string;
  params: string[];
}

let app: App;
let learnerId: string;
let operations: Operation[];
const seen = { cases: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  app = await buildTestApp({ authLimits: { perIp: 1_000_000, perAccount: 1_000_000 } });
  learnerId = (await seedLearner(app.database, 'fuzz@example.org')).id;
  // Every route: the JSON API, pages and forms. The live stream stays open by design (test/e2e/live.test.ts).
  operations = app.routeTable
    .filter((route) => route.url !== '/api/v1/me/events')
    .map(({ method, url }) => {
      const path = url.replace(/:(\w+)/g, '{$1}').replace('*', '{wildcard}');
      return { method, path, params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string) };
    });
});
afterAll(async () => {
  const statuses = [...seen.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.info(
    `fuzz: ${seen.cases} cases over ${operations.length} operations; statuses ${statuses.join(' ')}`,
  );
  await app.close();
});

const nasty = fc.oneof(
  fc.constantFrom(
    'backend',
    'sql',
    'language',
    'core',
    'python',
    '',
    '..',
    '%00',
    '../../etc/passwd',
    'a'.repeat(150),
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    '${7*7}',
    '\u0000\uFFFF',
  ),
);
const body = fc.oneof(
  fc.jsonValue(),
  fc.object(),
  fc.record({ email: nasty, password: nasty }),
  fc.record({ status: nasty }),
  fc.record({ option: fc.oneof(nasty, fc.constant(null)) }),
  fc.record({ markdown: nasty }),
  fc.record({ choices: fc.object(), choicesUpdatedAt: fc.object(), topics: fc.object() }),
  fc.record({
    choices: fc.dictionary(nasty, fc.oneof(nasty, fc.constant(null))),
    choicesUpdatedAt: fc.dictionary(
      nasty,
      fc.oneof(
        nasty,
        fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
      ),
    ),
    topics: fc.dictionary(nasty, fc.record({ status: nasty, updatedAt: nasty })),
  }),
  fc.constant(JSON.parse(`{"a":${'['.repeat(200)}1${']'.repeat(200)}}`)),
);
const rawBody = fc.oneof(
  body.map((value) => ({ type: 'application/json', payload: JSON.stringify(value) })),
  fc.string().map((payload) => ({ type: 'application/json', payload })),
  fc.string().map((payload) => ({ type: 'text/plain', payload })),
  fc.string().map((payload) => ({ type: 'application/x-www-form-urlencoded', payload })),
  fc.constant({ type: 'application/json', payload: '['.repeat(5000) }),
  fc.constant(undefined),
);

const requestArb = fc.record({
  operation: fc.integer({ min: 0, max: 10_000 }),
  params: fc.array(nasty, { minLength: 4, maxLength: 4 }),
  query: fc.dictionary(fc.constantFrom('all', 'next', 'notice', 'q', 'download'), nasty),
  body: rawBody,
  signedIn: fc.boolean(),
  crossSite: fc.boolean(),
});

it(`answers ${RUNS} generated bad requests without a 5xx, a hang or a shapeless error`, async () => {
  await fc.assert(
    fc.asyncProperty(requestArb, async (input) => {
      const operation = operations[input.operation % operations.length] as Operation;
      let url = operation.path;
      operation.params.forEach((name, i) => {
        url = url.replace(`{${name}}`, encodeURIComponent(input.params[i] ?? ''));
      });
      const query = new URLSearchParams(input.query).toString();
      const headers: Record<string, string> = {};
      if (input.signedIn) headers.cookie = `trailmap_session=${await app.sessions.start(learnerId)}`;
      if (input.crossSite)
        Object.assign(headers, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      if (input.body) headers['content-type'] = input.body.type;
      const hasBody = input.body && !['GET', 'DELETE'].includes(operation.method);
      const res = await Promise.race([
        app.inject({
          method: operation.method as 'GET',
          url: query ? `${url}?${query}` : url,
          headers,
          ...(hasBody ? { payload: input.body?.payload } : {}),
        }),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`hang: ${operation.method} ${url}`)), TIMEOUT_MS),
        ),
      ]);
      seen.cases++;
      seen.byStatus.set(res.statusCode, (seen.byStatus.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `${operation.method} ${url}`).toBeLessThan(500);
      if (res.statusCode >= 400 && url.startsWith('/api/v1/')) {
        const parsed = res.json();
        expect(typeof parsed.error, `${operation.method} ${url}`).toBe('string');
        expect(typeof parsed.message, `${operation.method} ${url}`).toBe('string');
      }
    }),
    { numRuns: RUNS },
  );
  expect(seen.cases).toBe(RUNS);
  expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
}, 600_000);
