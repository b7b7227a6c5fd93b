// Backups carry teams (members, invitation links, assignments), the audit log and who is admin:
// a round trip gives back the same rows, and a team naming a learner not in the file is refused.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, openTestDatabase, seedLearner } from '../../../test/helpers/db.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Db } from '../../db/tables.ts';
import { recordAudit } from '../audit/audit.ts';
import { exportBackup } from './export.ts';
import { importBackup } from './import.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trailmap-teams-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function snapshot(db: Db) {
  const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(db)).rows;
  return {
    admins: await rows(`select email from learners where is_admin order by email`),
    teams: await rows(
      `select id::text, slug, name, extract(epoch from created_at)::text as at from teams order by id`,
    ),
    members: await rows(`select team_id::text, learner_id::text, role from team_members order by 1, 2`),
    invites: await rows(
      `select token_hash, role, created_by::text, max_uses, uses, revoked_at is null as open, extract(epoch from expires_at)::text as exp from team_invites order by 1`,
    ),
    assignments: await rows(
      `select team_id::text, roadmap, due_date, choices::text from team_assignments order by 1, 2`,
    ),
    audit: await rows(
      `select actor_id::text, actor_email, action, team_id::text, target, ip, extract(epoch from at)::text as at from audit_log order by id`,
    ),
  };
}

describe.each(DATABASE_KINDS)('teams in backups on %s', (kind) => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  beforeAll(async () => {
    source = await openTestDatabase('pglite');
    target = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('round-trips teams, members, invitation links, assignments, the audit log and admins', async () => {
    const owner = await seedLearner(source);
    const member = await seedLearner(source);
    await source.db.updateTable('learners').set({ is_admin: true }).where('id', '=', owner.id).execute();
    const team = await source.db
      .insertInto('teams')
      .values({ slug: 'java-bootcamp', name: 'Java “Bootcamp”' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await source.db
      .insertInto('team_members')
      .values([
        { team_id: team.id, learner_id: owner.id, role: 'owner' },
        { team_id: team.id, learner_id: member.id, role: 'member' },
      ])
      .execute();
    await source.db
      .insertInto('team_invites')
      .values({
        token_hash: 'a'.repeat(43),
        team_id: team.id,
        role: 'member',
        created_by: owner.id,
        expires_at: new Date('2027-01-01T00:00:00Z'),
        max_uses: 5,
      })
      .execute();
    await source.db
      .insertInto('team_assignments')
      .values({
        team_id: team.id,
        roadmap: 'backend',
        due_date: '2026-12-31',
        choices: JSON.stringify({ language: 'java' }),
        assigned_by: owner.id,
      })
      .execute();
    for (const action of ['team.create', 'team.join', 'team.assign'] as const)
      await recordAudit(source.db, {
        actor: { id: owner.id, email: owner.email },
        action,
        target: 'java-bootcamp',
        teamId: team.id,
        ip: '203.0.113.9',
      });
    await recordAudit(source.db, { actor: null, action: 'admin.promote', target: owner.email, ip: null });

    const file = path.join(dir, `teams-${kind}.jsonl`);
    const out = createWriteStream(file);
    const counts = await exportBackup(source.db, out);
    await new Promise((resolve) => out.end(resolve));
    expect(counts).toMatchObject({ learners: 2, teams: 1, auditEntries: 4 });
    expect(await importBackup(target.db, createReadStream(file), 'teams.jsonl')).toEqual(counts);
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));

    // A team line naming a learner the file does not hold is refused with its line, and nothing is written.
    const lines = (await readFile(file, 'utf8')).split('\n');
    const teamLine = lines.findIndex((l) => l.includes('"kind":"team"'));
    const broken = lines.map((l, i) =>
      i === teamLine ? l.replace(member.id, '00000000-0000-4000-8000-000000000000') : l,
    );
    const brokenFile = path.join(dir, `broken-${kind}.jsonl`);
    await writeFile(brokenFile, broken.join('\n'));
    const fresh = await openTestDatabase('pglite');
    try {
      await expect(importBackup(fresh.db, createReadStream(brokenFile), 'broken.jsonl')).rejects.toThrow(
        `broken.jsonl:${teamLine + 1}: /members/1 is learner 00000000-0000-4000-8000-000000000000, who is not in the file`,
      );
      expect(await fresh.db.selectFrom('learners').select('id').execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
