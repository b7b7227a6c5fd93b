// `trailmap serve` as its own process on a free port of 127.0.0.1, as an operator runs it (npm
// start), for the benchmarks. Resolves once it listens; `stop` ends it with SIGTERM.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Resident set size of a process, in MB (Linux). */
export function rssMb(pid) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * @param env variables on top of this process's; an empty DATABASE_URL keeps an exported one from
 *   pointing the run at PostgreSQL.
 * @param options.profileDir writes a V8 CPU profile there when the server stops (--cpu-prof).
 */
export function startServer(env, { profileDir } = {}) {
  const startedAt = performance.now();
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn('node', [...flags, path.join(root, 'bin/trailmap.js'), 'serve'], {
    cwd: root,
    // The "listening" line is logged at info level and tells the port.
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (!match) return;
      // Keep draining the request log, without holding on to it.
      child.stdout.removeAllListeners('data').resume();
      resolve({ base: match[1], pid: child.pid, startedAt, stop, log: out });
    });
    exited.then((code) => reject(new Error(`server exited ${code}`)));
  });
}
