import { parseWalPosition, readWalPositionSql, type WalPosition } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import type { InstanceFacts } from './instance-facts';

/** The running instance's WAL position, or null when it is not running (nothing to compare). */
export async function readWalPosition(
  deps: ActivityDeps,
  facts: Pick<InstanceFacts, 'stanza' | 'port' | 'instanceId'>,
): Promise<WalPosition | null> {
  if (facts.port === null) return null;
  const status = await deps.engine.instanceStatus({ instanceId: facts.stanza });
  if (!status.running) return null;
  const row = await deps.engine.runSql(
    { socketDir: deps.engine.paths(facts.stanza).run, port: facts.port },
    readWalPositionSql,
    { context: `reading the WAL position of instance ${facts.instanceId}`, timeoutMs: 15_000 },
  );
  return parseWalPosition(row);
}
