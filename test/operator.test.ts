// An operator's commands against a real embedded data directory, with and without a running server.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from './helpers/app.ts';
import { bin, startServerProcess } from './helpers/server-process.ts';

const run = promisify(execFile);
let dataDir: string;
const env = () => ({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '' });

async function trailmap(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], { cwd: repoRoot, env: env() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const startServer = () => startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });

const signIn = (base: string, email: string, password: string) =>
  fetch(`${base}/api/v1/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'trailmap-operator-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

it('lists, resets (a one-time password that must be changed) and deletes learners, and refuses to touch the data while a server holds it', async () => {
  const server = await startServer();
  const signup = await fetch(`${server.base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'Operator.Test@example.org', password: 'first password here' }),
  });
  expect(signup.status).toBe(201);

  const refused = await trailmap('user', 'list');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`is in use by process ${server.child.pid} (trailmap serve)`);
  for (const command of [['export'], ['import', path.join(dataDir, 'trailmap.lock')], ['migrate']]) {
    const busy = await trailmap(...command);
    expect(busy.code, command[0]).toBe(1);
    expect(busy.stderr, command[0]).toContain('is in use by process');
  }
  expect(await server.stop()).toBe(0);

  const listed = await trailmap('user', 'list');
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(
    /^Operator\.Test@example\.org\tsince \d{4}-\d{2}-\d{2}\t0 roadmap\(s\)\n1 learner\(s\)\n$/,
  );

  const promoted = await trailmap('user', 'promote', 'operator.test@example.org');
  expect(promoted.stdout).toBe(
    'Operator.Test@example.org is now an admin of this instance (the /admin page)\n',
  );
  expect((await trailmap('user', 'promote', 'nobody@example.org')).stderr).toContain(
    'no learner with the email nobody@example.org',
  );

  const reset = await trailmap('user', 'reset-password', 'operator.test@EXAMPLE.org');
  expect(reset.code).toBe(0);
  const oneTime = reset.stdout.trim().split('\n').at(-1) as string;
  expect(oneTime).toMatch(/^[A-Za-z0-9_-]{16}$/);

  const again = await startServer();
  expect((await signIn(again.base, 'operator.test@example.org', 'first password here')).status).toBe(401);
  const once = await signIn(again.base, 'operator.test@example.org', oneTime);
  expect(once.status).toBe(200);
  // It works once, and that session must choose a new password before anything else.
  expect((await signIn(again.base, 'operator.test@example.org', oneTime)).status).toBe(401);
  const cookie = (once.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const me = await fetch(`${again.base}/api/v1/me`, { headers: { cookie } });
  expect(me.status).toBe(403);
  expect(((await me.json()) as { error: string }).error).toBe('password_change_required');
  const page = await fetch(`${again.base}/roadmaps/backend`, { headers: { cookie }, redirect: 'manual' });
  expect(page.headers.get('location')).toBe('/account/password');
  expect(await again.stop()).toBe(0);

  const deleted = await trailmap('user', 'delete', 'operator.test@example.org');
  expect(deleted.stdout).toContain('deleted Operator.Test@example.org');
  expect((await trailmap('user', 'list')).stdout).toBe('0 learner(s)\n');
  expect((await trailmap('user', 'delete', 'nobody@example.org')).stderr).toContain(
    'no learner with the email nobody@example.org',
  );
  expect((await trailmap('migrate')).stdout).toContain('already up to date');

  // A backup taken from this directory restores into a new one.
  const exported = await trailmap('export');
  expect(exported.stdout.split('\n')[0]).toContain('"format":"trailmap-backup"');
}, 150_000);
