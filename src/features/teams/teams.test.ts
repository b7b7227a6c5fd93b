// Teams over HTTP, on every test database: the first account is admin, teams with roles,
// invitation links, leaving and removing, ownership, assignments, the team's figures, the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, openTestDatabase, seedLearner } from '../../../test/helpers/db.ts';
import { type SignedIn, sessionCookie, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { promoteByEmail } from '../accounts/service.ts';
import { listAudit } from '../audit/audit.ts';

describe.each(DATABASE_KINDS)('teams on %s', (kind) => {
  let app: App;
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp({ database });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: SignedIn, payload?: object) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie } : {} });
  const learner = async () => signInAs(app, (await seedLearner(database)).email);
  const idOf = async (who: SignedIn) => (await call('GET', '/api/v1/me', who)).json().id as string;

  async function teamWithMember(slug: string) {
    const owner = await learner();
    expect((await call('POST', '/api/v1/teams', owner, { name: `Team ${slug}`, slug })).statusCode).toBe(201);
    const invite = await call('POST', `/api/v1/teams/${slug}/invites`, owner, {
      role: 'member',
      expiresInDays: 7,
      maxUses: null,
    });
    const member = await learner();
    expect((await call('POST', `/api/v1/invites/${invite.json().token}/accept`, member)).statusCode).toBe(
      200,
    );
    return { owner, member, token: invite.json().token as string };
  }

  it('makes the first account of an instance its admin, and no later one', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'first@example.org', password: 'the very first account' },
    });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'second@example.org', password: 'the second account here' },
    });
    const admins = await app.db
      .selectFrom('learners')
      .select(['email', 'is_admin'])
      .orderBy('created_at')
      .execute();
    expect(admins).toEqual([
      { email: 'first@example.org', is_admin: true },
      { email: 'second@example.org', is_admin: false },
    ]);
    expect(sessionCookie(first.headers['set-cookie'])).toBeTruthy();
    expect(sessionCookie(second.headers['set-cookie'])).toBeTruthy();
    expect((await promoteByEmail(app.db, 'SECOND@example.org'))?.isAdmin).toBe(true);
    const promoted = await app.db
      .selectFrom('learners')
      .select('is_admin')
      .where('email', '=', 'second@example.org')
      .executeTakeFirstOrThrow();
    expect(promoted.is_admin).toBe(true);
  });

  it('creates a team with me as owner, lists it with my role, and refuses a taken slug', async () => {
    const owner = await learner();
    const created = await call('POST', '/api/v1/teams', owner, {
      name: '  Java Bootcamp ',
      slug: 'java-bootcamp',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ slug: 'java-bootcamp', name: 'Java Bootcamp', role: 'owner' });
    expect((await call('GET', '/api/v1/teams', owner)).json()).toEqual([
      { slug: 'java-bootcamp', name: 'Java Bootcamp', role: 'owner' },
    ]);
    const taken = await call('POST', '/api/v1/teams', await learner(), {
      name: 'Other',
      slug: 'java-bootcamp',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain('taken by another team');
    const bad = await call('POST', '/api/v1/teams', owner, { name: 'Bad', slug: 'Not A Slug' });
    expect(bad.statusCode).toBe(400);
    expect((await call('POST', '/api/v1/teams', undefined, { name: 'x', slug: 'xx' })).statusCode).toBe(401);
  });

  it('lets only admins create teams when ALLOW_TEAM_CREATION=admins', async () => {
    const restricted = await buildTestApp({ database, teamCreation: 'admins' });
    try {
      const plain = await signInAs(restricted, (await seedLearner(database)).email);
      const refused = await restricted.inject({
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'Nope', slug: 'nope' },
        headers: { cookie: plain.cookie },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toBe(
        'On this server only admins can create teams (ALLOW_TEAM_CREATION=admins)',
      );
      const admin = await seedLearner(database);
      await promoteByEmail(database.db, admin.email);
      const allowed = await restricted.inject({
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'Admins', slug: 'admins-team' },
        headers: { cookie: (await signInAs(restricted, admin.email)).cookie },
      });
      expect(allowed.statusCode).toBe(201);
    } finally {
      await restricted.close();
    }
  });

  it('joins by link with the role it gives; a use limit, withdrawal and expiry end it, each said plainly', async () => {
    const owner = await learner();
    await call('POST', '/api/v1/teams', owner, { name: 'Limited', slug: 'limited' });
    const invite = await call('POST', '/api/v1/teams/limited/invites', owner, {
      role: 'coach',
      expiresInDays: 3,
      maxUses: 1,
    });
    expect(invite.statusCode).toBe(201);
    const { token, url, expiresAt } = invite.json();
    expect(url).toMatch(new RegExp(`/join/${token}$`));
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    const coach = await learner();
    const accepted = await call('POST', `/api/v1/invites/${token}/accept`, coach);
    expect(accepted.json()).toEqual({ team: { slug: 'limited', name: 'Limited' }, role: 'coach' });
    // Accepting again changes nothing and spends no use.
    expect((await call('POST', `/api/v1/invites/${token}/accept`, coach)).json().role).toBe('coach');
    const late = await call('POST', `/api/v1/invites/${token}/accept`, await learner());
    expect(late.statusCode).toBe(404);
    expect(late.json().message).toContain('used as many times as it allows');

    const second = (
      await call('POST', '/api/v1/teams/limited/invites', owner, {
        role: 'member',
        expiresInDays: 1,
        maxUses: null,
      })
    ).json();
    expect((await call('DELETE', `/api/v1/teams/limited/invites/${second.token}`, owner)).statusCode).toBe(
      204,
    );
    const withdrawn = await call('POST', `/api/v1/invites/${second.token}/accept`, await learner());
    expect(withdrawn.json().message).toBe('This invitation link was withdrawn by the team');

    const third = (
      await call('POST', '/api/v1/teams/limited/invites', owner, {
        role: 'member',
        expiresInDays: 1,
        maxUses: null,
      })
    ).json();
    await app.db
      .updateTable('team_invites')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('revoked_at', 'is', null)
      .execute();
    const expired = await call('POST', `/api/v1/invites/${third.token}/accept`, await learner());
    expect(expired.statusCode).toBe(404);
    expect(expired.json().message).toMatch(
      /^This invitation link expired on \d{4}-\d{2}-\d{2}: ask the team for a new one$/,
    );
    // Only the hash of a token is stored.
    const stored = await app.db.selectFrom('team_invites').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
  });

  it('answers a member 403 on management and someone outside the team 404', async () => {
    const { owner, member } = await teamWithMember('roles');
    const outsider = await learner();
    const attempts = [
      ['POST', '/api/v1/teams/roles/invites', { role: 'member', expiresInDays: 1, maxUses: null }],
      ['GET', '/api/v1/teams/roles/progress', undefined],
      ['PUT', '/api/v1/teams/roles/assignments/backend', { dueDate: null, choices: {} }],
      ['DELETE', `/api/v1/teams/roles/members/${await idOf(owner)}`, undefined],
    ] as const;
    for (const [method, url, body] of attempts) {
      const asMember = await call(method, url, member, body);
      expect(asMember.statusCode, `${method} ${url}`).toBe(403);
      expect(asMember.json().message).toMatch(/\S+ .*$/);
      const asOutsider = await call(method, url, outsider, body);
      expect(asOutsider.statusCode, `${method} ${url}`).toBe(404);
      expect(asOutsider.json().message).toBe('There is no team "roles" that you belong to');
    }
    // A coach cannot make coaches.
    const coachInvite = (
      await call('POST', '/api/v1/teams/roles/invites', owner, {
        role: 'coach',
        expiresInDays: 1,
        maxUses: 1,
      })
    ).json();
    const coach = await learner();
    await call('POST', `/api/v1/invites/${coachInvite.token}/accept`, coach);
    const refused = await call('POST', '/api/v1/teams/roles/invites', coach, {
      role: 'coach',
      expiresInDays: 1,
      maxUses: 1,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('Only an owner of the team can invite coaches');
  });

  it('leaves, removes and transfers ownership; the only owner cannot leave', async () => {
    const { owner, member } = await teamWithMember('moving');
    const lonely = await call('POST', '/api/v1/teams/moving/leave', owner);
    expect(lonely.statusCode).toBe(409);
    expect(lonely.json().message).toContain('transfer ownership');
    expect(
      (await call('POST', '/api/v1/teams/moving/owner', owner, { memberId: await idOf(member) })).statusCode,
    ).toBe(204);
    expect((await call('GET', '/api/v1/teams', member)).json()).toEqual([
      { slug: 'moving', name: 'Team moving', role: 'owner' },
    ]);
    expect((await call('GET', '/api/v1/teams', owner)).json()[0].role).toBe('coach');
    // The new owner removes the former one (now a coach); they are out of the team.
    expect(
      (await call('DELETE', `/api/v1/teams/moving/members/${await idOf(owner)}`, member)).statusCode,
    ).toBe(204);
    expect((await call('GET', '/api/v1/teams', owner)).json()).toEqual([]);
    expect((await call('GET', '/api/v1/teams/moving/progress', owner)).statusCode).toBe(404);

    const other = await teamWithMember('exit');
    expect((await call('POST', '/api/v1/teams/exit/leave', other.member)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/teams', other.member)).json()).toEqual([]);
  });

  it('assigns a roadmap with a due date and a fixed choice, checked against its choice groups, and pre-selects it for members', async () => {
    const { owner, member } = await teamWithMember('assigning');
    const wrong = await call('PUT', '/api/v1/teams/assigning/assignments/backend', owner, {
      dueDate: '2026-12-31',
      choices: { language: 'cobol' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe(
      'choices: option "cobol" for "language": use javascript, python, java, go, csharp, php, ruby',
    );
    const badDate = await call('PUT', '/api/v1/teams/assigning/assignments/backend', owner, {
      dueDate: '2026-02-30',
      choices: {},
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toBe('dueDate must be a date like 2026-12-31, or null');
    const unknown = await call('PUT', '/api/v1/teams/assigning/assignments/no-such-roadmap', owner, {
      dueDate: null,
      choices: {},
    });
    expect(unknown.statusCode).toBe(404);

    const assigned = await call('PUT', '/api/v1/teams/assigning/assignments/backend', owner, {
      dueDate: '2026-12-31',
      choices: { language: 'java' },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toEqual({
      roadmap: 'backend',
      dueDate: '2026-12-31',
      choices: { language: 'java' },
    });
    const mine = (await call('GET', '/api/v1/me/progress/backend', member)).json();
    expect(mine.choices).toEqual({ language: 'java' });

    expect((await call('DELETE', '/api/v1/teams/assigning/assignments/backend', owner)).statusCode).toBe(204);
    expect((await call('DELETE', '/api/v1/teams/assigning/assignments/backend', owner)).statusCode).toBe(404);
  });

  it('shows owners and coaches each member’s figures as the member sees them, with overdue marks, and never a note', async () => {
    const { owner, member } = await teamWithMember('figures');
    await call('PUT', '/api/v1/teams/figures/assignments/backend', owner, {
      dueDate: '2020-01-01',
      choices: {},
    });
    await call('PUT', '/api/v1/me/progress/backend/topics/testing', member, { status: 'done' });
    await call('PUT', '/api/v1/me/progress/backend/topics/monitoring', member, { status: 'skipped' });
    await call('PUT', '/api/v1/me/notes/backend/testing', member, { markdown: 'my private thoughts' });
    const own = (await call('GET', '/api/v1/me/progress/backend', member)).json().summary;

    const res = await call('GET', '/api/v1/teams/figures/progress', owner);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.team).toEqual({ slug: 'figures', name: 'Team figures' });
    expect(body.assignments).toEqual([{ roadmap: 'backend', dueDate: '2020-01-01' }]);
    const row = body.members.find((m: { role: string }) => m.role === 'member');
    expect(row.roadmaps.backend).toEqual({
      percent: own.percent,
      done: own.done,
      onPath: own.path,
      overdue: true,
    });
    expect(own.percent).toBeGreaterThan(0);
    expect(Date.parse(row.lastActivityAt)).toBeGreaterThan(Date.now() - 60_000);
    const ownerRow = body.members.find((m: { role: string }) => m.role === 'owner');
    expect(ownerRow).toMatchObject({
      lastActivityAt: null,
      roadmaps: { backend: { percent: 0, done: 0, overdue: true } },
    });
    expect(res.body).not.toContain('private thoughts');
  });

  it('writes who did what, to what, from where, for every team action', async () => {
    const { owner } = await teamWithMember('audited');
    await call('PUT', '/api/v1/teams/audited/assignments/backend', owner, { dueDate: null, choices: {} });
    const team = await app.db
      .selectFrom('teams')
      .select('id')
      .where('slug', '=', 'audited')
      .executeTakeFirstOrThrow();
    const entries = await listAudit(app.db, { teamId: team.id });
    expect(entries.map((e) => e.action)).toEqual(['team.assign', 'team.join', 'team.invite', 'team.create']);
    expect(entries.every((e) => e.ip === '127.0.0.1')).toBe(true);
    expect(entries.at(-1)).toMatchObject({ actorEmail: owner.email, target: 'audited' });
    expect(entries[0]?.target).toBe('backend');
  });
});
