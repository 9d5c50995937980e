import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { appendAuditEvent, type AuditActor } from '../audit/append-audit-event';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { validationQueries } from '../schema';
import { getInstance } from './get-instance';
import type { ValidationQueryRecord } from './list-validation-queries';

/**
 * Deletes one validation query of one of the tenant's instances; restores that start afterwards
 * no longer run it. A query of another instance, another tenant's or an unknown id: `not_found`.
 * Audited as `validation_query.deleted` in the same transaction.
 */
export async function deleteValidationQuery(
  tx: Tx,
  options: { tenantId: string; instanceId: string; queryId: string; actor: AuditActor },
): Promise<ValidationQueryRecord> {
  const { tenantId } = options;
  const instance = await getInstance(tx, tenantId, options.instanceId);
  if (!isUuid(options.queryId)) throw new AppError('not_found', 'validation query not found');
  const [row] = await tx
    .delete(validationQueries)
    .where(
      and(
        tenantWhere(validationQueries, tenantId),
        eq(validationQueries.instanceId, instance.id),
        eq(validationQueries.id, options.queryId),
      ),
    )
    .returning();
  const deleted = requireTenantRow(row, tenantId, 'validation query');
  await appendAuditEvent(tx, {
    tenantId,
    actor: options.actor,
    action: 'validation_query.deleted',
    target: { type: 'validation_query', id: deleted.id },
    data: {
      instanceId: instance.id,
      name: deleted.name,
      expectation: deleted.expectation,
      sql: deleted.sql.slice(0, 2000),
    },
  });
  return deleted;
}
