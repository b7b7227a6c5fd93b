// Once per test run: build the browser assets, and make one migrated PGlite database that every
// test file loads from (a fresh initdb costs seconds and most of a gigabyte; loading a dump does not).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { TestProject } from 'vitest/node';
import { build } from '../scripts/build.js';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/tables.ts';

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'trailmap-tests-'));
  const [, template] = await Promise.all([
    build({ quiet: true }),
    makePgliteTemplate(path.join(dir, 'template.tar')),
  ]);
  project.provide('pgliteTemplate', template);
  return () => rm(dir, { recursive: true, force: true });
}

async function makePgliteTemplate(file: string): Promise<string> {
  const client = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db);
  const dump = await client.dumpDataDir('none');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  return file;
}
