import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Integration and e2e tests run against the test stack that `npm test` brought up.
 * This merges its stack.env into process.env so tests just call parseStackEnv(process.env).
 */
const file =
  process.env.REWIND_STACK_ENV_FILE ?? fileURLToPath(new URL('../.data/test/stack.env', import.meta.url));
if (!existsSync(file)) {
  throw new Error(`no stack env at ${file}: bring the test stack up first (bash infra/bin/stack.sh up --profile test)`);
}
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
  if (m && m[1] && process.env[m[1]] === undefined) process.env[m[1]] = m[2];
}
