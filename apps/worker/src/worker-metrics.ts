import { regionsFromEnv, type StackEnv } from '@rewind/core';
import { createPlatformDb, readFleetRecoverability } from '@rewind/db';
import { createRewindRegistry, serveMetrics, type RestoreMetrics } from '@rewind/metrics';

/**
 * The worker's /metrics on loopback (WORKER_METRICS_PORT, bearer REWIND_METRICS_TOKEN): the
 * restore counters its activities record plus the fleet gauges, read from the catalog on its
 * own small pool so a slow scrape never takes a connection from an activity.
 */
export async function startWorkerMetrics(
  env: StackEnv,
): Promise<{ restore: RestoreMetrics; close(): Promise<void> }> {
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 1,
    applicationName: 'rewind-worker-metrics',
  });
  const { a, b } = regionsFromEnv(env);
  const regions = [a.name, b.name];
  const { registry, restore } = createRewindRegistry({
    service: 'worker',
    fleet: {
      regions,
      read: (drillsSince) => readFleetRecoverability(platform.db, { regions, drillsSince }),
    },
  });
  try {
    const server = await serveMetrics({
      registry,
      port: env.WORKER_METRICS_PORT,
      token: env.REWIND_METRICS_TOKEN,
    });
    return {
      restore,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await platform.close();
      },
    };
  } catch (err) {
    await platform.close();
    throw new Error(
      `while starting the worker's /metrics on 127.0.0.1:${env.WORKER_METRICS_PORT}: ${String(err)}`,
    );
  }
}
