import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client';
import { assertTenantRows, tenantWhere } from '../access';
import { auditActionWhere } from '../audit/action-filter';
import { auditEvents } from '../schema';
import type { AuditEventRow } from '../audit/append-audit-event';

export interface ListAuditEventsFilter {
  /** events whose target is the instance, or whose data names it (restores, backups) */
  instanceId?: string;
  from?: Date;
  to?: Date;
  /** an action name, or a prefix ending in `*` (`restore.*`) */
  action?: string;
  /** 1..500 */
  limit: number;
  /** seq to continue below (newest first) */
  beforeSeq?: number;
}

export interface AuditEventPage {
  events: AuditEventRow[];
  /** pass as `beforeSeq` for the next (older) page; null when this page is the last */
  nextBeforeSeq: number | null;
}

/** The tenant's audit trail, newest first, one page at a time (keyset on seq, stable while appending). */
export async function listAuditEvents(
  tx: Tx,
  tenantId: string,
  filter: ListAuditEventsFilter,
): Promise<AuditEventPage> {
  const where: SQL[] = [tenantWhere(auditEvents, tenantId)];
  if (filter.instanceId) {
    const byTarget = and(
      eq(auditEvents.targetType, 'instance'),
      eq(auditEvents.targetId, filter.instanceId),
    );
    const byData = sql`${auditEvents.data}->>'instanceId' = ${filter.instanceId}`;
    where.push(or(byTarget, byData)!);
  }
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lte(auditEvents.at, filter.to));
  if (filter.action) where.push(auditActionWhere(filter.action));
  if (filter.beforeSeq !== undefined) where.push(lt(auditEvents.seq, filter.beforeSeq));

  const rows = await tx
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(filter.limit + 1);
  assertTenantRows(rows, tenantId, 'audit event');
  const events = rows.slice(0, filter.limit);
  const more = rows.length > filter.limit;
  return { events, nextBeforeSeq: more ? (events.at(-1)?.seq ?? null) : null };
}
