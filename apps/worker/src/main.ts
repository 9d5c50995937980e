import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseStackEnv, temporalConnectOptions } from '@rewind/core';
import { createActivities } from '@rewind/activities';
import { CONTROL_PLANE_QUEUE, hostQueue } from '@rewind/workflows/task-queues';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { buildActivityDeps } from './build-deps';
import { bundleWorkflows, createWorkers, waitUntilRunning } from './create-workers';
import { Connection } from '@temporalio/client';
import { ensureAuditExportSchedule } from './ensure-audit-export-schedule';

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

  // phase: dependencies
  const built = buildActivityDeps(env);
  const activities = createActivities(built.deps);

  // phase: connect + bundle
  const connection = await NativeConnection.connect(temporalConnectOptions(env));
  log(`connected to Temporal at ${env.TEMPORAL_ADDRESS} (namespace ${env.TEMPORAL_NAMESPACE})`);
  // A schedule problem must not keep the worker from serving restores: log it and go on.
  const scheduleConnection = await Connection.connect(temporalConnectOptions(env));
  await ensureAuditExportSchedule(scheduleConnection, env.TEMPORAL_NAMESPACE)
    .then((state) => log(`audit export schedule: ${state}`))
    .catch((err: unknown) => log(`audit export schedule could not be ensured: ${String(err)}`))
    .finally(() => scheduleConnection.close());
  const started = Date.now();
  const workflowBundle = await bundleWorkflows();
  log(`workflows bundled in ${Date.now() - started} ms`);

  // phase: run
  const { controlPlane, host } = await createWorkers({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    hostId: env.REWIND_HOST_ID,
    activities,
    workflowBundle,
  });
  const running = Promise.all([controlPlane.run(), host.run()]);
  try {
    await Promise.race([waitUntilRunning([controlPlane, host]), running]);
    await mkdir(path.dirname(readyFile), { recursive: true });
    await writeFile(readyFile, `${process.pid}\n`);
    log(
      `polling ${CONTROL_PLANE_QUEUE} and ${hostQueue(env.REWIND_HOST_ID)}; ready file ${readyFile}`,
    );
    await running;
  } finally {
    await rm(readyFile, { force: true });
    await connection.close();
    await built.close();
    log('stopped');
  }
}

main().catch((err: unknown) => {
  console.error(
    `worker: fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exit(1);
});
