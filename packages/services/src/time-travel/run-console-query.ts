import { randomUUID } from 'node:crypto';
import {
  AppError,
  CONSOLE_QUERY_LIMITS,
  validationQueryProblem,
  type ConsoleQueryOutcome,
  type ConsoleQueryResult,
} from '@rewind/core';
import {
  getInstance,
  inTenantTx,
  recordConsoleQuery,
  type AuditActor,
  type InstanceRecord,
  type Tx,
} from '@rewind/db';
import { executeWorkflow, workflowDefs } from '@rewind/workflows/start';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

/** One read-only query on the instance's host, through the `runConsoleQuery` workflow (awaited). */
export async function queryOnHost(
  deps: ServiceDeps,
  row: Pick<InstanceRecord, 'id' | 'tenantId' | 'hostId'>,
  sql: string,
  access: 'owner' | 'read_only',
): Promise<ConsoleQueryOutcome> {
  const client = await orchestrator(deps, 'console');
  return executeWorkflow(client, workflowDefs.runConsoleQuery, {
    id: [row.tenantId, row.id, randomUUID()],
    args: [{ tenantId: row.tenantId, instanceId: row.id, hostId: row.hostId, sql, access }],
    options: { workflowExecutionTimeout: '2 minutes' },
  });
}

/** Who asks for a clone at T (time travel, a table restore): the restore request's own fields. */
export interface PastRequester {
  tenantId: string;
  instanceId: string;
  requestedBy: string;
  actor: AuditActor;
  regions: readonly string[];
}

/**
 * POST /api/v1/instances/{id}/query: one read-only query on an instance of the tenant (a clone
 * at T, or the live instance beside it), as the caller's role. Refused up front unless it is one
 * plain query (PostgreSQL's parser, as for validation queries); run on the instance's host in a
 * read-only transaction with the console's bounds. Every query that reached the instance is
 * audited `instance.console_query`, in its own transaction so a refusal is recorded too.
 */
export async function runConsoleQuery(
  deps: ServiceDeps,
  tx: Tx,
  input: {
    tenantId: string;
    instanceId: string;
    sql: string;
    access: 'owner' | 'read_only';
    actor: AuditActor;
  },
): Promise<ConsoleQueryResult & { instanceId: string; access: 'owner' | 'read_only' }> {
  // another tenant's instance is not_found like any unknown id, before anything runs
  const row = await getInstance(tx, input.tenantId, input.instanceId);
  const problem = await validationQueryProblem(input.sql);
  if (problem) throw new AppError('validation_failed', problem);
  if (row.status !== 'running')
    throw new AppError('conflict', `${row.name} is not running (status ${row.status})`, {
      status: row.status,
    });
  const outcome = await queryOnHost(deps, row, input.sql, input.access);
  await inTenantTx(deps.db, { tenantId: input.tenantId }, (audit) =>
    recordConsoleQuery(audit, {
      tenantId: input.tenantId,
      instanceId: row.id,
      actor: input.actor,
      access: input.access,
      sql: input.sql,
      outcome: outcome.ok
        ? { rows: outcome.rows.length, more: outcome.more }
        : { error: outcome.error.slice(0, 2000) },
    }),
  );
  if (!outcome.ok)
    throw new AppError('bad_request', `the query failed: ${outcome.error}`, {
      limits: CONSOLE_QUERY_LIMITS,
    });
  return {
    instanceId: row.id,
    access: input.access,
    columns: outcome.columns,
    rows: outcome.rows,
    more: outcome.more,
  };
}
