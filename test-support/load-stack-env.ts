import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// the one stack.env reader (relative import: a setup file should not load the whole db package)
import { parseEnvFile } from '../packages/db/src/env/load-stack-env';

/**
 * Integration and e2e tests run against the test stack that `npm test` brought up.
 * This merges its stack.env into process.env so tests just call parseStackEnv(process.env).
 */
// REWIND_STACK_NAME: the disruptive tests run on a second test stack (`.data/test-disruptive`)
const file =
  process.env.REWIND_STACK_ENV_FILE ??
  fileURLToPath(
    new URL(`../.data/${process.env.REWIND_STACK_NAME || 'test'}/stack.env`, import.meta.url),
  );
if (!existsSync(file)) {
  throw new Error(
    `no stack env at ${file}: bring the test stack up first (bash infra/bin/stack.sh up --profile test)`,
  );
}
for (const [key, value] of Object.entries(parseEnvFile(readFileSync(file, 'utf8')))) {
  if (process.env[key] === undefined) process.env[key] = value;
}
