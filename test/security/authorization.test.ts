// Every route in the route table, tried signed out and as learner B after learner A stored data:
// each answers 401/403/404 (or sends a signed-out visitor to sign in), never another's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { promoteByEmail, resetPasswordByEmail } from '../../src/features/accounts/service.ts';
import { buildTestApp } from '../helpers/app.ts';
import { DATABASE_KINDS, seedLearner } from '../helpers/db.ts';
import { type SignedIn, signInAs } from '../helpers/learners.ts';

/** Routes anyone may use: public content, documentation, health, and the doors to an account. */
const PUBLIC = [
  'GET /',
  'GET /roadmaps/:slug',
  'GET /roadmaps/:slug/:topicId',
  'GET /robots.txt',
  'GET /roadmaps/:slug/map',
  'GET /roadmaps/:slug/map.svg',
  'GET /roadmaps/:slug/map.png',
  // Renders Markdown the visitor sends (the note preview works signed out too); stores nothing.
  'POST /api/v1/markdown/preview',
  'GET /api/v1/roadmaps',
  'GET /api/v1/roadmaps/:slug',
  'GET /api/v1/roadmaps/:slug/topics/:topicId',
  // Search content for anyone; a signed-in learner's own notes only for them (tested below).
  'GET /search',
  'GET /api/v1/search',
  'GET /healthz',
  'GET /readyz',
  // Operational metrics hold no learner data; restrict them at the proxy (docs/deploy.md).
  'GET /metrics',
  'GET /signin',
  'GET /signup',
  'POST /signin',
  'POST /signup',
  'POST /signout',
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/signin',
  'POST /api/v1/auth/signout',
  // The doors back into an account by mail: they act only on whoever holds the mailed link.
  'GET /forgot',
  'POST /forgot',
  'GET /reset/:token',
  'POST /reset/:token',
  'GET /verify/:token',
  'POST /verify/resend',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/:token',
  'POST /api/v1/auth/email-verification',
  // Single sign-on: the way to the identity provider and back (src/features/oidc/routes.ts).
  'GET /auth/oidc/start',
  'GET /auth/oidc/callback',
  // The join page of an invitation link: says which team and what is shared; joining needs a session.
  'GET /join/:token',
];
const isPublic = (key: string) =>
  PUBLIC.includes(key) || key.startsWith('GET /api/docs') || key.startsWith('GET /assets/');

const PARAMS: Record<string, string> = {
  slug: 'backend',
  topicId: 'sql',
  group: 'language',
  sectionId: 'core',
  // Set from the content once the app is built: the first resource of "sql".
  resourceId: '',
  // Teams: a team nobody of A and B is in, a well-formed token and member id that match nothing.
  token: 'no-such-invitation-token-000',
  id: '00000000-0000-4000-8000-000000000000',
  roadmap: 'backend',
};
const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => PARAMS[name] ?? 'x');

const BODIES: Record<string, unknown> = {
  '/api/v1/me/password': { current: 'correct horse battery staple', next: 'b takes over the account' },
  '/api/v1/me': { password: 'correct horse battery staple' },
  '/api/v1/me/progress/:slug/topics/:topicId': { status: 'pending' },
  '/api/v1/me/progress/:slug/choices/:group': { option: null },
  '/api/v1/me/progress/:slug/topics/:topicId/resources/:resourceId': { read: false },
  '/api/v1/me/progress/:slug/merge': { choices: {}, choicesUpdatedAt: {}, topics: {} },
  '/api/v1/me/progress/:slug': { choices: {}, choicesUpdatedAt: {}, topics: {} },
  '/api/v1/me/notes/:slug/:topicId': { markdown: '' },
  '/api/v1/me/email': { email: 'b-takes-this@example.org', password: 'correct horse battery staple' },
  '/api/v1/teams': { name: 'B’s team', slug: 'b-team' },
  '/api/v1/teams/:slug/invites': { role: 'member', expiresInDays: 1, maxUses: null },
  '/api/v1/teams/:slug/invites/email': { email: 'learner-a@example.org', role: 'member' },
  '/api/v1/teams/:slug/owner': { memberId: '00000000-0000-4000-8000-000000000000' },
  '/api/v1/teams/:slug/assignments/:roadmap': { dueDate: null, choices: {} },
};

describe.each(DATABASE_KINDS)('authorization on %s', (kind) => {
  let app: App;
  let a: SignedIn;
  let b: SignedIn;
  const secretNote = 'A-ONLY-SECRET-NOTE-7f3a';
  beforeAll(async () => {
    app = await buildTestApp({ kind });
    a = await signInAs(app, (await seedLearner(app.database, 'learner-a@example.org')).email);
    b = await signInAs(app, (await seedLearner(app.database, 'learner-b@example.org')).email);
    const write = (method: 'PUT' | 'POST', url: string, payload: object) =>
      app.inject({ method, url, payload, headers: { cookie: a.cookie } });
    await write('PUT', '/api/v1/me/progress/backend/topics/sql', { status: 'done' });
    await write('PUT', '/api/v1/me/progress/backend/choices/language', { option: 'go' });
    await write('PUT', '/api/v1/me/notes/backend/sql', { markdown: secretNote });
    PARAMS.resourceId =
      app.content.catalog.bySlug.get('backend')?.topicById.get('sql')?.resources[0]?.id ?? '';
    await write('PUT', `/api/v1/me/progress/backend/topics/sql/resources/${PARAMS.resourceId}`, {
      read: true,
    });
  });
  afterAll(() => app.close());

  const request = (method: string, url: string, cookie?: string) => {
    const body = BODIES[url];
    const withBody =
      method !== 'GET' && method !== 'DELETE' ? { payload: body ?? {} } : body ? { payload: body } : {};
    return app.inject({
      method: method as 'GET',
      url: fill(url),
      headers: {
        ...(cookie ? { cookie } : {}),
        accept: url.startsWith('/api/') ? 'application/json' : 'text/html',
      },
      ...withBody,
    });
  };

  it('has a route table that includes every personal route', () => {
    const keys = app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(keys).toContain('GET /api/v1/me/progress/:slug');
    expect(keys).toContain('POST /roadmaps/:slug/:topicId/status');
    expect(keys).toContain('PUT /api/v1/me/progress/:slug/topics/:topicId/resources/:resourceId');
    expect(keys).toContain('POST /roadmaps/:slug/:topicId/resources/:resourceId/read');
    expect(keys.filter((k) => !isPublic(k)).length).toBeGreaterThanOrEqual(20);
  });

  it('refuses every non-public route to a signed-out visitor', async () => {
    const checked: string[] = [];
    for (const { method, url } of app.routeTable) {
      const key = `${method} ${url}`;
      if (isPublic(key)) continue;
      const res = await request(method, url);
      checked.push(key);
      if (url.startsWith('/api/')) {
        expect([401, 403], key).toContain(res.statusCode);
        expect(res.json().error, key).toMatch(/^(unauthorized|forbidden)$/);
      } else if (res.statusCode === 303) {
        expect(String(res.headers.location), key).toMatch(/^\/signin/);
      } else {
        // A form post without a session has no CSRF token either: refused (403), or, when its body is
        // not what the form sends, refused by the form's schema first (400: the form is public HTML).
        expect([400, 403], key).toContain(res.statusCode);
      }
      expect(res.body, key).not.toContain('learner-a@example.org');
      expect(res.body, key).not.toContain(secretNote);
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });

  it('never shows or changes learner A’s data for learner B, on any route', async () => {
    for (const { method, url } of app.routeTable) {
      const key = `${method} ${url}`;
      if (key === 'POST /signout' || key === 'POST /api/v1/auth/signout') continue;
      // The event stream stays open; that B's stream never carries A's changes is tested in test/e2e/live.test.ts.
      if (key === 'GET /api/v1/me/events') continue;
      const res = await request(method, url, b.cookie);
      expect(res.statusCode, key).toBeLessThan(500);
      expect(res.body, key).not.toContain('learner-a@example.org');
      expect(res.body, key).not.toContain(secretNote);
    }
    const mine = await app.inject({ url: '/api/v1/me/progress/backend', headers: { cookie: a.cookie } });
    expect(mine.json().topics.sql.status).toBe('done');
    expect(mine.json().choices.language).toBe('go');
    expect(mine.json().resources.sql[PARAMS.resourceId as string].read).toBe(true);
    const note = await app.inject({ url: '/api/v1/me/notes/backend/sql', headers: { cookie: a.cookie } });
    expect(note.json().markdown).toBe(secretNote);
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: a.cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('finds learner A’s note by search for A only: never for B or a signed-out visitor, page or API', async () => {
    const search = (url: string, cookie?: string) => app.inject({ url, headers: cookie ? { cookie } : {} });
    for (const cookie of [b.cookie, undefined]) {
      const api = await search('/api/v1/search?q=secret%20note', cookie);
      expect(api.statusCode).toBe(200);
      expect(api.json().results.filter((r: { kind: string }) => r.kind === 'note')).toEqual([]);
      const page = await search('/search?q=secret%20note', cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('search-result--note');
      expect(page.body).not.toMatch(/A-ONLY/);
    }
    const own = await search('/api/v1/search?q=secret%20note&kind=note', a.cookie);
    expect(own.json().results.map((r: { topicId: string }) => r.topicId)).toEqual(['sql']);
  });

  it('gives learner B nothing of learner A’s custom roadmaps: a private one is missing, a public one read-only', async () => {
    const { validDocument } = await import('../helpers/custom-roadmaps.ts');
    const as = (cookie: string, method: string, url: string, payload?: object) =>
      app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload ? { payload } : {}) });
    for (const [slug, visibility] of [
      ['a-private-garden', 'private'],
      ['a-public-garden', 'public'],
    ] as const) {
      expect((await as(a.cookie, 'POST', '/api/v1/roadmaps', { slug, ...validDocument() })).statusCode).toBe(
        201,
      );
      expect((await as(a.cookie, 'POST', `/api/v1/roadmaps/${slug}/publish`)).statusCode).toBe(200);
      // What A keeps editing after the publish is A's alone, whoever may read the published one.
      const unpublished = { ...validDocument(), title: `A-ONLY-DRAFT ${visibility}` };
      const saved = await app.inject({
        method: 'PUT',
        url: `/api/v1/roadmaps/${slug}/draft`,
        headers: { cookie: a.cookie, 'if-match': '"1"' },
        payload: unpublished,
      });
      expect(saved.statusCode).toBe(200);
      await as(a.cookie, 'PUT', `/api/v1/roadmaps/${slug}/visibility`, { visibility });
      const routes = app.routeTable.filter(
        (r) => r.url.startsWith('/api/v1/roadmaps/:slug/') || r.url === '/api/v1/roadmaps/:slug',
      );
      const writes = routes.filter(
        (r) => r.method !== 'GET' && r.method !== 'HEAD' && !r.url.endsWith('/fork'),
      );
      expect(writes.length).toBeGreaterThanOrEqual(5);
      for (const { method, url } of routes) {
        if (method === 'HEAD') continue;
        const target = url
          .replace(':slug', slug)
          .replace(':revision', '1')
          .replace(':topicId', 'soil-basics');
        const body = url.endsWith('/visibility')
          ? { visibility: 'private' }
          : url.endsWith('/fork')
            ? { slug: `b-${slug}` }
            : url.endsWith('/draft')
              ? validDocument()
              : undefined;
        const res = await as(b.cookie, method, target, body && { ...body });
        const key = `${method} ${url} (${visibility})`;
        const read = method === 'GET' && !url.endsWith('/draft') && !url.endsWith('/revisions');
        if (visibility === 'private') expect(res.statusCode, key).toBe(404);
        else if (read || url.endsWith('/fork')) expect([200, 201], key).toContain(res.statusCode);
        else expect(res.statusCode, key).toBe(403);
        expect(res.body, key).not.toContain('A-ONLY-DRAFT');
        expect(res.body, key).not.toContain('learner-a@example.org');
      }
      const draft = await as(a.cookie, 'GET', `/api/v1/roadmaps/${slug}/draft`);
      expect(draft.json().document.title).toBe(`A-ONLY-DRAFT ${visibility}`);
      expect(draft.json().visibility).toBe(visibility);
    }
  });

  it('grants no route more than the caller’s own data: the one operator page is /admin, for admins only', async () => {
    const urls = app.routeTable.map((r) => r.url);
    expect(urls.filter((u) => /admin|users|learners|:learnerId|:email/.test(u))).toEqual(['/admin']);
    expect((await request('GET', '/admin', b.cookie)).statusCode).toBe(403);
  });

  it('lets a session opened with a one-time password do nothing but choose a new password or sign out', async () => {
    const { email } = await seedLearner(app.database, 'learner-reset@example.org');
    const reset = await resetPasswordByEmail(app.database.db, email);
    const forced = await signInAs(app, email, reset?.password);
    const stillOpen = [
      'GET /account/password',
      'POST /account/password',
      'POST /signout',
      'POST /api/v1/auth/signout',
      'POST /api/v1/me/password',
    ];
    const checked: string[] = [];
    for (const { method, url } of app.routeTable) {
      const key = `${method} ${url}`;
      if (stillOpen.includes(key)) continue;
      const res = await request(method, url, forced.cookie);
      if (/^\/api\/v1\/me(\/|$)/.test(url)) {
        expect(res.statusCode, key).toBe(403);
        expect(res.json().error, key).toBe('password_change_required');
        checked.push(key);
      } else if (!url.startsWith('/api/') && !isPublic(key)) {
        // A form post may be refused by its schema (400) or CSRF (403) first; nothing is changed.
        if (res.statusCode === 303) expect(res.headers.location, key).toBe('/account/password');
        else expect([400, 403], key).toContain(res.statusCode);
        checked.push(key);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/roadmaps',
      headers: { cookie: forced.cookie },
      payload: { slug: 'forced-garden', title: 'x', description: 'x', sections: [] },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error).toBe('password_change_required');
    for (const page of ['GET /', 'GET /roadmaps/:slug', 'GET /roadmaps/:slug/:topicId', 'GET /account']) {
      const res = await request('GET', page.slice(4), forced.cookie);
      expect(res.headers.location, page).toBe('/account/password');
    }
  });
});

// Every team route × {signed out, member, coach, owner, another team's owner, admin}: owners and
// coaches manage (a coach not coaches), a member gets 403, anyone outside the team 404 — admins too:
// an admin has /admin, not the teams' figures.
type Who = 'out' | 'member' | 'coach' | 'owner' | 'otherOwner' | 'admin';
const WHO: Who[] = ['out', 'member', 'coach', 'owner', 'otherOwner', 'admin'];
const OUTSIDE = 404;
/** Expected status per route and caller; a list allows either (idempotent writes done twice). */
const MATRIX: Record<string, Partial<Record<Who, number | number[]>>> = {
  'POST /api/v1/teams': { member: [201, 409], coach: 409, owner: 409, otherOwner: 409, admin: 409 },
  'GET /api/v1/teams': { member: 200, coach: 200, owner: 200, otherOwner: 200, admin: 200 },
  'POST /api/v1/teams/:slug/invites': { member: 403, coach: 201, owner: 201 },
  // No SMTP_URL in this test: the managers' answer is that this server sends no mail.
  'POST /api/v1/teams/:slug/invites/email': { member: 403, coach: 409, owner: 409 },
  'DELETE /api/v1/teams/:slug/invites/:token': { member: 403, coach: 404, owner: 404 },
  'POST /api/v1/invites/:token/accept': { member: 404, coach: 404, owner: 404, otherOwner: 404, admin: 404 },
  'DELETE /api/v1/teams/:slug/members/:id': { member: 403, coach: 404, owner: 404 },
  'POST /api/v1/teams/:slug/owner': { member: 403, coach: 403, owner: 404 },
  'PUT /api/v1/teams/:slug/assignments/:roadmap': { member: 403, coach: 200, owner: 200 },
  'DELETE /api/v1/teams/:slug/assignments/:roadmap': { member: 403, coach: [204, 404], owner: [204, 404] },
  'GET /api/v1/teams/:slug/progress': { member: 403, coach: 200, owner: 200 },
  // Its managers get an open event stream (tested in src/features/teams/pages.test.ts).
  'GET /api/v1/teams/:slug/events': { member: 403 },
  // Leaving changes the team: only callers who cannot leave it are tried (the rest: teams.test.ts).
  'POST /api/v1/teams/:slug/leave': { owner: 409 },
  'GET /teams/:slug': { member: 403, coach: 200, owner: 200 },
  'GET /teams/:slug/progress.csv': { member: 403, coach: 200, owner: 200 },
  // Without the form's CSRF token, refused for everyone.
  'POST /join/:token': { member: 403, coach: 403, owner: 403, otherOwner: 403, admin: 403, out: 403 },
  'GET /me': { member: 200, coach: 200, owner: 200, otherOwner: 200, admin: 200 },
  'GET /admin': { member: 403, coach: 403, owner: 403, otherOwner: 403, admin: 200 },
};
const SKIP: Partial<Record<string, Who[]>> = {
  'GET /api/v1/teams/:slug/events': ['coach', 'owner'],
  'POST /api/v1/teams/:slug/leave': ['member', 'coach'],
};

describe.each(DATABASE_KINDS)('team authorization on %s', (kind) => {
  let app: App;
  const cookies: Partial<Record<Who, string>> = {};
  const secretNote = 'MEMBER-ONLY-NOTE-91c2';
  beforeAll(async () => {
    app = await buildTestApp({ kind });
    const api = (method: 'POST' | 'PUT', url: string, who: Who, payload: object) =>
      app.inject({ method, url, payload, headers: { cookie: cookies[who] as string } });
    for (const who of WHO.slice(1))
      cookies[who] = (
        await signInAs(app, (await seedLearner(app.database, `team-${who}@example.org`)).email)
      ).cookie;
    await promoteByEmail(app.db, 'team-admin@example.org');
    // The admin's session was read before the promotion: sign in again to carry it.
    cookies.admin = (await signInAs(app, 'team-admin@example.org')).cookie;
    await api('POST', '/api/v1/teams', 'owner', { name: 'Matrix', slug: 'matrix' });
    await api('POST', '/api/v1/teams', 'otherOwner', { name: 'Elsewhere', slug: 'elsewhere' });
    for (const [who, role] of [
      ['member', 'member'],
      ['coach', 'coach'],
    ] as const) {
      const invite = await api('POST', '/api/v1/teams/matrix/invites', 'owner', {
        role,
        expiresInDays: 1,
        maxUses: 1,
      });
      await api('POST', `/api/v1/invites/${invite.json().token}/accept`, who, {});
    }
    await api('PUT', '/api/v1/me/notes/backend/sql', 'member', { markdown: secretNote });
    await api('PUT', '/api/v1/me/progress/backend/topics/sql', 'member', { status: 'done' });
  });
  afterAll(() => app.close());

  it('answers every team route as the matrix says, for each caller', async () => {
    const teamRoutes = app.routeTable
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => /\/(teams|invites|join|me$|admin)/.test(key) && !key.includes('/api/v1/me'));
    expect(teamRoutes.sort()).toEqual(Object.keys(MATRIX).concat('GET /join/:token').sort());
    for (const key of Object.keys(MATRIX)) {
      const [method, url] = key.split(' ') as [string, string];
      for (const who of WHO) {
        if (SKIP[key]?.includes(who)) continue;
        const body = BODIES[url];
        const res = await app.inject({
          method: method as 'GET',
          url: fill(url).replace('/teams/backend', '/teams/matrix'),
          headers: {
            ...(cookies[who] ? { cookie: cookies[who] } : {}),
            accept: url.startsWith('/api/') ? 'application/json' : 'text/html',
            ...(method === 'POST' && url.startsWith('/join/')
              ? { 'content-type': 'application/x-www-form-urlencoded' }
              : {}),
          },
          ...(method !== 'GET' && method !== 'DELETE'
            ? { payload: url.startsWith('/join/') ? 'x=1' : (body ?? {}) }
            : {}),
        });
        const expected =
          who === 'out'
            ? (MATRIX[key]?.out ?? (url.startsWith('/api/') ? 401 : 303))
            : (MATRIX[key]?.[who] ?? OUTSIDE);
        expect([expected].flat(), `${key} as ${who}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        if (res.statusCode === 303) expect(res.headers.location, key).toMatch(/^\/signin\?next=/);
        if (res.statusCode === 404 && url.includes(':slug') && (who === 'otherOwner' || who === 'admin'))
          expect(res.body, `${key} as ${who}`).toContain('There is no team');
        if (res.statusCode >= 400 && url.startsWith('/api/'))
          expect(res.json().message, key).toMatch(/^[A-Z].+/);
        expect(res.body, `${key} as ${who}`).not.toContain(secretNote);
      }
    }
  });
});
