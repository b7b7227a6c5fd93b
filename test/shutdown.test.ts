// Graceful shutdown: on SIGTERM the server finishes, closes live streams with a retry hint, closes
// the database and exits 0; the embedded data directory opens again with everything in it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './helpers/app.ts';
import { startServerProcess } from './helpers/server-process.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'trailmap-shutdown-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const start = () => startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });

it('closes live streams with a retry hint, exits 0 on SIGTERM, and leaves the data directory consistent', async () => {
  const first = await start();
  const signup = await fetch(`${first.base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'shutdown@example.org', password: 'stays after restart' }),
  });
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] as string;
  await fetch(`${first.base}/api/v1/me/progress/backend/topics/sql`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'done' }),
  });
  const stream = await fetch(`${first.base}/api/v1/me/events`, { headers: { cookie } });
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const received = (async () => {
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += new TextDecoder().decode(value);
    }
  })();
  expect(await first.stop('SIGTERM')).toBe(0);
  expect(await received).toMatch(/retry: 1000\n\n$/);

  const second = await start();
  try {
    const res = await fetch(`${second.base}/api/v1/me/progress/backend`, { headers: { cookie } });
    expect((await res.json()).topics.sql.status).toBe('done');
  } finally {
    expect(await second.stop('SIGINT')).toBe(0);
  }
}, 60_000);

it('ships a compose file with two instances, PostgreSQL and a load balancer that does not buffer live streams', async () => {
  const compose = parse(await readFile(path.join(repoRoot, 'compose.yaml'), 'utf8'));
  expect(Object.keys(compose.services).sort()).toEqual([
    'load-balancer',
    'postgres',
    'trailmap-a',
    'trailmap-b',
  ]);
  expect(compose.services['trailmap-b'].environment.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
  const nginx = await readFile(path.join(repoRoot, 'deploy/nginx.conf'), 'utf8');
  expect(nginx).toContain('server trailmap-a:3000');
  expect(nginx).toContain('server trailmap-b:3000');
  expect(nginx).toMatch(/location = \/api\/v1\/me\/events \{[^}]*proxy_buffering off;/);
  const dockerfile = await readFile(path.join(repoRoot, 'Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/^FROM node:24-bookworm-slim AS build$/m);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toContain('HEALTHCHECK');
});
