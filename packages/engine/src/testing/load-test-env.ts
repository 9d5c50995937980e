import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStackEnv, type StackEnv } from '@rewind/core';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** KEY=VALUE lines; `#` comments and blank lines skipped; optional surrounding quotes removed (pure). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1);
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[line.slice(0, eq).trim()] = value;
  }
  return out;
}

/** Where integration tests find the stack: REWIND_STACK_ENV_FILE, else the test profile `infra` brings up. */
export function testStackEnvFile(): string {
  return process.env.REWIND_STACK_ENV_FILE ?? path.join(REPO_ROOT, '.data', 'test', 'stack.env');
}

export function loadTestEnv(file = testStackEnvFile()): StackEnv {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `cannot read ${file} (start the test stack, or set REWIND_STACK_ENV_FILE): ${(err as Error).message}`,
    );
  }
  return parseStackEnv(parseEnvFile(text));
}
