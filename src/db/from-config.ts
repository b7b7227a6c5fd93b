// The database the configuration names, opened and migrated, for the server and the CLI alike.
import type { Config } from '../config.ts';
import { connectFailure } from './connect-failure.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { isUpToDate, migrateToLatest } from './migrate.ts';

export async function openConfiguredDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_LISTEN_URL' | 'DATA_DIR' | 'DATABASE_TIMEOUT'>,
  holder: string,
): Promise<DatabaseHandle & { migrated: string[] }> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    listenUrl: config.DATABASE_LISTEN_URL,
    dataDir: config.DATA_DIR,
    timeoutMs: config.DATABASE_TIMEOUT * 1000,
    holder,
  });
  try {
    if (config.DATABASE_URL) {
      // The first statement tells a wrong address, password or database name from anything else.
      await database
        .ping()
        .catch((error) =>
          Promise.reject(
            connectFailure(
              'DATABASE_URL',
              config.DATABASE_URL as string,
              error,
              config.DATABASE_TIMEOUT * 1000,
            ),
          ),
        );
    }
    // A migration may rightly take longer than one request's statement (an index on a big table).
    const migrated = (await isUpToDate(database.db))
      ? []
      : await database.withoutTimeouts((db) => migrateToLatest(db));
    return Object.assign(database, { migrated });
  } catch (error) {
    await database.close();
    throw error;
  }
}
