// The database the configuration names, opened and migrated, for the server and the CLI alike.
import type { Config } from '../config.ts';
import { type DatabaseHandle, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

export async function openConfiguredDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_LISTEN_URL' | 'DATA_DIR'>,
  holder: string,
): Promise<DatabaseHandle & { migrated: string[] }> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    listenUrl: config.DATABASE_LISTEN_URL,
    dataDir: config.DATA_DIR,
    holder,
  });
  try {
    const migrated = await migrateToLatest(database.db);
    return Object.assign(database, { migrated });
  } catch (error) {
    await database.close();
    throw error;
  }
}
