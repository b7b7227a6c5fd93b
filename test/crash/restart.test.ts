// Restart after a crash, the way an operator meets it: `npm start`, the whole process group killed
// with SIGKILL (a container stop, the OOM killer), and `npm start` again at once on the same data
// directory. The PGlite lock must be free the moment its holder is dead, whatever is left behind: a
// zombie, a socket file, an old lock file naming a PID that now belongs to some other process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../faults/until.ts';
import { repoRoot } from '../helpers/app.ts';

interface Started {
  npm: ChildProcess;
  base: string;
  exited: Promise<number | null>;
}

/** `npm start` as the leader of a process group of its own, answering once it listens. */
function npmStart(dataDir: string): Promise<Started> {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk;
      const match = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) resolve({ npm, base: match[1], exited });
    };
    npm.stdout?.on('data', read);
    npm.stderr?.on('data', read);
    void exited.then((code) => reject(new Error(`npm start exited ${code}: ${out}`)));
  });
}

/** Signals every process of the group: npm, its shell and the server. */
function killGroup(started: Started, signal: NodeJS.Signals) {
  process.kill(-(started.npm.pid as number), signal);
  return started.exited;
}

/** Stops the server cleanly: npm exits at once, the server once it has closed its database. */
async function stopGroup(started: Started, dataDir: string) {
  await killGroup(started, 'SIGTERM');
  await until(
    'the server released the data directory',
    async () => !existsSync(path.join(dataDir, 'trailmap.lock')),
    30_000,
  );
}

describe('npm start after the process group was killed', () => {
  let dataDir: string;
  const running: Started[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'trailmap-restart-'));
  });
  afterAll(async () => {
    for (const started of running) await killGroup(started, 'SIGKILL').catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('comes up at once on the same data directory, with what was stored', async () => {
    const first = await npmStart(dataDir);
    running.push(first);
    const signup = await fetch(`${first.base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'restart@example.org', password: 'survives a kill -9' }),
    });
    expect(signup.status).toBe(201);
    await killGroup(first, 'SIGKILL');
    running.pop();

    const second = await npmStart(dataDir);
    running.push(second);
    expect((await fetch(`${second.base}/healthz`)).status).toBe(200);
    const signin = await fetch(`${second.base}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'restart@example.org', password: 'survives a kill -9' }),
    });
    expect(signin.status).toBe(200);
    await stopGroup(second, dataDir);
    running.pop();
  }, 120_000);

  it('comes up although an old lock file names a live process that is not Trailmap', async () => {
    // Older versions kept the holder's PID in this file; in a container the PID is soon another's.
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await rm(path.join(dataDir, 'trailmap.lock'), { force: true });
      await writeFile(
        path.join(dataDir, 'trailmap.lock'),
        JSON.stringify({ pid: unrelated.pid, holder: 'trailmap serve', since: new Date().toISOString() }),
      );
      const started = await npmStart(dataDir);
      running.push(started);
      expect((await fetch(`${started.base}/healthz`)).status).toBe(200);
      await stopGroup(started, dataDir);
      running.pop();
    } finally {
      unrelated.kill();
    }
  }, 60_000);
});
