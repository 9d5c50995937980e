import {
  getInstance,
  getRestore,
  inTenantTx,
  recordRestoredRelationNames,
  startRelationNamesRestore,
  type RelationNamesClone,
} from '@rewind/db';
import type { RestoreTargetSpec } from '@rewind/core';
import { readRelationNames } from '@rewind/engine';
import type { ActivityDeps } from '../deps';

export type { RelationNamesClone };

export interface RelationNamesFromCloneInput {
  tenantId: string;
  /** the source instance, whose relation_names get the names */
  instanceId: string;
  /** the clone's restore */
  restoreId: string;
  /** the event's commit time: the instant the clone's catalog shows */
  at: string;
}

/**
 * Naming relations no catalog sync saw (made and dropped between two syncs) from a restored
 * copy's catalog at just before the event (the resolveRelationNames workflow).
 */
export function relationNamesFromCloneActivities(deps: ActivityDeps) {
  const regions = [deps.engine.config.regions.a.name, deps.engine.config.regions.b.name];
  return {
    /** catalog: the clone to read (a time-travel clone at T, or a new platform clone restore) */
    async startRelationNamesRestore(input: {
      tenantId: string;
      instanceId: string;
      target: RestoreTargetSpec;
      restoreId: string;
      restoreWorkflowId: string;
    }): Promise<RelationNamesClone> {
      try {
        return await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
          startRelationNamesRestore(tx, { ...input, regions }),
        );
      } catch (err) {
        throw new Error(
          `while requesting a clone to name the relations of instance ${input.instanceId} at ${JSON.stringify(input.target)}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    },

    /** host: reads the clone's catalog and records what no sync saw, as of `at` */
    async recordRelationNamesFromClone(
      input: RelationNamesFromCloneInput,
    ): Promise<{ recorded: number }> {
      const clone = await inTenantTx(deps.db, { tenantId: input.tenantId }, async (tx) => {
        const restore = await getRestore(tx, input.tenantId, input.restoreId);
        if (!restore.resultInstanceId)
          throw new Error(`restore ${input.restoreId} has no clone to read`);
        return getInstance(tx, input.tenantId, restore.resultInstanceId);
      });
      const port = clone.port;
      if (port === null) throw new Error(`clone ${clone.id} has no port`);
      // a restore's clone lives on the host under its own id, not a stanza
      const relations = await readRelationNames((database, sql) =>
        deps.engine.runSql({ socketDir: deps.engine.paths(clone.id).run, port, database }, sql, {
          context: `reading the relation names of database ${database} of clone ${clone.id} (instance ${input.instanceId} at ${input.at})`,
          timeoutMs: 30_000,
        }),
      );
      return inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        recordRestoredRelationNames(tx, {
          tenantId: input.tenantId,
          instanceId: input.instanceId,
          at: new Date(input.at),
          relations,
        }),
      );
    },
  };
}
