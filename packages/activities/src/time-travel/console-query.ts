import { CONSOLE_QUERY_LIMITS, type ConsoleQueryOutcome } from '@rewind/core';
import { getInstance, inTenantTx, instanceCredentials } from '@rewind/db';
import { queryAsRoleReadOnly } from '@rewind/engine';
import type { ActivityDeps } from '../deps';

export interface ConsoleQueryInput {
  tenantId: string;
  instanceId: string;
  sql: string;
  /** the role the caller connects as (owners and admins the owner role, members the read-only one) */
  access: 'owner' | 'read_only';
}

/**
 * One console query on this host's instance (a clone at T or the live one), as the tenant's role
 * over TCP, in a read-only transaction with the console's row and time bounds
 * (`queryAsRoleReadOnly`, which the validation queries use too). PostgreSQL's refusal (a write
 * in a read-only transaction, a missing table, the timeout) is an answer, not a failure.
 */
export async function consoleQuery(
  deps: ActivityDeps,
  input: ConsoleQueryInput,
): Promise<ConsoleQueryOutcome> {
  const row = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
    getInstance(tx, input.tenantId, input.instanceId),
  );
  const credentials = instanceCredentials(row, {
    asOwner: input.access === 'owner',
    secretKey: deps.secretKey,
    host: '127.0.0.1',
  });
  if (!credentials || row.port === null || row.status !== 'running')
    return { ok: false, error: `${row.name} is not running (status ${row.status})` };
  try {
    const result = await queryAsRoleReadOnly(
      {
        port: row.port,
        database: credentials.database,
        user: credentials.user,
        password: credentials.password,
      },
      input.sql,
      {
        maxRows: CONSOLE_QUERY_LIMITS.rows,
        statementTimeoutMs: CONSOLE_QUERY_LIMITS.statementTimeoutMs,
        maxRowBytes: CONSOLE_QUERY_LIMITS.rowBytes,
        maxValueBytes: CONSOLE_QUERY_LIMITS.valueBytes,
        applicationName: 'rewind-console',
      },
    );
    return { ok: true, ...result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: message.replaceAll(credentials.password, '••••') };
  }
}
