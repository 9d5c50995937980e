import 'server-only';
import { regionsFromEnv } from '@rewind/core';
import { readFleetRecoverability } from '@rewind/db';
import { createRewindRegistry, type RewindRegistry } from '@rewind/metrics';
import { platformDb } from './db';
import { env } from './env';

const g = globalThis as typeof globalThis & { __rewindMetrics?: RewindRegistry };

/** The web's registry: one per process (survives dev reloads), fleet gauges from the catalog. */
export function webMetrics(): RewindRegistry {
  if (!g.__rewindMetrics) {
    const { a, b } = regionsFromEnv(env());
    const regions = [a.name, b.name];
    g.__rewindMetrics = createRewindRegistry({
      service: 'web',
      fleet: {
        regions,
        read: (drillsSince) => readFleetRecoverability(platformDb().db, { regions, drillsSince }),
      },
    });
  }
  return g.__rewindMetrics;
}
