import type { Tx } from '../client';
import { appendAuditEvent, type AuditActor } from '../audit/append-audit-event';

/**
 * `instance.console_query`: one query of the read-only console (time travel), on a clone at T or
 * on the live instance, with what it returned or why it did not run.
 */
export async function recordConsoleQuery(
  tx: Tx,
  input: {
    tenantId: string;
    instanceId: string;
    actor: AuditActor;
    access: 'owner' | 'read_only';
    sql: string;
    outcome: { rows: number; more: boolean } | { error: string };
  },
): Promise<void> {
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'instance.console_query',
    target: { type: 'instance', id: input.instanceId },
    data: { access: input.access, sql: input.sql, ...input.outcome },
  });
}
