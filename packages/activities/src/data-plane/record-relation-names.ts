import { inTenantTx, recordRelationNames } from '@rewind/db';
import { readRelationNames } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import type { InstanceFacts } from './instance-facts';

/**
 * Reads the relfilenode → name map of every database of a running instance and records what
 * changed (catalog sync, and wal-events just before it names events). Null when the server is
 * not running here: nothing changes while it is down.
 */
export async function recordInstanceRelationNames(
  deps: ActivityDeps,
  facts: Pick<InstanceFacts, 'tenantId' | 'instanceId' | 'stanza' | 'port'>,
): Promise<{ opened: number; closed: number } | null> {
  if (facts.port === null) return null;
  if (!(await deps.engine.instanceStatus({ instanceId: facts.stanza })).running) return null;
  const port = facts.port;
  // the time the map was read: a span opens or closes at the sync that saw the change
  const seenAt = new Date();
  const relations = await readRelationNames((database, sql) =>
    deps.engine.runSql({ socketDir: deps.engine.paths(facts.stanza).run, port, database }, sql, {
      context: `reading the relation names of database ${database} of instance ${facts.instanceId}`,
      timeoutMs: 30_000,
    }),
  );
  return inTenantTx(deps.db, { tenantId: facts.tenantId }, (tx) =>
    recordRelationNames(tx, {
      tenantId: facts.tenantId,
      instanceId: facts.instanceId,
      seenAt,
      relations,
    }),
  );
}
