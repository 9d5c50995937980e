import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { existsSync } from 'node:fs';

// Workflow determinism rules live next to the workflows (they know what is forbidden there).
const workflowRules = existsSync(new URL('./packages/workflows/eslint.rules.js', import.meta.url))
  ? (await import('./packages/workflows/eslint.rules.js')).default
  : [];

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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...(Array.isArray(workflowRules) ? workflowRules : [workflowRules]),
);
