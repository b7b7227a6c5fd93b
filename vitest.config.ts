import { defineConfig, type ViteUserConfig } from 'vitest/config';

// Files that bound latencies under faults or crash a server under write load, and find their server's
// connections by process id: they run after all the others, one at a time, so no other file's work
// skews what they measure and no other server is taken for theirs.
const ALONE = ['test/faults/**/*.test.ts', 'test/crash/**/*.test.ts'];

// What every project shares; the global set-up stays at the root so it runs once, not per project.
const shared = {
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
} satisfies ViteUserConfig;

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default'],
    // Two cores, two files at a time: a file spends much of its run waiting on Chromium, PostgreSQL
    // or a child process, which the other file's work fills (vitest's default is cores - 1 = 1).
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        ...shared,
        test: {
          ...shared.test,
          name: 'together',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: [...ALONE, '**/node_modules/**'],
        },
      },
      {
        ...shared,
        test: {
          ...shared.test,
          name: 'alone',
          include: ALONE,
          sequence: { groupOrder: 1 },
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
