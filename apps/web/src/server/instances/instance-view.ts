import 'server-only';
import { instanceConnection, type InstanceRecord } from '@rewind/db';
import type { InstanceDetail, InstanceSummary } from '../../lib/api-types';

type SummaryRow = Pick<
  InstanceRecord,
  'id' | 'name' | 'status' | 'kind' | 'pgVersion' | 'createdAt' | 'expiresAt'
>;

export function toInstanceSummary(row: SummaryRow): InstanceSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    kind: row.kind,
    pgVersion: row.pgVersion,
    createdAt: row.createdAt.toISOString(),
    // clones only: lists show the clone badge with its expiry
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/**
 * The detail view names the role to connect as (the owner role for `asOwner`: owners, admins;
 * the read-only role otherwise) but never its password: that is `POST …/password`, audited.
 */
export function toInstanceDetail(
  row: InstanceRecord,
  host: string,
  asOwner: boolean,
): InstanceDetail {
  return {
    ...toInstanceSummary(row),
    timezone: row.timezone,
    legalHold: row.legalHold,
    connection: instanceConnection(row, { asOwner, host }),
    // The restorable window comes from the backup catalogue (data plane); empty until it syncs.
    window: { regions: [] },
    healthReason: row.healthReason,
    clockSkewMs: row.clockSkewMs,
    probedAt: row.probedAt?.toISOString() ?? null,
  };
}
