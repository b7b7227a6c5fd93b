// Security headers on every kind of answer, the ones the router gives before any hook runs included,
// and personal API answers that no cache may keep.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedLearner } from '../helpers/db.ts';
import { type SignedIn, signInAs } from '../helpers/learners.ts';
import { rawRequest } from '../helpers/raw-http.ts';

let app: App;
let port: number;
let learner: SignedIn;
beforeAll(async () => {
  app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  learner = await signInAs(app, (await seedLearner(app.database)).email);
});
afterAll(() => app?.close());

const EXPECTED = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
};

describe('security headers', () => {
  it.each([
    ['a page', '/'],
    ['a 404', '/nothing-here'],
    ['a malformed address (400)', '/api/v1/roadmaps/%E0%A4%A'],
    ['an over-long address (414)', `/api/v1/roadmaps/${'a'.repeat(300)}`],
  ])('are on %s', async (_what, target) => {
    const res = await rawRequest(port, { method: 'GET', target });
    expect(res.status).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(EXPECTED)) expect(res.headers[name]?.[0], name).toBe(value);
    expect(res.headers['content-security-policy']?.[0]).toContain("frame-ancestors 'none'");
  });

  it('are on the 400 for a request the HTTP parser refuses', async () => {
    const res = await rawRequest(port, { method: 'GET', target: '/', headers: { 'bad header': 'x' } });
    expect(res.status).toBe(400);
    for (const [name, value] of Object.entries(EXPECTED)) expect(res.headers[name]?.[0], name).toBe(value);
  });
});

describe('personal API answers', () => {
  it.each([
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/me/progress/backend'],
    ['GET', '/api/v1/me/notes/backend/sql'],
    ['GET', '/api/v1/me/export'],
  ])('%s %s is private, no-store, signed in and out', async (method, url) => {
    const signedIn = await app.inject({ method: method as 'GET', url, headers: { cookie: learner.cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    const signedOut = await app.inject({ method: method as 'GET', url });
    expect(signedOut.headers['cache-control']).toMatch(/no-store/);
  });

  it('keeps answers to personal writes out of caches', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/progress/backend/topics/sql',
      payload: { status: 'done' },
      headers: { cookie: learner.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email: learner.email, password: 'correct horse battery staple' },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.headers['cache-control']).toBe('private, no-store');
  });
});
