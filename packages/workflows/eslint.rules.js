// Flat-config block for workflow code (included by the root eslint.config.js).
// Workflow code is replayed deterministically inside Temporal's sandbox: no I/O, no clocks of its
// own, no native modules. Anything that does I/O goes through activities, which workflows may
// only reference as types.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'fs/promises',
  'child_process',
  'os',
  'net',
  'http',
  'https',
  'dns',
  'crypto',
  'worker_threads',
];

export default {
  name: 'rewind/workflows-determinism',
  files: ['packages/workflows/src/**/*.ts'],
  ignores: ['packages/workflows/src/**/*.test.ts'],
  plugins: { '@typescript-eslint': tseslint.plugin },
  languageOptions: { parser: tseslint.parser },
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          ...nodeBuiltins.map((name) => ({
            name,
            message: 'Workflows must not do I/O; call an activity.',
          })),
          { name: 'pg', message: 'Workflows must not touch databases; call an activity.' },
          { name: '@rewind/engine', message: 'Engine code does I/O; call an activity.' },
          { name: '@rewind/db', message: 'Database code does I/O; call an activity.' },
          { name: '@rewind/storage', message: 'S3 code does I/O; call an activity.' },
          {
            name: '@rewind/activities',
            allowTypeImports: true,
            message: 'Import activities as types only: proxyActivities<Activities>().',
          },
        ],
        patterns: [
          {
            group: ['node:*'],
            message: 'Workflows must not use Node built-ins; call an activity.',
          },
          { group: ['@aws-sdk/*'], message: 'Workflows must not touch S3; call an activity.' },
          {
            group: ['@rewind/engine/*', '@rewind/db/*', '@rewind/storage/*'],
            message: 'I/O packages are off limits in workflows.',
          },
          {
            group: ['@rewind/activities/*'],
            allowTypeImports: true,
            message: 'Type-only imports of activities.',
          },
        ],
      },
    ],
  },
};
