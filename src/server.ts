// Starts Trailmap: read config, load content, build the app, listen, and shut down cleanly.
import { watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { ConfigError, readConfig } from './config.ts';
import { formatProblem, loadContent } from './content/load.ts';

const publicDir = () => fileURLToPath(new URL('./public/', import.meta.url));

export async function serve({ watch: watchContent }: { watch: boolean }): Promise<number> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`trailmap: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const loaded = await loadContent(config.CONTENT_DIR);
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(
      `trailmap: not starting: ${loaded.problems.length} problem(s) in ${config.CONTENT_DIR}\n`,
    );
    return 1;
  }

  const app = await buildApp({
    catalog: loaded.catalog,
    publicDir: publicDir(),
    logger: { level: config.LOG_LEVEL },
  });
  if (watchContent) watchForContentChanges(app, config.CONTENT_DIR);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    process.stderr.write(
      `trailmap: cannot listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}\n`,
    );
    await app.close();
    return 1;
  }
  const shownHost = config.HOST === '127.0.0.1' || config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const { roadmaps } = loaded.catalog;
  app.log.info(`Trailmap is serving ${roadmaps.length} roadmaps at http://${shownHost}:${config.PORT}`);
  return 0;
}

/** Reloads content after an author saves a file; broken content is reported and the old content kept. */
function watchForContentChanges(app: Awaited<ReturnType<typeof buildApp>>, contentDir: string) {
  let timer: NodeJS.Timeout | undefined;
  watch(path.resolve(contentDir), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const result = await loadContent(contentDir);
      if (!result.ok) {
        for (const problem of result.problems) app.log.warn(formatProblem(problem));
        return;
      }
      app.holder.catalog = result.catalog;
      app.log.info({ version: result.catalog.version }, 'content reloaded');
    }, 150);
  });
}
