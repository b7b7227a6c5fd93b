// Weight budgets, measured as the browser loads the page: what goes over the wire, compressed.
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';

const e2e = useBrowserAndServer();

it('keeps the backend roadmap page within 40 KB compressed in all, its JavaScript within 20 KB gzip, all self-hosted', async () => {
  const { page, context } = await openPage(e2e.browser);
  const loaded: { url: string; type: string; bytes: number }[] = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes();
    loaded.push({
      url: request.url(),
      type: request.resourceType(),
      bytes: sizes.responseBodySize + sizes.responseHeadersSize,
    });
  });
  await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`, { waitUntil: 'networkidle' });
  await context.close();

  const total = loaded.reduce((sum, r) => sum + r.bytes, 0);
  console.info(`weight: ${loaded.map((r) => `${r.type} ${r.bytes} B`).join(', ')}; total ${total} B`);
  expect(loaded.every((r) => r.url.startsWith(e2e.server.baseUrl))).toBe(true);
  expect(total).toBeLessThanOrEqual(40 * 1024);

  const scripts = loaded.filter((r) => r.type === 'script');
  let jsGzip = 0;
  for (const script of scripts)
    jsGzip += gzipSync(Buffer.from(await (await fetch(script.url)).arrayBuffer()), { level: 9 }).length;
  expect(scripts.length).toBeGreaterThan(0);
  expect(jsGzip).toBeLessThanOrEqual(20 * 1024);
});

it('keeps the backend map page within 60 KB compressed with its script', async () => {
  const { page, context } = await openPage(e2e.browser);
  let total = 0;
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes();
    total += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/map`, { waitUntil: 'networkidle' });
  await context.close();
  console.info(`map page weight: ${total} B`);
  expect(total).toBeGreaterThan(10 * 1024); // it did load the map
  expect(total).toBeLessThanOrEqual(60 * 1024);
});
