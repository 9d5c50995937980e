import type { ActivityDeps } from '../deps';

export interface ProbeHostResult {
  hostId: string;
  postgres: { ok: boolean; version?: string; latencyMs: number; error?: string };
  pgbackrest: { ok: boolean; version?: string; latencyMs: number; error?: string };
}

export function probeHostActivities(deps: ActivityDeps) {
  return {
    /** Runs on the host's queue: proves the worker there is alive and its binaries work. */
    async probeHost(): Promise<ProbeHostResult> {
      const b = await deps.engine.probeBinaries();
      return { hostId: deps.hostId, postgres: b.postgres, pgbackrest: b.pgbackrest };
    },
  };
}
