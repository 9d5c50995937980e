import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import drizzle from 'eslint-plugin-drizzle';
import { existsSync } from 'node:fs';

// Workflow determinism rules live next to the workflows (they know what is forbidden there).
const workflowRules = existsSync(new URL('./packages/workflows/eslint.rules.js', import.meta.url))
  ? (await import('./packages/workflows/eslint.rules.js')).default
  : [];

const TS_FILES = ['**/*.ts', '**/*.tsx'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '.data/**',
      '.tools/**',
      '**/dist/**',
      'packages/db/migrations/**',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Type-aware rules, for the TypeScript files (every one belongs to a package's tsconfig).
  // They catch what this code can least afford: a promise nobody awaits (a failure that is
  // never seen, a transaction that commits after its caller moved on), a promise passed where
  // a plain value is expected (an async handler whose rejection crashes the process), and a
  // `return promise` inside try that skips the catch which wraps errors with their context.
  {
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        // vitest.config.ts sits at the root, where no tsconfig.json is (test-support's includes it)
        projectService: {
          allowDefaultProject: ['vitest.config.ts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // checkThenables: drizzle's query builders are thenables, not Promises, and one that is
      // never awaited never runs
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
    },
  },
  // A product about `DELETE` without `WHERE` does not ship one: drizzle handles are named
  // `db` (a pool or platform handle, also as `x.db`) and `tx` (a transaction).
  {
    files: TS_FILES,
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  ...(Array.isArray(workflowRules) ? workflowRules : [workflowRules]),
  // CommonJS preloads (apps/web/peer-address.cjs runs under `node --require`, before any ESM)
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
