import 'server-only';
import path from 'node:path';
import { regionsFromEnv } from '@rewind/core';
import { env } from '../env';
import { runCheck, type HealthCheck } from './check';
import { checkBinary } from './check-binary';
import { checkControlDb } from './check-control-db';
import { checkRegion } from './check-region';
import { checkTemporal } from './check-temporal';

const TIMEOUT_MS = 2_000;

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: HealthCheck[];
}

/** Every dependency in parallel, each under its own deadline: the answer comes within ~2 s. */
export async function runHealth(): Promise<HealthReport> {
  const e = env();
  const regions = regionsFromEnv(e);
  const checks = await Promise.all([
    runCheck('control-db', TIMEOUT_MS, () => checkControlDb()),
    runCheck('temporal', TIMEOUT_MS, () => checkTemporal(TIMEOUT_MS)),
    runCheck(`region:${regions.a.name}`, TIMEOUT_MS, () => checkRegion(regions.a, e.S3_CA_FILE, TIMEOUT_MS)),
    runCheck(`region:${regions.b.name}`, TIMEOUT_MS, () => checkRegion(regions.b, e.S3_CA_FILE, TIMEOUT_MS)),
    runCheck('pgbackrest', TIMEOUT_MS, (signal) => checkBinary(e.PGBACKREST_BIN, ['version'], TIMEOUT_MS, signal)),
    runCheck('postgres', TIMEOUT_MS, (signal) =>
      checkBinary(path.join(e.PG_BIN_DIR, 'postgres'), ['--version'], TIMEOUT_MS, signal),
    ),
  ]);
  return { status: checks.every((c) => c.ok) ? 'ok' : 'degraded', checks };
}
