import type { TableRestoreOutcome, TableRestoreRecord } from '@rewind/core';
import { appendAuditEvent, getInstance, getRestore, inTenantTx, updateRestore } from '@rewind/db';
import { copyStagedSchema, replaceTablesFromStaging, stageTables } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import { consoleQuery, type ConsoleQueryInput } from './console-query';

const system = { type: 'system' as const, id: null };

export interface TableRestoreRef {
  tenantId: string;
  restoreId: string;
}

/** Activities of the time-travel console and table-level restores (issue 16 parts 2 and 3). */
export function timeTravelActivities(deps: ActivityDeps) {
  const load = (ref: TableRestoreRef) =>
    inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => {
      const restore = await getRestore(tx, ref.tenantId, ref.restoreId);
      const clone = restore.resultInstanceId
        ? await getInstance(tx, ref.tenantId, restore.resultInstanceId)
        : null;
      return { restore, clone };
    });

  return {
    consoleQuery: (input: ConsoleQueryInput) => consoleQuery(deps, input),

    /** Where the transient clone's restore stands (the table restore waits for a running clone). */
    async readCloneRestore(ref: TableRestoreRef) {
      const { restore, clone } = await load(ref);
      return { status: restore.status, error: restore.error, cloneStatus: clone?.status ?? null };
    },

    /** The table restore's state on its restore row, audited when `action` is given. */
    async recordTableRestore(
      input: TableRestoreRef & {
        patch: Pick<TableRestoreRecord, 'state'> & Partial<TableRestoreRecord>;
        action?: string;
      },
    ): Promise<void> {
      await inTenantTx(deps.db, { tenantId: input.tenantId }, async (tx) => {
        const restore = await getRestore(tx, input.tenantId, input.restoreId);
        const next = { ...restore.tableRestore!, ...input.patch };
        await updateRestore(tx, input.tenantId, input.restoreId, { tableRestore: next });
        if (input.action)
          await appendAuditEvent(tx, {
            tenantId: input.tenantId,
            actor: system,
            action: input.action,
            target: { type: 'restore', id: input.restoreId },
            data: { instanceId: restore.instanceId, tableRestore: next },
          });
      });
    },

    /**
     * On this host: stage the tables in the transient clone, copy them into the live instance
     * (`pg_dump`/`pg_restore` into `restored_…`), and for a replace swap their rows into the live
     * tables in one transaction. The clone itself is the restore workflow's to destroy.
     */
    async copyTablesFromClone(ref: TableRestoreRef): Promise<TableRestoreOutcome> {
      const { restore, clone } = await load(ref);
      const spec = restore.tableRestore;
      if (!spec || !clone || clone.port === null)
        throw new Error(`restore ${ref.restoreId} has no transient clone to copy tables from`);
      const live = await inTenantTx(deps.db, { tenantId: ref.tenantId }, (tx) =>
        getInstance(tx, ref.tenantId, restore.instanceId),
      );
      if (live.port === null || live.status !== 'running')
        throw new Error(`the live instance ${live.name} is not running (status ${live.status})`);
      const { engine } = deps;
      const cloneDb = {
        socketDir: engine.paths(clone.id).run,
        port: clone.port,
        database: clone.databaseName,
      };
      const liveDb = {
        socketDir: engine.paths(live.stanza).run,
        port: live.port,
        database: live.databaseName,
      };
      const staged = await stageTables(engine.config, cloneDb, {
        tables: spec.tables,
        schema: spec.schema,
        staging: spec.stagingSchema,
        owner: clone.username,
      });
      const names = staged.tables.map((t) => t.name);
      let tables = await copyStagedSchema(engine.config, {
        clone: cloneDb,
        live: liveDb,
        staging: spec.stagingSchema,
        owner: live.username,
        workDir: engine.paths(clone.id).root,
        tables: names,
      });
      if (spec.into === 'replace')
        tables = await replaceTablesFromStaging(engine.config, liveDb, {
          staging: spec.stagingSchema,
          owner: live.username,
          tables: names,
        });
      return { tables, droppedForeignKeys: staged.droppedForeignKeys };
    },
  };
}
