// Starts Trailmap: waits for the content and the database (both loading since the command began),
// builds the app, listens, and shuts down cleanly.
import { watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type App, buildApp } from './app.ts';
import { type Config, singleSignOn, trustProxy } from './config.ts';
import { formatProblem, type LoadResult } from './content/load.ts';
import { loadContentInWorker } from './content/load-in-worker.ts';
import type { Catalog } from './content/model.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { openConfiguredDatabase } from './db/from-config.ts';
import type { RequestLogging } from './plugins/request-log.ts';

const publicDir = () => fileURLToPath(new URL('./public/', import.meta.url));

/**
 * Log lines go to standard output without blocking the event loop (a pipe is written
 * synchronously by Node): lines that come together are written together. Flushed before exiting.
 */
const logStream = pino.destination({ dest: 1, sync: false });

/** Errors an operator can act on: printed as one line, without a stack. */
export function explain(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ServeOptions {
  config: Config;
  /** The content, loading since before this module was (see cli/main.ts). */
  content: Promise<LoadResult>;
  /** The database, opening since before this module was (see cli/main.ts). */
  database: ReturnType<typeof openConfiguredDatabase>;
  /** Reload the content when its files change (authors). */
  watch: boolean;
}

export async function serve({
  config,
  content,
  database: opening,
  watch: watchContent,
}: ServeOptions): Promise<number> {
  // A failure to open is reported below, after the content's problems if there are any.
  const closeDatabase = () => opening.then((database) => database.close()).catch(() => {});
  let loaded: LoadResult;
  try {
    loaded = await content;
  } catch (error) {
    process.stderr.write(`trailmap: not starting: cannot load ${config.CONTENT_DIR}: ${explain(error)}\n`);
    await closeDatabase();
    return 1;
  }
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(
      `trailmap: not starting: ${loaded.problems.length} problem(s) in ${config.CONTENT_DIR}\n`,
    );
    await closeDatabase();
    return 1;
  }
  const { catalog } = loaded;

  let database: Awaited<typeof opening>;
  try {
    database = await opening;
  } catch (error) {
    process.stderr.write(`trailmap: ${explain(error)}\n`);
    return 1;
  }

  let app: App;
  try {
    app = await build(config, catalog, database);
  } catch (error) {
    // The LISTEN connection (DATABASE_LISTEN_URL) is the last the start opens.
    process.stderr.write(`trailmap: ${explain(error)}\n`);
    await database.close();
    return 1;
  }
  app.log.info({ database: database.description, migrated: database.migrated }, 'database ready');
  // How long each roadmap's map took to lay out (both widths), when this content version was loaded.
  const layoutMs = Object.fromEntries(
    catalog.roadmaps.map((r) => [r.slug, r.maps ? Math.round(r.maps.wide.took + r.maps.narrow.took) : null]),
  );
  app.log.info({ layoutMs }, 'maps laid out');
  if (watchContent) watchForContentChanges(app, config.CONTENT_DIR);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    logStream.flushSync();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    process.stderr.write(`trailmap: cannot listen on ${config.HOST}:${config.PORT}: ${explain(error)}\n`);
    await app.close();
    return 1;
  }
  const shownHost = config.HOST === '127.0.0.1' || config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const { roadmaps } = catalog;
  app.log.info(`Trailmap is serving ${roadmaps.length} roadmaps at http://${shownHost}:${config.PORT}`);
  const { listener } = app.metrics;
  if (listener)
    app.log.info(`Metrics are served only at http://${config.METRICS_HOST}:${listener.port}/metrics`);
  return 0;
}

/** The app on the loaded content and the open database, configured as the environment says. */
function build(config: Config, catalog: Catalog, database: DatabaseHandle) {
  return buildApp({
    catalog,
    database,
    publicDir: publicDir(),
    sessionTtlSeconds: config.SESSION_TTL,
    authLimits: {
      windowSeconds: config.RATE_LIMIT_WINDOW,
      perIp: config.RATE_LIMIT_PER_IP,
      perAccount: config.RATE_LIMIT_PER_ACCOUNT,
    },
    trustProxy: trustProxy(config),
    publicUrl: config.PUBLIC_URL,
    metricsListen:
      config.METRICS_PORT === undefined
        ? undefined
        : { port: config.METRICS_PORT, host: config.METRICS_HOST },
    logger: { level: config.LOG_LEVEL, stream: logStream },
    logRequests: config.LOG_REQUESTS as RequestLogging,
    // readConfig has checked that MAIL_FROM and PUBLIC_URL come with SMTP_URL.
    mail:
      config.SMTP_URL && config.MAIL_FROM && config.PUBLIC_URL
        ? {
            smtpUrl: config.SMTP_URL,
            from: config.MAIL_FROM,
            siteUrl: config.PUBLIC_URL,
            requireVerification: config.REQUIRE_EMAIL_VERIFICATION === 'true',
          }
        : undefined,
    singleSignOn: singleSignOn(config),
    passwordSignin: config.PASSWORD_SIGNIN === 'true',
    teamCreation: config.ALLOW_TEAM_CREATION === 'admins' ? 'admins' : 'everyone',
    closeDatabase: true,
  });
}

/** Reloads content after an author saves a file; broken content is reported and the old content kept. */
function watchForContentChanges(app: App, contentDir: string) {
  let timer: NodeJS.Timeout | undefined;
  watch(path.resolve(contentDir), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const result = await loadContentInWorker(contentDir).catch((error: unknown) => {
        app.log.warn(`cannot reload content: ${explain(error)}`);
        return undefined;
      });
      if (!result) return;
      if (!result.ok) {
        for (const problem of result.problems) app.log.warn(formatProblem(problem));
        return;
      }
      app.holder.catalog = result.catalog;
      app.log.info({ version: result.catalog.version }, 'content reloaded');
    }, 150);
  });
}
