// Signing learners in through the real API, for HTTP tests.
import type { App } from '../../src/app.ts';
import { TEST_PASSWORD } from './db.ts';

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
