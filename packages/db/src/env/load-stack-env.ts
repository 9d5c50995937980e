import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStackEnv, type StackEnv } from '@rewind/core';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** KEY=value lines; blank lines and # comments ignored; surrounding quotes stripped. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (
      value.length >= 2 &&
      ((value.startsWith('"') && value.endsWith('"')) ||
        (value.startsWith("'") && value.endsWith("'")))
    ) {
      value = value.slice(1, -1);
    }
    out[m[1]!] = value;
  }
  return out;
}

/**
 * For command-line entry points (CLI, seed): variables already in the environment win; the
 * rest come from the stack's `.data/<name>/stack.env` (name from REWIND_STACK_NAME, else the
 * profile from REWIND_PROFILE, default dev; file overridable with REWIND_STACK_ENV_FILE). Validated with the one schema.
 */
export function loadStackEnv(source: NodeJS.ProcessEnv = process.env): StackEnv {
  const profile = source.REWIND_PROFILE ?? 'dev';
  const name = source.REWIND_STACK_NAME || profile;
  const file = source.REWIND_STACK_ENV_FILE ?? `${repoRoot}.data/${name}/stack.env`;
  const merged: Record<string, string | undefined> = existsSync(file)
    ? { ...parseEnvFile(readFileSync(file, 'utf8')) }
    : {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined) merged[k] = v;
  if (!existsSync(file) && merged.CONTROL_DATABASE_URL === undefined) {
    throw new Error(
      `no stack environment: ${file} does not exist and the variables are not set (bring the stack up: npm run dev)`,
    );
  }
  return parseStackEnv(merged);
}
