// The `trailmap` command as an author and an operator run it.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from './faults/postgres.ts';
import { repoRoot } from './helpers/app.ts';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'bin/trailmap.js');

async function trailmap(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * A PostgreSQL server as one with password authentication answers a wrong password, speaking the
 * wire protocol (the test machine's PostgreSQL trusts local connections, so it cannot refuse one).
 */
async function refusingPassword(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let stage: 'startup' | 'password' = 'startup';
    socket.on('data', () => {
      if (stage === 'startup') {
        stage = 'password';
        // AuthenticationCleartextPassword
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
        return;
      }
      const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "nobody"'];
      const body = Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`)), Buffer.from([0])]);
      const length = Buffer.alloc(4);
      length.writeInt32BE(body.length + 4);
      socket.end(Buffer.concat([Buffer.from('E'), length, body]));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

let broken: string;
beforeAll(async () => {
  broken = await mkdtemp(path.join(tmpdir(), 'trailmap-cli-'));
  await cp(path.join(repoRoot, 'test/fixtures/mini'), broken, { recursive: true });
  const topic = path.join(broken, 'roadmaps/mini/topics/intro.md');
  await writeFile(topic, (await readFile(topic, 'utf8')).replace('type: required', 'type: essential'));
});
afterAll(() => rm(broken, { recursive: true, force: true }));

describe('trailmap check', () => {
  it('passes the shipped content', async () => {
    const result = await trailmap(['check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('./content: 8 roadmaps, 266 topics, no problems\n');
  });

  it('exits non-zero with one path:line:column line per mistake', async () => {
    const result = await trailmap(['check', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${broken}/roadmaps/mini/topics/intro.md:3:7: unknown topic type "essential": expected one of required, pick-one, optional\n`,
    );
    expect(result.stderr).toContain(`1 problem in ${broken}`);
  });

  it('asks every topic for its "Check yourself" questions only with --require-questions', async () => {
    const mini = 'test/fixtures/mini';
    expect((await trailmap(['check', mini])).code).toBe(0);
    const result = await trailmap(['check', mini, '--require-questions']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${mini}/roadmaps/mini/topics/intro.md:2:1: no "Check yourself" questions: add 3-5 under check:\n`,
    );
    expect(result.stderr).toContain(`5 problems in ${mini}`);
  });
});

describe('trailmap export and import', () => {
  const learner = (n: number) => ({
    id: `b5e5a5b1-0000-4000-8000-00000000000${n}`,
    email: `learner${n}@example.org`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
    createdAt: '2026-01-01T00:00:00.000Z',
    passwordChangedAt: '2026-01-01T00:00:00.000Z',
    progress: [{ roadmap: 'backend', topicId: 'sql', status: 'done', updatedAt: '2026-02-01T00:00:00.000Z' }],
    choices: [{ roadmap: 'backend', group: 'language', option: 'go', updatedAt: '2026-02-01T00:00:00.000Z' }],
    notes: [],
    resourceTicks: [],
  });

  it('refuses a backup cut at a line boundary, naming file and line, and ends every export with a trailer', async () => {
    const header = { format: 'trailmap-backup', version: 2, exportedAt: '2026-11-25T00:00:00.000Z' };
    const lines = [header, learner(1), learner(2)].map((line) => `${JSON.stringify(line)}\n`).join('');
    const trailer = {
      trailer: true,
      learners: 2,
      progress: 2,
      choices: 2,
      notes: 0,
      resourceTicks: 0,
      sha256: createHash('sha256').update(lines).digest('hex'),
    };
    const whole = path.join(broken, 'whole.jsonl');
    await writeFile(whole, `${lines}${JSON.stringify(trailer)}\n`);
    const cut = path.join(broken, 'cut.jsonl');
    await writeFile(cut, lines);
    // One data directory throughout: the refused import must leave it empty for the next one.
    const env = { DATA_DIR: path.join(broken, 'backup-data'), DATABASE_URL: '' };

    const refused = await trailmap(['import', cut], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `trailmap: ${cut}:3: the file ends without its trailer (the last line of every export, with the record counts and checksum): it is incomplete, perhaps cut short; nothing was imported\n`,
    );
    const restored = await trailmap(['import', whole], env);
    expect(restored.stdout).toBe(
      `imported 2 learner(s), 2 status(es), 2 choice(s), 0 note(s), 0 resource tick(s), 0 team(s), 0 audit log entries from ${whole}\n`,
    );

    const exported = await trailmap(['export'], env);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(
      'exported 2 learner(s), 2 status(es), 2 choice(s), 0 note(s), 0 resource tick(s), 0 team(s), 0 audit log entries\n',
    );
    const out = exported.stdout.split('\n');
    expect(out).toHaveLength(5); // header, two learners, trailer, and '' after the last newline
    const exportedLines = out
      .slice(0, 3)
      .map((line) => `${line}\n`)
      .join('');
    expect(JSON.parse(out[3] as string)).toEqual({
      ...trailer,
      teams: 0,
      auditEntries: 0,
      sha256: createHash('sha256').update(exportedLines).digest('hex'),
    });
  }, 240_000);
});

describe('trailmap serve', () => {
  it('refuses to start on broken content, with the same messages as the checker', async () => {
    const result = await trailmap(['serve'], { CONTENT_DIR: broken, PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${broken}/roadmaps/mini/topics/intro.md:3:7: unknown topic type "essential"`,
    );
    expect(result.stderr).toContain('not starting');
  });

  it('stops with one line naming a bad variable and what it accepts', async () => {
    const result = await trailmap(['serve'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('trailmap: PORT must be an integer from 0 to 65535 (got "eighty")\n');
  });

  it('listens only once content is loaded, so /healthz answering means ready', async () => {
    const child = spawn('node', [bin, 'serve'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: path.join(broken, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const health = await fetch(`${address}/healthz`);
      expect(health.status).toBe(200);
      expect((await health.json()).checks.content.roadmaps).toBe(8);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stops with one line naming DATABASE_URL when nothing listens there', async () => {
    const result = await trailmap(['serve'], { PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'trailmap: cannot connect to the database at DATABASE_URL (postgres://nobody@127.0.0.1:1/x): connection refused\n',
    );
  });

  it('names a wrong password in one line, with the password masked', async () => {
    const postgres = await refusingPassword();
    try {
      const url = `postgres://nobody:not-the-password@127.0.0.1:${postgres.port}/trailmap`;
      for (const command of [['serve'], ['user', 'list']]) {
        const result = await trailmap(command, { PORT: '0', DATABASE_URL: url });
        expect(result.code, command[0]).toBe(1);
        expect(result.stderr, command[0]).toBe(
          `trailmap: cannot connect to the database at DATABASE_URL (postgres://nobody:***@127.0.0.1:${postgres.port}/trailmap): ` +
            'password authentication failed for user "nobody"\n',
        );
      }
    } finally {
      postgres.server.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    `names a database that does not exist in one line${process.env.TEST_DATABASE_URL ? '' : ' (skipped: needs PostgreSQL: set TEST_DATABASE_URL)'}`,
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = '/no_such_trailmap_database';
      const result = await trailmap(['serve'], { PORT: '0', DATABASE_URL: url.toString() });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `trailmap: cannot connect to the database at DATABASE_URL (${url}): database "no_such_trailmap_database" does not exist\n`,
      );
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    `names DATABASE_LISTEN_URL when only the LISTEN connection cannot be made${process.env.TEST_DATABASE_URL ? '' : ' (skipped: needs PostgreSQL: set TEST_DATABASE_URL)'}`,
    async () => {
      // A database of its own: the start migrates it before it listens.
      const database = await createScratchDatabase('trailmap_cli_listen');
      try {
        const result = await trailmap(['serve'], {
          PORT: '0',
          DATABASE_URL: database.url,
          DATABASE_LISTEN_URL: 'postgres://nobody:secret@127.0.0.1:1/x',
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          'trailmap: cannot connect to the database at DATABASE_LISTEN_URL (postgres://nobody:***@127.0.0.1:1/x): connection refused\n',
        );
      } finally {
        await database.drop();
      }
    },
  );

  it('lists the commands and the configuration in --help', async () => {
    const result = await trailmap(['--help']);
    expect(result.code).toBe(0);
    for (const name of ['check', 'serve', 'PORT', 'HOST', 'CONTENT_DIR', 'DATA_DIR'])
      expect(result.stdout).toContain(name);
  });
});
