import 'server-only';
import path from 'node:path';
import { regionsFromEnv } from '@rewind/core';
import { env } from '../env';
import { runCheck, type HealthCheck } from './check';
import { checkBinary } from './check-binary';
import { checkControlDb } from './check-control-db';
import { checkRegion } from './check-region';
import { checkTemporal } from './check-temporal';
import { ACTIVITY_TASKS, checkWorkerPollers, WORKFLOW_TASKS } from './check-worker-pollers';
import { CONTROL_PLANE_QUEUE, hostQueue } from '@rewind/workflows/task-queues';

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
    runCheck(`region:${regions.a.name}`, TIMEOUT_MS, () =>
      checkRegion(regions.a, e.S3_CA_FILE, TIMEOUT_MS),
    ),
    runCheck(`region:${regions.b.name}`, TIMEOUT_MS, () =>
      checkRegion(regions.b, e.S3_CA_FILE, TIMEOUT_MS),
    ),
    // the worker itself: someone must be polling the control-plane queue (workflows and catalog
    // activities) and this host's queue (data-plane activities)
    runCheck('worker:control-plane', TIMEOUT_MS, () =>
      checkWorkerPollers(e.TEMPORAL_NAMESPACE, CONTROL_PLANE_QUEUE, WORKFLOW_TASKS, TIMEOUT_MS),
    ),
    runCheck(`worker:${hostQueue(e.REWIND_HOST_ID)}`, TIMEOUT_MS, () =>
      checkWorkerPollers(
        e.TEMPORAL_NAMESPACE,
        hostQueue(e.REWIND_HOST_ID),
        ACTIVITY_TASKS,
        TIMEOUT_MS,
      ),
    ),
    runCheck('pgbackrest', TIMEOUT_MS, (signal) =>
      checkBinary(e.PGBACKREST_BIN, ['version'], TIMEOUT_MS, signal),
    ),
    runCheck('postgres', TIMEOUT_MS, (signal) =>
      checkBinary(path.join(e.PG_BIN_DIR, 'postgres'), ['--version'], TIMEOUT_MS, signal),
    ),
  ]);
  return { status: checks.every((c) => c.ok) ? 'ok' : 'degraded', checks };
}
