import { Counter, Histogram, type Registry } from 'prom-client';

/** the restore's checks by family: each tenant validation query counts as `validation` */
export const CHECK_FAMILIES = ['recovery_target', 'amcheck', 'schema_dump', 'validation', 'other'];

// 1 s to ~4.5 h: a restore phase or lead time on a large instance can take hours
const DURATION_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 16200];

/**
 * Per-process restore SLIs, counted in the process where the event happens (the worker's
 * activities). Label values are bounded enums, never a tenant's id, slug or name, nor a
 * validation query's name (tenant data); a phase label is one of core's RESTORE_PHASES.
 */
export interface RestoreMetrics {
  /** finished restores by mode, kind (user, drill) and result: success rate = succeeded / all */
  restores: Counter<'mode' | 'kind' | 'result'>;
  phaseSeconds: Histogram<'phase' | 'mode' | 'kind'>;
  /** request → restoring phase, without the approval wait (which has its own histogram) */
  leadTimeSeconds: Histogram<'mode' | 'kind'>;
  approvalWaitSeconds: Histogram<'mode'>;
  /** every check of every restored copy; validation pass rate = check="validation" */
  checks: Counter<'check' | 'result'>;
  drills: Counter<'region' | 'result'>;
  restoredBytes: Counter<'region'>;
  restoredSeconds: Counter<'region'>;
}

export function registerRestoreMetrics(registry: Registry): RestoreMetrics {
  const registers = [registry];
  return {
    restores: new Counter({
      name: 'rewind_restores_total',
      help: 'Finished restores by mode, kind (user, drill) and result (succeeded, failed, cancelled, rejected, expired).',
      labelNames: ['mode', 'kind', 'result'],
      registers,
    }),
    phaseSeconds: new Histogram({
      name: 'rewind_restore_phase_duration_seconds',
      help: 'Time a restore spent in each phase, observed as the phase ends.',
      labelNames: ['phase', 'mode', 'kind'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    leadTimeSeconds: new Histogram({
      name: 'rewind_restore_lead_time_seconds',
      help: 'Restore lead time from the request to the restoring phase, excluding the approval wait.',
      labelNames: ['mode', 'kind'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    approvalWaitSeconds: new Histogram({
      name: 'rewind_restore_approval_wait_seconds',
      help: 'Time a restore waited for a second person (request to decision, or to expiry).',
      labelNames: ['mode'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    checks: new Counter({
      name: 'rewind_restore_checks_total',
      help: 'Integrity checks of restored copies by family (validation = the tenant validation queries) and result (pass, fail).',
      labelNames: ['check', 'result'],
      registers,
    }),
    drills: new Counter({
      name: 'rewind_drills_total',
      help: 'Finished restore drills by region and result (succeeded, failed).',
      labelNames: ['region', 'result'],
      registers,
    }),
    restoredBytes: new Counter({
      name: 'rewind_restored_bytes_total',
      help: 'Bytes of data directory restored by pgBackRest, by the region that served them.',
      labelNames: ['region'],
      registers,
    }),
    restoredSeconds: new Counter({
      name: 'rewind_restored_seconds_total',
      help: 'Seconds pgBackRest spent restoring those bytes (GB/s = bytes / seconds).',
      labelNames: ['region'],
      registers,
    }),
  };
}

export function checkFamily(name: string): string {
  if (name.startsWith('validation:')) return 'validation';
  return CHECK_FAMILIES.includes(name) ? name : 'other';
}
