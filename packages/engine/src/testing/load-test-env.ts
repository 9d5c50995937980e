import { parseStackEnv, type StackEnv } from '@rewind/core';

/**
 * The stack env of the running test stack. The vitest setup file (test-support/load-stack-env.ts)
 * has already merged `.data/test/stack.env` (or REWIND_STACK_ENV_FILE) into process.env, so
 * integration tests only validate it here.
 */
export function loadTestEnv(): StackEnv {
  return parseStackEnv(process.env);
}
