import { and, desc, eq, gte, isNull, lt, lte, type SQL } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import { auditActionWhere } from '../../audit/action-filter';
import { auditEvents, tenants } from '../../schema';
import type { AuditEventRow } from '../../audit/append-audit-event';

export interface AuditSearchFilter {
  /** a tenant's id, `platform` for the platform chain, absent for every chain */
  chain?: string | 'platform';
  /** an action name, or a prefix ending in `*` (`restore.*`) */
  action?: string;
  from?: Date;
  to?: Date;
  /** 1..500 */
  limit: number;
  /** id to continue below (ids grow across chains; seq is per chain) */
  beforeId?: number;
}

export interface AuditSearchPage {
  events: Array<AuditEventRow & { tenantSlug: string | null }>;
  nextBeforeId: number | null;
}

/** Audit events of every tenant and the platform chain, newest first, one keyset page at a time. */
export async function searchAuditEvents(
  db: PlatformDb,
  filter: AuditSearchFilter,
): Promise<AuditSearchPage> {
  const where: SQL[] = [];
  if (filter.chain === 'platform') where.push(isNull(auditEvents.tenantId));
  else if (filter.chain) where.push(eq(auditEvents.tenantId, filter.chain));
  if (filter.action) where.push(auditActionWhere(filter.action));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lte(auditEvents.at, filter.to));
  if (filter.beforeId !== undefined) where.push(lt(auditEvents.id, filter.beforeId));
  const limit = Math.min(Math.max(filter.limit, 1), 500);
  const rows = await db
    .select({ event: auditEvents, tenantSlug: tenants.slug })
    .from(auditEvents)
    .leftJoin(tenants, eq(tenants.id, auditEvents.tenantId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const events = rows.slice(0, limit).map((r) => ({ ...r.event, tenantSlug: r.tenantSlug }));
  return { events, nextBeforeId: rows.length > limit ? (events.at(-1)?.id ?? null) : null };
}
