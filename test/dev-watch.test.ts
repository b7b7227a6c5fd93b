// `npm run dev`: an author saves a file and sees the change on reload; broken content keeps the last good version.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from './helpers/app.ts';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

it('reloads content when an author saves a file, and keeps serving the last good version on a mistake', {
  timeout: 60_000,
}, async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trailmap-watch-'));
  await cp(path.join(repoRoot, 'test/fixtures/mini'), path.join(dir, 'content'), { recursive: true });
  const child = spawn('node', [path.join(repoRoot, 'bin/trailmap.js'), 'serve', '--watch'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      CONTENT_DIR: path.join(dir, 'content'),
      DATA_DIR: path.join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let log = '';
    child.stdout.on('data', (chunk) => {
      log += chunk;
    });
    await eventually(async () => /Server listening at/.test(log));
    const base = log.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const title = async () =>
      (await (await fetch(`${base}/roadmaps/mini`)).text()).match(/<h1>(.*?)<\/h1>/)?.[1];
    expect(await title()).toBe('Mini Roadmap');

    const yamlPath = path.join(dir, 'content/roadmaps/mini/roadmap.yaml');
    const yaml = await readFile(yamlPath, 'utf8');
    await writeFile(yamlPath, yaml.replace('title: Mini Roadmap', 'title: Renamed Roadmap'));
    await eventually(async () => (await title()) === 'Renamed Roadmap');

    await writeFile(yamlPath, yaml.replace('title: Mini Roadmap', 'title: Broken\nsections: nope'));
    await eventually(async () => log.includes('roadmap.yaml'));
    expect(await title()).toBe('Renamed Roadmap');
  } finally {
    child.kill('SIGTERM');
  }
});
