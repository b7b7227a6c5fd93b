// CSRF with real cross-origin requests: a page on another origin, in the same browser as a signed-in
// learner, tries every way to change their progress. Nothing gets through.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, startServer } from '../helpers/browser.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let attacker: Server;
let attackerOrigin: string;
/** What reached the server from the attacker's origin, and how it was answered. */
const fromAttacker: { method: string; url: string; status: number }[] = [];

// The attacker's page: a cross-origin fetch of each kind, and an auto-submitted form.
const attackPage = (target: string) => `<!doctype html><html><body>
<form id="f" method="post" action="${target}/roadmaps/backend/sql/status"><input name="status" value="done"></form>
<script>
const results = {};
const attempt = async (name, init, url = '${target}/api/v1/me/progress/backend/topics/sql') => {
  try { const r = await fetch(url, { credentials: 'include', ...init }); results[name] = r.status; }
  catch (e) { results[name] = 'blocked: ' + e.message; }
};
(async () => {
  await attempt('json-put', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"status":"done"}' });
  await attempt('text-put', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{"status":"done"}' });
  await attempt('simple-post', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"choices":{},"choicesUpdatedAt":{},"topics":{"sql":{"status":"done","updatedAt":"2026-01-01T00:00:00Z"}}}' }, '${target}/api/v1/me/progress/backend/merge');
  await attempt('delete', { method: 'DELETE' }, '${target}/api/v1/me/progress/backend');
  await attempt('read', { method: 'GET' }, '${target}/api/v1/me/progress/backend');
  await window.report(results);
  document.getElementById('f').submit();
})();
</script></body></html>`;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer((app) =>
      app.addHook('onResponse', async (request, reply) => {
        if (request.headers.origin === attackerOrigin) {
          fromAttacker.push({ method: request.method, url: request.url, status: reply.statusCode });
        }
      }),
    ),
  ]);
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(attackPage(server.baseUrl));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.app.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

it('refuses every state-changing request from another origin, for the API and for forms', async () => {
  const { email } = await seedLearner(server.app.database);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.baseUrl}/`);

  const evil = await context.newPage();
  let results: Record<string, unknown> = {};
  await evil.exposeFunction('report', (reported: Record<string, unknown>) => {
    results = reported;
  });
  const formPosted = evil.waitForResponse((r) => r.url().endsWith('/roadmaps/backend/sql/status'));
  await evil.goto(attackerOrigin);
  const formResponse = await formPosted;
  expect(formResponse.status()).toBe(403);
  // The browser stops what needs a preflight; the server refuses what reaches it.
  expect(String(results['json-put'])).toMatch(/^blocked/);
  expect(String(results['text-put'])).toMatch(/^blocked/);
  expect(String(results.delete)).toMatch(/^blocked/);
  expect(String(results.read)).toMatch(/^blocked/);
  // Reads reach the server but the browser keeps the answer from the other origin (no CORS headers).
  const reached = fromAttacker.filter((r) => r.method !== 'OPTIONS' && r.method !== 'GET');
  expect(reached.length).toBeGreaterThanOrEqual(2);
  for (const request of reached)
    expect([403, 415], `${request.method} ${request.url}`).toContain(request.status);

  const mine = await context.request.get(`${server.baseUrl}/api/v1/me/progress/backend`);
  expect((await mine.json()).topics).toEqual({});
  await context.close();
});
