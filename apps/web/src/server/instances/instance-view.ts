import 'server-only';
import { instanceConnection, type InstanceRecord } from '@rewind/db';
import type { InstanceDetail, InstanceSummary } from '../../lib/api-types';

type SummaryRow = Pick<
  InstanceRecord,
  'id' | 'name' | 'status' | 'kind' | 'pgVersion' | 'createdAt'
>;

export function toInstanceSummary(row: SummaryRow): InstanceSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    kind: row.kind,
    pgVersion: row.pgVersion,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The detail view carries a decrypted password: it is only ever built inside a tenant
 * transaction for a principal with instance:read on that tenant; the owner role's only for
 * `asOwner` (owners, admins), the read-only role's otherwise.
 */
export function toInstanceDetail(
  row: InstanceRecord,
  secretKey: string,
  host: string,
  asOwner: boolean,
): InstanceDetail {
  return {
    ...toInstanceSummary(row),
    timezone: row.timezone,
    legalHold: row.legalHold,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    connection: instanceConnection(row, { asOwner, secretKey, host }),
    // The restorable window comes from the backup catalogue (data plane); empty until it syncs.
    window: { regions: [] },
    healthReason: row.healthReason,
    clockSkewMs: row.clockSkewMs,
    probedAt: row.probedAt?.toISOString() ?? null,
  };
}
