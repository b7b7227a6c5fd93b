// PGlite allows one process per data directory and does not lock it. This lock does: the holder
// listens on a Unix socket inside the directory. The kernel closes that socket when the holder dies,
// however it dies (kill -9 included), so a socket that refuses connections was left by a dead
// holder whatever process now has its old PID, and a live holder answers with who it is. A second
// server or a CLI command then stops with a clear message instead of corrupting the data.
import { closeSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class DataDirInUseError extends Error {}

export interface DataDirLock {
  release(): Promise<void>;
}

const SOCKET_NAME = 'trailmap.lock';
/** The kernel keeps a socket's path in 108 bytes, the last one a NUL. */
const MAX_SOCKET_PATH = 107;
/** A holder that accepted the connection but says nothing this long is busy, not gone. */
const ANSWER_WAIT_MS = 1000;

/**
 * Runs `use` with an address for the directory's socket that fits the kernel's limit: the path
 * itself, or on Linux the directory reached through a descriptor of it (/proc/self/fd/N), which
 * the kernel resolves like any directory. The descriptor stays open until `use` has finished.
 */
async function withSocketAddress<T>(dataDir: string, use: (address: string) => Promise<T>): Promise<T> {
  const full = path.resolve(dataDir, SOCKET_NAME);
  if (Buffer.byteLength(full) <= MAX_SOCKET_PATH) return use(full);
  const relative = path.relative(process.cwd(), full);
  if (process.platform !== 'linux') {
    if (Buffer.byteLength(relative) <= MAX_SOCKET_PATH) return use(relative);
    throw new Error(
      `the path of the data directory ${dataDir} is too long for its lock socket: use a shorter DATA_DIR`,
    );
  }
  const fd = openSync(dataDir, 'r');
  try {
    return await use(`/proc/self/fd/${fd}/${SOCKET_NAME}`);
  } finally {
    closeSync(fd);
  }
}

/** What the holder says about itself, undefined if nothing listens (a dead holder's socket, or none). */
function askHolder(address: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    let answer = '';
    socket.setTimeout(ANSWER_WAIT_MS, () => {
      socket.destroy();
      resolve(answer || '{}');
    });
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer || '{}'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(undefined);
      else reject(error);
    });
  });
}

function inUse(dataDir: string, answer: string): DataDirInUseError {
  let holder: { pid?: number; holder?: string } = {};
  try {
    holder = JSON.parse(answer);
  } catch {
    // Said something else: still a live holder.
  }
  const who = holder.pid ? `process ${holder.pid} (${holder.holder ?? 'trailmap'})` : 'another process';
  return new DataDirInUseError(
    `the data directory ${dataDir} is in use by ${who}: ` +
      'stop it first, or use PostgreSQL (DATABASE_URL) to run several processes',
  );
}

/** Removes a file that another process may have removed first. */
function unlinkQuietly(file: string) {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/** Takes the lock (replacing one left by a holder that died); fails if a live process holds it. */
export async function lockDataDir(dataDir: string, holder: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const description = JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() });
  const server = net.createServer((socket) => socket.end(description));
  server.on('error', () => {});
  const full = path.resolve(dataDir, SOCKET_NAME);
  let listening = '';
  const listen = (address: string) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => {
        listening = address;
        server.off('error', reject);
        resolve();
      });
    });

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await withSocketAddress(dataDir, listen);
      // The lock must never keep a finished command's process alive.
      server.unref();
      return {
        release: () =>
          new Promise<void>((resolve) => {
            server.close(() => {
              // Closing unlinks the socket by the address it listened on; a descriptor's is gone.
              if (listening !== full) unlinkQuietly(full);
              resolve();
            });
          }),
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE')
        throw new Error(`cannot lock the data directory ${dataDir}: ${(error as Error).message}`);
    }
    const answer = await withSocketAddress(dataDir, askHolder);
    if (answer !== undefined) throw inUse(dataDir, answer);
    // Left by a holder that died (or an older version's lock file): nothing listens on it.
    unlinkQuietly(full);
  }
  throw new DataDirInUseError(`could not lock the data directory ${dataDir}: it keeps changing hands`);
}
