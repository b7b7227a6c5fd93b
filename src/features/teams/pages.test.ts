// The team pages without JavaScript: the join page says what coaches see and joins with a CSRF
// form; the dashboard shows owners and coaches the figures (never notes), sorts, downloads as CSV
// and tells an open page when a member moves.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { seedLearner } from '../../../test/helpers/db.ts';
import { type SignedIn, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';

let app: App;
let base: string;
beforeAll(async () => {
  app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(() => app.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: SignedIn, payload?: object) =>
  app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie } : {} });
const learner = async () => signInAs(app, (await seedLearner(app.database)).email);

async function team(slug: string) {
  const owner = await learner();
  await call('POST', '/api/v1/teams', owner, { name: `Cohort ${slug}`, slug });
  const invite = (
    await call('POST', `/api/v1/teams/${slug}/invites`, owner, {
      role: 'member',
      expiresInDays: 7,
      maxUses: null,
    })
  ).json();
  return { owner, token: invite.token as string };
}

describe('team pages', () => {
  it('explains on the join page exactly what coaches will see, and joins through its form', async () => {
    const { token } = await team('join-page');
    const signedOut = await app.inject({ url: `/join/${token}` });
    expect(signedOut.statusCode).toBe(200);
    expect(signedOut.body).toContain('Join “Cohort join-page”');
    expect(signedOut.body).toContain('Your private notes, which stay yours alone.');
    expect(signedOut.body).toContain('the status of each topic (done, learning, skipped or not started)');
    expect(signedOut.body).toContain(`/signin?next=${encodeURIComponent(`/join/${token}`)}`);
    expect(signedOut.headers['referrer-policy']).toBe('no-referrer');

    const member = await learner();
    const page = await app.inject({ url: `/join/${token}`, headers: { cookie: member.cookie } });
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const cookies = [
      member.cookie,
      ...[page.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]),
    ].join('; ');
    const joined = await app.inject({
      method: 'POST',
      url: `/join/${token}`,
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe('/me');
    expect((await call('GET', '/api/v1/teams', member)).json()).toEqual([
      { slug: 'join-page', name: 'Cohort join-page', role: 'member' },
    ]);

    const forged = await app.inject({
      method: 'POST',
      url: `/join/${token}`,
      payload: 'x=1',
      headers: { cookie: (await learner()).cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);

    const unknown = await app.inject({ url: '/join/not-a-real-token-at-all-000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This invitation link is not valid: ask the team for a new one.');
  });

  it('shows owners the members × roadmaps table with overdue marks and a heatmap, sorts, and downloads CSV, without notes', async () => {
    const { owner, token } = await team('dash');
    const ada = await learner();
    const bob = await learner();
    await call('POST', `/api/v1/invites/${token}/accept`, ada);
    await call('POST', `/api/v1/invites/${token}/accept`, bob);
    await call('PUT', '/api/v1/teams/dash/assignments/backend', owner, {
      dueDate: '2020-01-31',
      choices: {},
    });
    await call('PUT', '/api/v1/me/progress/backend/topics/testing', ada, { status: 'done' });
    await call('PUT', '/api/v1/me/notes/backend/testing', ada, { markdown: 'secret musings of ada' });

    const page = await call('GET', '/teams/dash?sort=roadmap%3Abackend', owner);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    // An address may wrap before its @ on a phone (<wbr>); as read, it is whole.
    const shown = page.body.replaceAll('<wbr/>', '');
    expect(shown).toContain(ada.email);
    expect(page.body).toContain('overdue');
    expect(page.body).toContain('due 2020-01-31');
    expect(page.body).toContain('where the team stands');
    expect(page.body).not.toContain('secret musings');
    // Sorted by percent on the roadmap, lowest first: Bob (0%) before Ada.
    expect(shown.indexOf(bob.email)).toBeLessThan(shown.indexOf(ada.email));

    const csv = await call('GET', '/teams/dash/progress.csv', owner);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="dash-progress.csv"');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('member,role,roadmap,percent,done,on path,due,overdue,last activity');
    expect(lines.find((l) => l.startsWith(ada.email))).toMatch(
      new RegExp(`^${ada.email},member,backend,\\d+,1,\\d+,2020-01-31,yes,\\d{4}-`),
    );

    expect((await call('GET', '/teams/dash', ada)).statusCode).toBe(403);
    expect((await call('GET', '/teams/dash', await learner())).statusCode).toBe(404);
    const signedOut = await app.inject({ url: '/teams/dash' });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/signin?next=%2Fteams%2Fdash');
  });

  it('tells an open dashboard when a member’s progress changes, and nobody outside the team', async () => {
    const { owner, token } = await team('live');
    const member = await learner();
    await call('POST', `/api/v1/invites/${token}/accept`, member);
    expect(
      (await fetch(`${base}/api/v1/teams/live/events`, { headers: { cookie: member.cookie } })).status,
    ).toBe(403);
    expect((await fetch(`${base}/api/v1/teams/live/events`)).status).toBe(401);

    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/teams/live/events`, {
      headers: { cookie: owner.cookie },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    await reader.read();
    await call('PUT', '/api/v1/me/progress/backend/topics/testing', member, { status: 'learning' });
    const deadline = Date.now() + 10_000;
    while (!text.includes('event: changed') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(text).toContain('event: changed');
    expect(text).not.toContain('testing');
  });

  it('shows a member “Assigned by <team> · due <date>” on the catalogue and the roadmap page, the fixed choice explained, and lists it in My learning', async () => {
    const { owner, token } = await team('assigned');
    const member = await learner();
    await call('POST', `/api/v1/invites/${token}/accept`, member);
    // Seen before the assignment, so a page cached for the learner must not hide it afterwards.
    expect((await call('GET', '/', member)).body).not.toContain('Assigned by');
    await call('PUT', '/api/v1/teams/assigned/assignments/backend', owner, {
      dueDate: '2030-06-30',
      choices: { language: 'java' },
    });
    const catalogue = await call('GET', '/', member);
    expect(catalogue.body).toContain('Assigned by Cohort assigned · due 2030-06-30');
    const roadmap = await call('GET', '/roadmaps/backend', member);
    expect(roadmap.body).toContain('Assigned by Cohort assigned · due 2030-06-30');
    expect(roadmap.body).toContain(
      'your team chose Programming language: Java for this roadmap, so it is selected for you',
    );

    const me = await call('GET', '/me', member);
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('My learning');
    expect(me.body).toMatch(/data-learning="backend"[\s\S]*0% done[\s\S]*Continue: /);
    expect(me.body).toContain('never your notes');
    expect((await app.inject({ url: '/me' })).headers.location).toBe('/signin?next=/me');
  });
});
