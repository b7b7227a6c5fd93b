// Runs `trailmap serve` as a real process, the way an operator does, and waits until it listens.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './app.ts';

export const bin = path.join(repoRoot, 'bin/trailmap.js');

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn('node', [bin, 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) {
        resolve({
          child,
          base: match[1],
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.stderr?.on('data', (chunk) => {
      out += chunk;
    });
    void exited.then((code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}
