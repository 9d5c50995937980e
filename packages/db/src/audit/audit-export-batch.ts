import { and, asc, desc, gt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { assertTenantRows, tenantWhere } from '../access';
import { auditEvents, auditExports } from '../schema';
import type { AuditEventRow } from './append-audit-event';

export interface AuditExportBatch {
  /** seq of the last event already exported (0 when never exported) */
  afterSeq: number;
  /** hash the batch must chain from: the last exported hash, or genesis */
  afterHash: string | null;
  events: AuditEventRow[];
}

const MAX_BATCH = 50_000;

/**
 * The tenant's events after its last export. Takes a transaction-scoped advisory lock per
 * tenant so two exporters (a retried activity and its predecessor) cannot both write the
 * same range: the second waits, then finds nothing new.
 */
export async function nextAuditExportBatch(tx: Tx, tenantId: string): Promise<AuditExportBatch> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`rewind.audit-export:${tenantId}`}))`,
  );
  const [last] = await tx
    .select({ toSeq: auditExports.toSeq, lastHash: auditExports.lastHash })
    .from(auditExports)
    .where(tenantWhere(auditExports, tenantId))
    .orderBy(desc(auditExports.toSeq))
    .limit(1);
  const afterSeq = last?.toSeq ?? 0;
  const events = await tx
    .select()
    .from(auditEvents)
    .where(and(tenantWhere(auditEvents, tenantId), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(MAX_BATCH);
  return {
    afterSeq,
    afterHash: last?.lastHash ?? null,
    events: assertTenantRows(events, tenantId, 'audit event'),
  };
}

export async function recordAuditExport(
  tx: Tx,
  input: {
    tenantId: string;
    fromSeq: number;
    toSeq: number;
    region: string;
    objectKey: string;
    lastHash: string;
  },
): Promise<{ id: string }> {
  const [row] = await tx.insert(auditExports).values(input).returning({ id: auditExports.id });
  if (!row) throw new Error('invariant: audit export insert returned no row');
  return row;
}
