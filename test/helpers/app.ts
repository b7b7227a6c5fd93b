// Builds the real app on the shipped content (or a fixture) and a real database, for a test file.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { loadContent } from '../../src/content/load.ts';
import type { Catalog } from '../../src/content/model.ts';
import type { DatabaseHandle, DatabaseKind } from '../../src/db/database.ts';
import type { OidcSettings } from '../../src/features/oidc/relying-party.ts';
import type { MailOptions } from '../../src/plugins/mail.ts';
import type { AuthLimits } from '../../src/plugins/rate-limit.ts';
import { openTestDatabase } from './db.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const publicDir = path.join(repoRoot, 'dist/public');

export async function loadCatalog(contentDir = path.join(repoRoot, 'content')): Promise<Catalog> {
  const result = await loadContent(contentDir);
  if (!result.ok)
    throw new Error(`content has problems:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.catalog;
}

export interface TestAppOptions {
  kind?: DatabaseKind;
  database?: DatabaseHandle;
  catalog?: Catalog;
  authLimits?: Partial<AuthLimits>;
  trustProxy?: false | string[];
  /** Seconds a session lives after its last use (3600 unless given). */
  sessionTtlSeconds?: number;
  /** Send mail (to a test SMTP server, test/helpers/smtp.ts); none unless given. */
  mail?: MailOptions;
  logger?: Parameters<typeof buildApp>[0]['logger'];
  /** Single sign-on with a test provider (test/helpers/openid-provider.ts). */
  singleSignOn?: OidcSettings;
  passwordSignin?: boolean;
  publicUrl?: string;
  teamCreation?: 'everyone' | 'admins';
}

/** The app on a database of its own (closed with the app) unless one is given. */
export async function buildTestApp(options: TestAppOptions = {}) {
  const database = options.database ?? (await openTestDatabase(options.kind ?? 'pglite'));
  const app = await buildApp({
    catalog: options.catalog ?? (await loadCatalog()),
    database,
    publicDir,
    sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
    authLimits: { windowSeconds: 60, perIp: 1000, perAccount: 1000, ...options.authLimits },
    closeDatabase: !options.database,
    trustProxy: options.trustProxy ?? false,
    mail: options.mail,
    logger: options.logger,
    singleSignOn: options.singleSignOn,
    passwordSignin: options.passwordSignin ?? true,
    publicUrl: options.publicUrl,
    teamCreation: options.teamCreation,
  });
  return app;
}

/**
 * The app for the tests of one file or describe block: built once before them, closed after them.
 * Read `app` inside tests (it is set once the set-up has run).
 */
export function useTestApp(options: TestAppOptions = {}) {
  const handle = {
    app: undefined as unknown as App,
    /** A GET through inject, with the headers given. */
    get: (url: string, headers: Record<string, string> = {}) =>
      handle.app.inject({ method: 'GET', url, headers }),
  };
  beforeAll(async () => {
    handle.app = await buildTestApp(options);
  });
  afterAll(() => handle.app?.close());
  return handle;
}
