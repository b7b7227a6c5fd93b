// build(): registers the cross-cutting plugins and the features, nothing else.
import { randomUUID } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyServerOptions, LogController } from 'fastify';
import type { Catalog } from './content/model.ts';
import type { DatabaseHandle } from './db/database.ts';
import { accountsApi } from './features/accounts/api.ts';
import { personalApiGuard } from './features/accounts/guard.ts';
import { accountMailApi } from './features/accounts/mail-api.ts';
import { accountMailPages } from './features/accounts/mail-pages.ts';
import { accountPages } from './features/accounts/pages.ts';
import { passwordChangeGate } from './features/accounts/password-change-gate.ts';
import { adminPages } from './features/audit/pages.ts';
import { authoringApi } from './features/authoring/api.ts';
import { customRoadmapsPlugin } from './features/authoring/catalog.ts';
import { liveSync } from './features/live/routes.ts';
import { mapPages } from './features/map/pages.ts';
import type { OidcSettings } from './features/oidc/relying-party.ts';
import { singleSignOnPlugin } from './features/oidc/routes.ts';
import { progressApi } from './features/progress/api.ts';
import { progressForms } from './features/progress/forms.ts';
import { progressRecordsPlugin } from './features/progress/plugin.ts';
import { roadmapsApi } from './features/roadmaps/api.ts';
import { roadmapPages } from './features/roadmaps/pages.ts';
import { searchApi } from './features/search/api.ts';
import { searchPages } from './features/search/pages.ts';
import { teamsApi } from './features/teams/api.ts';
import { teamPages } from './features/teams/pages.ts';
import type { TeamCreation } from './features/teams/service.ts';
import { lazySchemaCompilers } from './lib/lazy-schema-compilers.ts';
import { apiDocsPlugin } from './plugins/api-docs.ts';
import { apiGuardPlugin } from './plugins/api-guard.ts';
import { assetsPlugin } from './plugins/assets.ts';
import { type ContentHolder, contentPlugin } from './plugins/content.ts';
import { databasePlugin } from './plugins/database.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { formsPlugin } from './plugins/forms.ts';
import { healthPlugin } from './plugins/health.ts';
import { type MailOptions, mailPlugin } from './plugins/mail.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import type { MetricsListen } from './plugins/metrics-listener.ts';
import { pageCachePlugin } from './plugins/page-cache.ts';
import { type AuthLimits, rateLimitPlugin } from './plugins/rate-limit.ts';
import { type RequestLogging, requestLogPlugin } from './plugins/request-log.ts';
import { robotsRoute } from './plugins/robots.ts';
import { routeTablePlugin } from './plugins/route-table.ts';
import { clientErrorHandler, SECURITY_HEADERS, securityPlugin } from './plugins/security.ts';
import { sessionPlugin } from './plugins/session.ts';

export interface BuildOptions {
  catalog: Catalog;
  database: DatabaseHandle;
  /** Folder holding manifest.json and assets/ from the client build. */
  publicDir: string;
  sessionTtlSeconds: number;
  authLimits: AuthLimits;
  /** The proxies (addresses, CIDRs) believed about X-Forwarded-*; see TRUST_PROXY in config.ts. */
  trustProxy?: false | string[];
  /** The address learners use (PUBLIC_URL), accepted as the Origin of API writes. */
  publicUrl?: string | undefined;
  /** Serve /metrics only here (METRICS_PORT, METRICS_HOST), not on the app's port. */
  metricsListen?: MetricsListen | undefined;
  /** SMTP_URL and MAIL_FROM, with where links point; without it the server sends no email. */
  mail?: MailOptions | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Which requests get a log line (LOG_REQUESTS); every one by default. */
  logRequests?: RequestLogging;
  /** Single sign-on with an OpenID Connect issuer (OIDC_* in config.ts); none when absent. */
  singleSignOn?: OidcSettings | undefined;
  /** false: password sign-in and sign-up are off (PASSWORD_SIGNIN); true unless given. */
  passwordSignin?: boolean;
  /** Who may create teams (ALLOW_TEAM_CREATION); everyone unless given. */
  teamCreation?: TeamCreation;
  /** Close the database when the app closes (the server does; tests share one per file). */
  closeDatabase?: boolean;
}

export async function buildApp(options: BuildOptions) {
  const holder: ContentHolder = { catalog: options.catalog };
  const app = Fastify({
    logger: options.logger ?? false,
    // One line per request instead of Fastify's two (plugins/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy || false,
    bodyLimit: 256 * 1024,
    // Every request gets an id: in each log line and in the X-Request-Id header of the answer.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    requestTimeout: 30_000,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler,
    schemaController: lazySchemaCompilers(),
    // Bodies are taken as sent: an unknown field or a number where text belongs is refused, not
    // dropped or converted (Fastify's defaults). Verbose errors let the messages list the choices.
    // Schemas are not checked against JSON Schema's meta-schema at start: compiling it took 80 ms
    // of every cold start, and TypeBox writes the schemas (Ajv's strict mode still refuses an
    // unknown keyword).
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, verbose: true, validateSchema: false },
    },
    // Malformed URLs and over-long ids never reach a route: answer them in the one error shape too.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode ?? 400;
      // Answered before any hook runs, so the security headers are set here as well.
      reply.headers(SECURITY_HEADERS);
      const body = JSON.stringify({
        error: status === 414 ? 'uri_too_long' : 'bad_request',
        message: error.message,
      });
      void (reply as FastifyReply).code(status).type('application/json; charset=utf-8').send(body);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // A client gets 10 s to send its headers and 30 s for the whole request (slow-loris limits).
  app.server.headersTimeout = 10_000;
  // Callback hooks on every request, not async ones: no promise per request (issue 19).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  await app.register(requestLogPlugin, { requests: options.logRequests ?? 'all' });
  await app.register(routeTablePlugin);
  await app.register(contentPlugin, { holder });
  await app.register(databasePlugin, {
    database: options.database,
    closeWithApp: options.closeDatabase ?? false,
  });
  await app.register(progressRecordsPlugin);
  await app.register(mailPlugin, { mail: options.mail });
  await app.register(metricsPlugin, { listen: options.metricsListen });
  await app.register(securityPlugin);
  // Responses compressed per request (personal pages, API) use brotli 4: at zlib's default of 11 a
  // signed-in roadmap page spent most of its time compressing (npm run bench).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(assetsPlugin, { publicDir: options.publicDir });
  await app.register(errorsPlugin);
  await app.register(sessionPlugin, { ttlSeconds: options.sessionTtlSeconds });
  // Before the cross-site checks and any body parsing: a stranger's request to /me gets a 401 only.
  await app.register(personalApiGuard);
  // A session opened with a one-time password may only choose a new one (or sign out).
  await app.register(passwordChangeGate);
  await app.register(formsPlugin);
  // Before the first API route, so that the document has every one of them.
  await app.register(apiDocsPlugin, { publicDir: options.publicDir });
  await app.register(liveSync);
  await app.register(apiGuardPlugin, { publicUrl: options.publicUrl });
  await app.register(rateLimitPlugin, options.authLimits);
  await app.register(pageCachePlugin);
  await app.register(healthPlugin);
  await app.register(robotsRoute);
  // Before every route that names a roadmap: a custom one the viewer may not see is a 404.
  await app.register(customRoadmapsPlugin);
  await app.register(roadmapPages);
  await app.register(mapPages);
  await app.register(roadmapsApi);
  await app.register(authoringApi);
  await app.register(singleSignOnPlugin, {
    settings: options.singleSignOn,
    passwordSignin: options.passwordSignin ?? true,
  });
  await app.register(accountPages);
  await app.register(accountMailPages);
  await app.register(accountsApi);
  await app.register(accountMailApi);
  await app.register(progressForms);
  await app.register(progressApi);
  await app.register(searchPages);
  await app.register(searchApi);
  await app.register(teamPages);
  await app.register(adminPages);
  await app.register(teamsApi, {
    creation: options.teamCreation ?? 'everyone',
    publicUrl: options.publicUrl,
  });
  return Object.assign(app, { holder });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
