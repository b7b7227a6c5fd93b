// Emails are matched in one canonical form (NFKC, then lower case, computed in JavaScript for every
// database), addresses with invisible or bidirectional characters are refused, and password length
// is counted in characters (code points), not UTF-16 units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { DATABASE_KINDS } from '../helpers/db.ts';

describe.each(DATABASE_KINDS)('account input on %s', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
  });
  afterAll(() => app.close());

  const signUp = (email: string, password = 'a long enough passphrase') =>
    app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password } });
  const signIn = (email: string, password = 'a long enough passphrase') =>
    app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password } });

  it('signs in with İSTANBUL@… after signing up with it, and with its lower-case form', async () => {
    expect((await signUp('İSTANBUL@example.org')).statusCode).toBe(201);
    expect((await signIn('İSTANBUL@example.org')).statusCode).toBe(200);
    expect((await signIn('İSTANBUL@example.org'.toLowerCase())).statusCode).toBe(200);
    expect((await signUp('i̇stanbul@example.org')).statusCode).toBe(409);
  });

  it('treats compatibility forms (full-width letters) as the same address', async () => {
    expect((await signUp('ＦＵＬＬ@example.org')).statusCode).toBe(201);
    expect((await signIn('full@example.org')).statusCode).toBe(200);
    expect((await signUp('Full@Example.org')).statusCode).toBe(409);
  });

  it.each([
    ['a zero-width space', 'zero\u200bwidth@example.org'],
    ['a right-to-left override', 'gro.elpmaxe@\u202eevil.example'],
    ['a bidi isolate', 'iso\u2066late@example.org'],
    ['a byte-order mark', '\ufeffbom@example.org'],
    ['a soft hyphen', 'soft\u00adhyphen@example.org'],
  ])('refuses an address with %s', async (_what, email) => {
    const res = await signUp(email);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid', message: 'email must be an email address' });
  });

  it('counts password length in characters, so 8 emoji are long enough and 4 are not', async () => {
    expect((await signUp('emoji8@example.org', '🐢🐇🦊🦉🐝🦋🐙🦀')).statusCode).toBe(201);
    const short = await signUp('emoji4@example.org', '🐢🐇🦊🦉');
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe('password must be at least 8 characters');
  });

  it('refuses a password with a lone surrogate', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: '{"email":"lone@example.org","password":"abcdefgh\\ud800"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('password must not contain a lone surrogate (broken text)');
  });
});
