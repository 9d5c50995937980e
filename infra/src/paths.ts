import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from './data-home';

export type Profile = 'dev' | 'test';
export const PROFILES: readonly Profile[] = ['dev', 'test'];

/** infra/src/paths.ts → repo root is two levels up; never hard-code a checkout location. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const TOOLS_DIR = join(REPO_ROOT, '.tools');
export const VENV_BIN = join(TOOLS_DIR, 'venv', 'bin');
export const PG_BIN_DIR = process.env.REWIND_PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
export const PGBACKREST_BIN = process.env.REWIND_PGBACKREST_BIN ?? '/usr/bin/pgbackrest';
export const TSX_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
export const NEXT_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'next');

export function parseProfile(value: string | undefined): Profile {
  const v = value ?? 'dev';
  if (v === 'dev' || v === 'test') return v;
  throw new Error(`unknown profile "${v}" (expected dev or test)`);
}

/**
 * The stack's folder name under `.data/`: the profile, or REWIND_STACK_NAME for a second stack
 * of the same profile (`npm test` runs its disruptive tests, which stop regions and kill
 * processes, on `test-disruptive` beside the main one). It must start with the profile's name.
 */
export function stackName(profile: Profile, env: NodeJS.ProcessEnv = process.env): string {
  const name = env.REWIND_STACK_NAME;
  if (name === undefined || name === '') return profile;
  if (name !== profile && !new RegExp(`^${profile}-[a-z0-9][a-z0-9-]{0,30}$`).test(name)) {
    throw new Error(
      `REWIND_STACK_NAME=${name} must be "${profile}" or "${profile}-<lowercase name>" for the ${profile} profile`,
    );
  }
  return name;
}

export interface StackPaths {
  profile: Profile;
  dataDir: string;
  tlsDir: string;
  caCert: string;
  controlPgDir: string;
  regionDir: (region: 'a' | 'b') => string;
  temporalDir: string;
  temporalDb: string;
  logsDir: string;
  runDir: string;
  logFile: (service: string) => string;
  pidFile: (service: string) => string;
  secretsFile: string;
  stackEnvFile: string;
  portsFile: string;
  workerReadyFile: string;
}

export function stackPaths(profile: Profile, root: string = REPO_ROOT): StackPaths {
  // `.data/<profile>`, or where its symlink points when the checkout is private (data-home.ts)
  const dataDir = resolveDataDir(root, stackName(profile));
  const tlsDir = join(dataDir, 'tls');
  const logsDir = join(dataDir, 'logs');
  const runDir = join(dataDir, 'run');
  return {
    profile,
    dataDir,
    tlsDir,
    caCert: join(tlsDir, 'ca.crt'),
    controlPgDir: join(dataDir, 'control-pg'),
    regionDir: (region) => join(dataDir, `region-${region}`),
    temporalDir: join(dataDir, 'temporal'),
    temporalDb: join(dataDir, 'temporal', 'temporal.db'),
    logsDir,
    runDir,
    logFile: (service) => join(logsDir, `${service}.log`),
    pidFile: (service) => join(runDir, `${service}.pid`),
    secretsFile: join(dataDir, 'secrets.json'),
    stackEnvFile: join(dataDir, 'stack.env'),
    portsFile: join(runDir, 'ports.json'),
    workerReadyFile: join(runDir, 'worker.ready'),
  };
}
