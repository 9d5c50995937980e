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

/** pg_switch_wal(): closes the open segment so archive_command ships it (see shouldForceWalSwitch). */
export async function switchWal(
  deps: ActivityDeps,
  facts: Pick<InstanceFacts, 'stanza' | 'port' | 'instanceId'>,
): Promise<void> {
  if (facts.port === null) return;
  await deps.engine.runSql(
    { socketDir: deps.engine.paths(facts.stanza).run, port: facts.port },
    'select pg_switch_wal()',
    {
      context: `switching the WAL segment of quiet instance ${facts.instanceId}`,
      timeoutMs: 15_000,
    },
  );
}
