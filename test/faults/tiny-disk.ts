// A real, tiny filesystem (tmpfs) that a test fills up, to see what a full disk does. Mounting
// needs root (and, in a container, the right to mount): without it the tests say so and skip.
import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TinyDisk {
  dir: string;
  /** Fills every free byte. */
  fill(): void;
  /** Frees what `fill` took. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountTinyDisk(megabytes: number): Promise<TinyDisk> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trailmap-tiny-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0777`, 'tmpfs', dir]);
  } catch (error) {
    await rmdir(dir);
    throw error;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        for (const size of [1 << 20, 1 << 12, 1]) {
          const chunk = Buffer.alloc(size);
          try {
            for (;;) writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rm(filler, { force: true }),
    async unmount() {
      await run('umount', [dir]);
      await rmdir(dir);
    },
  };
}

/** Why a tiny disk cannot be had here, or undefined when it can. */
export async function tinyDiskUnavailable(): Promise<string | undefined> {
  try {
    await (await mountTinyDisk(1)).unmount();
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}): run as root to test a full disk for real`;
  }
}
