import type { ActivityDeps } from '../deps';
import { loadInstanceFacts, type InstanceRef } from './instance-facts';

// In the maintenance database, not the tenant's: the tenant's schema stays theirs alone.
const HEARTBEAT_SQL = `
CREATE TABLE IF NOT EXISTS rewind_heartbeat (id int PRIMARY KEY, beat_at timestamptz NOT NULL);
INSERT INTO rewind_heartbeat VALUES (1, clock_timestamp())
  ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at;
`;

/**
 * One real commit inside the instance, on demand (tests that need a commit after a target). The
 * instance monitor no longer writes one every round: a quiet instance's window reaches now through
 * catalog sync's check that all its WAL is archived (syncCatalog, quiet coverage).
 */
export async function writeHeartbeat(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<{ wrote: boolean }> {
  const facts = await loadInstanceFacts(deps, ref);
  if (facts.port === null) return { wrote: false };
  const status = await deps.engine.instanceStatus({ instanceId: facts.stanza });
  if (!status.running) return { wrote: false };
  await deps.engine.runSql(
    { socketDir: deps.engine.paths(facts.stanza).run, port: facts.port },
    HEARTBEAT_SQL,
    { context: `writing the heartbeat of instance ${ref.instanceId}`, timeoutMs: 15_000 },
  );
  return { wrote: true };
}
