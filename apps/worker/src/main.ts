import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseStackEnv, temporalConnectOptions, type StackEnv } from '@rewind/core';
import { createActivities } from '@rewind/activities';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { buildActivityDeps } from './build-deps';
import { bundleWorkflows, createWorkersFor, polledQueues } from './create-workers';
import { keepWorkersRunning } from './keep-workers-running';
import { Connection } from '@temporalio/client';
import { ensureAuditExportSchedule } from './ensure-audit-export-schedule';
import { startWorkerMetrics } from './worker-metrics';

const log = (msg: string) => console.log(`${new Date().toISOString()} worker: ${msg}`);

const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

/** Temporal SDK log level; WARN keeps the worker's own lines readable. */
function logLevel(value: string | undefined): LogLevel {
  const wanted = (value ?? 'WARN').toUpperCase();
  if (!LOG_LEVELS.includes(wanted as LogLevel)) {
    throw new Error(`REWIND_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${value}`);
  }
  return wanted as LogLevel;
}

async function main(): Promise<void> {
  // phase: configuration (fail before touching anything if the stack env is incomplete)
  const env = parseStackEnv(process.env);
  const readyFile = path.join(env.REWIND_DATA_DIR, 'run', 'worker.ready');
  await rm(readyFile, { force: true });
  const level = logLevel(process.env.REWIND_LOG_LEVEL);
  // the Runtime's default shutdownSignals (SIGINT/SIGTERM/…) drain and stop every worker
  Runtime.install({ logger: new DefaultLogger(level) });

  // phase: dependencies (and /metrics, which counts what the activities do)
  const metrics = await startWorkerMetrics(env);
  log(`metrics on http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics (bearer token)`);
  const built = buildActivityDeps(env, { metrics: metrics.restore });
  const activities = createActivities(built.deps);

  // phase: bundle (once per process; every in-process restart of the workers reuses it)
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGQUIT'] as const)
    process.once(signal, () => (stopping = true));
  const started = Date.now();
  const workflowBundle = await bundleWorkflows();
  log(`workflows bundled in ${Date.now() - started} ms`);

  // phase: run, surviving Temporal restarts (see keepWorkersRunning)
  try {
    await keepWorkersRunning({
      connect: () => NativeConnection.connect(temporalConnectOptions(env)),
      createWorkers: (connection) =>
        createWorkersFor(env.REWIND_WORKER_QUEUES, {
          connection,
          namespace: env.TEMPORAL_NAMESPACE,
          hostId: env.REWIND_HOST_ID,
          activities,
          workflowBundle,
        }),
      onPolling: async (restarts) => {
        if (restarts === 0) {
          // A schedule problem must not keep the worker from serving restores: log it and go on.
          // The control-plane workers own the schedules; a host-only worker has no business there.
          if (env.REWIND_WORKER_QUEUES !== 'host') await ensureAuditExportScheduleOnce(env);
          await mkdir(path.dirname(readyFile), { recursive: true });
          await writeFile(readyFile, `${process.pid}\n`);
        }
        log(
          `polling ${polledQueues(env.REWIND_WORKER_QUEUES, env.REWIND_HOST_ID).join(' and ')} at ${env.TEMPORAL_ADDRESS} on node ${process.version}${restarts === 0 ? `; ready file ${readyFile}` : ` again (restart ${restarts})`}`,
        );
      },
      log,
      stopping: () => stopping,
    });
  } finally {
    await rm(readyFile, { force: true });
    await built.close();
    await metrics.close();
    log('stopped');
  }
}

async function ensureAuditExportScheduleOnce(env: StackEnv): Promise<void> {
  try {
    const connection = await Connection.connect(temporalConnectOptions(env));
    try {
      log(
        `audit export schedule: ${await ensureAuditExportSchedule(connection, env.TEMPORAL_NAMESPACE)}`,
      );
    } finally {
      await connection.close();
    }
  } catch (err) {
    log(`audit export schedule could not be ensured: ${String(err)}`);
  }
}

main().catch((err: unknown) => {
  console.error(
    `worker: fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(1);
});
