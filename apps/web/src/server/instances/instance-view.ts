import 'server-only';
import { decryptSecret } from '@rewind/core';
import type { InstanceRecord } from '@rewind/db';
import type { InstanceDetail, InstanceSummary } from '../../lib/api-types';

type SummaryRow = Pick<InstanceRecord, 'id' | 'name' | 'status' | 'kind' | 'pgVersion' | 'createdAt'>;

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
 * The detail view carries the decrypted password: it is only ever built inside a tenant
 * transaction for a principal with instance:read on that tenant.
 */
export function toInstanceDetail(row: InstanceRecord, secretKey: string, host: string): InstanceDetail {
  return {
    ...toInstanceSummary(row),
    timezone: row.timezone,
    legalHold: row.legalHold,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    connection: {
      host,
      port: row.port,
      database: row.databaseName,
      user: row.username,
      password: decryptSecret(row.passwordEnc, secretKey),
    },
    // The restorable window comes from the backup catalogue (data plane); empty until it syncs.
    window: { regions: [] },
  };
}
