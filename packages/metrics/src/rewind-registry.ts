import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerFleetMetrics, type FleetSource } from './fleet-metrics';
import { registerRestoreMetrics, type RestoreMetrics } from './restore-metrics';

export interface RewindRegistry {
  registry: Registry;
  restore: RestoreMetrics;
}

/**
 * Everything one process serves on /metrics: the same definitions in the web and the worker
 * (so each exposes every metric), the process's own counters, the fleet gauges from the catalog.
 */
export function createRewindRegistry(opts: {
  service: 'web' | 'worker';
  fleet: FleetSource;
}): RewindRegistry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: opts.service });
  collectDefaultMetrics({ register: registry });
  const restore = registerRestoreMetrics(registry);
  registerFleetMetrics(registry, opts.fleet);
  return { registry, restore };
}
