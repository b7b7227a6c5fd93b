// Creates a new PGlite data directory (initdb) in a short-lived child process. initdb grows PGlite's
// WebAssembly memory to several hundred megabytes that a process never gives back (800 MB resident
// after a first start, against 236 MB after a restart): the server then opens the finished
// directory as a restart does.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const INITDB = `
const [pglite, dataDir, startParams] = process.argv.slice(1);
require(pglite)
  .PGlite.create(dataDir, { startParams: JSON.parse(startParams) })
  .then((db) => db.close())
  .catch((error) => { process.stderr.write(String(error?.message ?? error)); process.exitCode = 1; });`;

/** Runs initdb for `dataDir` unless it already holds a database. */
export async function initDataDirApart(dataDir: string, startParams: string[]): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', INITDB, pglite, dataDir, JSON.stringify(startParams)],
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const reason = stderr.trim() || error.message;
        reject(new Error(`cannot create the database in ${dataDir}: ${reason}`));
      },
    );
  });
}
