// Signing learners in through the real API, for HTTP tests.
import { beforeEach } from 'vitest';
import type { App } from '../../src/app.ts';
import type { DatabaseKind } from '../../src/db/database.ts';
import { useTestApp } from './app.ts';
import { seedLearner, TEST_PASSWORD } from './db.ts';

export interface SignedIn {
  cookie: string;
  email: string;
}

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = all.find((c) => c.startsWith('trailmap_session='));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return session.split(';')[0] as string;
}

export async function signInAs(app: App, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookie(res.headers['set-cookie']), email };
}

/** A new learner, seeded in the app's database and signed in. */
export async function signInNewLearner(app: App): Promise<SignedIn> {
  return signInAs(app, (await seedLearner(app.database)).email);
}

/**
 * For a describe block on one database: the app built once, a new learner signed in before each
 * test, and `call` to send that learner's requests (another learner's with `as`; `{ cookie: '' }`
 * is a signed-out visitor). Read `app` and `learner` inside tests.
 */
export function useSignedInLearner(kind: DatabaseKind) {
  const built = useTestApp({ kind });
  let learner: SignedIn;
  beforeEach(async () => {
    learner = await signInNewLearner(built.app);
  });
  const call = (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
    as: Pick<SignedIn, 'cookie'> = learner,
  ) => built.app.inject({ method, url, headers: { cookie: as.cookie }, ...(payload ? { payload } : {}) });
  return {
    get app(): App {
      return built.app;
    },
    get learner(): SignedIn {
      return learner;
    },
    call,
    /** The progress document of a roadmap, as GET /api/v1/me/progress/:slug answers it. */
    progressOf: async (slug = 'backend', as: Pick<SignedIn, 'cookie'> = learner) =>
      (await call('GET', `/api/v1/me/progress/${slug}`, undefined, as)).json(),
  };
}
