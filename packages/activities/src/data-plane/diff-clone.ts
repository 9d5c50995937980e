import { CLONE_DIFF_LIMITS, type CloneDiff } from '@rewind/core';
import { getInstance, getRestore, inTenantTx } from '@rewind/db';
import { diffTables, type DiffSide } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';

export interface DiffCloneInput {
  tenantId: string;
  restoreId: string;
}

/**
 * Compares the clone a restore made with the instance it was restored from, table by table
 * (GET /api/v1/restores/{id}/diff). Both run on this host; each is read as the superuser over
 * its unix socket, and only keys, counts and row hashes leave PostgreSQL.
 */
export async function diffClone(deps: ActivityDeps, input: DiffCloneInput): Promise<CloneDiff> {
  const { clone, source } = await inTenantTx(deps.db, { tenantId: input.tenantId }, async (tx) => {
    const restore = await getRestore(tx, input.tenantId, input.restoreId);
    if (!restore.resultInstanceId)
      throw new Error(`restore ${input.restoreId} has made no clone to compare`);
    return {
      clone: await getInstance(tx, input.tenantId, restore.resultInstanceId),
      source: await getInstance(tx, input.tenantId, restore.instanceId),
    };
  });
  // a restore's clone lives under its own id on the host; an instance under its stanza
  const side = (row: typeof clone, label: string, dir: string): DiffSide => {
    if (row.port === null) throw new Error(`the ${label} ${row.id} has no port on this host`);
    const port = row.port;
    return {
      run: (database, sql) =>
        deps.engine.runSql({ socketDir: deps.engine.paths(dir).run, port, database }, sql, {
          context: `comparing database ${database} of the ${label} ${row.id}`,
          timeoutMs: 10 * 60_000,
        }),
    };
  };
  const comparedAt = new Date().toISOString();
  const tables = await withHeartbeat(
    () => diffTables(side(clone, 'clone', clone.id), side(source, 'source', source.stanza)),
    {
      phase: 'diff',
    },
  );
  return {
    restoreId: input.restoreId,
    cloneInstanceId: clone.id,
    sourceInstanceId: source.id,
    comparedAt,
    ...CLONE_DIFF_LIMITS,
    tables,
  };
}
