import {
  AppError,
  parseQualifiedTable,
  parseRestoreTarget,
  parseSchemaName,
  replaceConfirmation,
  stagingSchemaName,
  TABLE_RESTORE_LIMITS,
  tableDependentsSql,
  tableRestoreModes,
  type TableRestoreMode,
  type TableRestoreRecord,
} from '@rewind/core';
import { getInstance, type RequestedRestore, type Tx } from '@rewind/db';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';
import { markRestoreUnstarted, requestRestore } from '../restores/request-restore';
import type { ServiceDeps } from '../service-deps';
import { queryOnHost, type PastRequester } from './run-console-query';

export interface TableRestoreBody {
  target?: unknown;
  tables?: unknown[];
  schema?: unknown;
  into?: TableRestoreMode;
  /** replace only: exactly `replaceConfirmation(...)`, typed by a person */
  confirm?: string;
}

/** What depends on the live tables a replace overwrites (listed before it is confirmed). */
export interface TableDependents {
  foreignKeys: string[];
  views: string[];
}

function parseSpec(body: TableRestoreBody, at: Date): TableRestoreRecord {
  const into = body.into ?? 'new_schema';
  if (!tableRestoreModes.includes(into))
    throw new AppError('validation_failed', 'into must be "new_schema" or "replace"');
  if ((body.tables === undefined) === (body.schema === undefined))
    throw new AppError('validation_failed', 'give either tables (a list) or schema (one name)');
  const tables = (body.tables ?? []).map(parseQualifiedTable);
  if (body.tables !== undefined && tables.length === 0)
    throw new AppError('validation_failed', 'tables must name at least one table');
  if (tables.length > TABLE_RESTORE_LIMITS.tables)
    throw new AppError(
      'validation_failed',
      `at most ${TABLE_RESTORE_LIMITS.tables} tables per table restore`,
    );
  const names = new Set(tables.map((t) => `${t.schema}.${t.table}`));
  if (names.size !== tables.length)
    throw new AppError('validation_failed', 'tables names a table twice');
  const schema = body.schema === undefined ? null : parseSchemaName(body.schema);
  if (into === 'replace' && schema !== null)
    throw new AppError(
      'validation_failed',
      'replace takes a list of tables; a whole schema is restored into a new schema',
    );
  return { into, tables, schema, stagingSchema: stagingSchemaName(at), state: 'cloning' };
}

/**
 * POST /api/v1/instances/{id}/table-restores, in the tenant transaction: checks the request, and
 * for a replace lists the live tables' dependents (foreign keys, views) and demands the typed
 * confirmation naming them, before anything is provisioned; then records the transient clone's
 * restore (the ordinary one: window, pre-flight and approval policy) with what it copies.
 */
export async function requestTableRestore(
  deps: ServiceDeps,
  tx: Tx,
  input: PastRequester & { body: TableRestoreBody; now?: Date },
): Promise<{ restore: RequestedRestore; spec: TableRestoreRecord; dependents: TableDependents }> {
  const live = await getInstance(tx, input.tenantId, input.instanceId);
  const target = parseRestoreTarget(input.body.target);
  const spec = parseSpec(
    input.body,
    'time' in target ? new Date(target.time) : (input.now ?? new Date()),
  );
  let dependents: TableDependents = { foreignKeys: [], views: [] };
  if (spec.into === 'replace') {
    if (live.status !== 'running')
      throw new AppError('conflict', `${live.name} is not running (status ${live.status})`);
    const found = await queryOnHost(deps, live, tableDependentsSql(spec.tables), 'owner');
    if (!found.ok)
      throw new AppError('validation_failed', `the live tables cannot be read: ${found.error}`);
    dependents = {
      foreignKeys: found.rows.filter((r) => r[0] === 'foreign_key').map((r) => r[1] ?? ''),
      views: found.rows.filter((r) => r[0] === 'view').map((r) => r[1] ?? ''),
    };
    const expected = replaceConfirmation(spec);
    if (input.body.confirm !== expected)
      throw new AppError(
        'validation_failed',
        `replacing live tables needs confirm: "${expected}" (typed exactly); what depends on them is listed in details`,
        { confirm: expected, ...dependents },
      );
  }
  const restore = await requestRestore(tx, {
    tenantId: input.tenantId,
    instanceId: input.instanceId,
    requestedBy: input.requestedBy,
    actor: input.actor,
    body: { target: input.body.target, mode: 'clone' },
    regions: input.regions,
    tableRestore: { ...spec, ...(spec.into === 'replace' ? { dependents } : {}) },
    auditAction: 'table_restore.requested',
  });
  return { restore, spec, dependents };
}

/** After commit: the table restore workflow, whose child is the transient clone's restore. */
export async function startTableRestore(
  deps: ServiceDeps,
  input: { tenantId: string; instanceId: string; requestedBy: string; restore: RequestedRestore },
): Promise<void> {
  const r = input.restore;
  try {
    const client = await deps.temporal();
    await startWorkflow(client, workflowDefs.restoreTables, {
      id: [input.tenantId, input.instanceId, r.id],
      args: [
        {
          tenantId: input.tenantId,
          instanceId: input.instanceId,
          restoreId: r.id,
          restoreWorkflowId: r.workflowId,
          requestedBy: input.requestedBy,
          needsApproval: r.needsApproval,
          hostId: r.hostId,
        },
      ],
    });
  } catch (err) {
    await markRestoreUnstarted(deps, input.tenantId, r, err);
  }
}
