import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Four projects, one runner: `npm test` counts them all in one report.
//   unit         pure code, no services
//   integration  against the real test stack (.data/test), env loaded by the setup file
//   e2e          Debian Chromium via playwright-core against the running web app
//   disruptive   tests that stop a region or kill the worker: one file at a time, on a test
//                stack of their own (infra/bin/test.sh), so an outage they cause never breaks
//                a test of the other projects running beside them
export default defineConfig({
  resolve: {
    // `server-only` throws outside React Server Components; tests import server modules directly.
    alias: { 'server-only': here('./test-support/empty-module.ts') },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,packages,infra,bench}/**/*.test.{ts,tsx}'],
          exclude: [
            '**/node_modules/**',
            '**/*.integration.test.ts',
            '**/*.disruptive.test.ts',
            '**/.next/**',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{apps,packages,infra}/**/*.integration.test.ts'],
          exclude: ['**/node_modules/**'],
          setupFiles: [here('./test-support/load-stack-env.ts')],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'disruptive',
          include: ['{apps,packages,infra}/**/*.disruptive.test.ts'],
          exclude: ['**/node_modules/**'],
          setupFiles: [here('./test-support/load-stack-env.ts')],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // one fork, one file at a time (fileParallelism is not a per-project option)
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['playwright/**/*.e2e.test.ts'],
          setupFiles: [here('./test-support/load-stack-env.ts')],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // browser flows share one Chromium budget on 2 cores: one file at a time
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
