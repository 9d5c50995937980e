import { asc, desc, eq, gt, isNull, sql, and } from 'drizzle-orm';
import {
  computeEventHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEventContent,
  type ChainVerdict,
} from '@rewind/core';
import type { Tx } from '../client';
import { auditEvents } from '../schema';

export interface AuditActor {
  type: 'user' | 'token' | 'system';
  id?: string | null;
  email?: string | null;
}

export interface AppendAuditEventOptions {
  /** null only for platform-level events (platform role); tenant paths always pass their tenant */
  tenantId: string | null;
  actor: AuditActor;
  /** dotted verb, e.g. `restore.requested`, `instance.created`, `token.created` */
  action: string;
  target?: { type: string; id: string } | null;
  data?: Record<string, unknown>;
  /** defaults to now; millisecond precision so the hashed value survives the round trip */
  at?: Date;
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

function chainOf(tenantId: string | null) {
  return tenantId === null ? isNull(auditEvents.tenantId) : eq(auditEvents.tenantId, tenantId);
}

/**
 * Appends one event to the tenant's chain inside the caller's transaction, so the event
 * commits or rolls back with the change it describes. The transaction-scoped advisory lock
 * serialises appends per tenant: two concurrent appends would otherwise read the same head
 * and fork the chain (the unique (tenant, seq) index would then fail one of them).
 */
export async function appendAuditEvent(
  tx: Tx,
  options: AppendAuditEventOptions,
): Promise<AuditEventRow> {
  const chainKey = `rewind.audit:${options.tenantId ?? 'platform'}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${chainKey}))`);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(chainOf(options.tenantId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);

  const at = options.at ?? new Date();
  const content: AuditEventContent = {
    tenantId: options.tenantId,
    seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorType: options.actor.type,
    actorId: options.actor.id ?? null,
    actorEmail: options.actor.email ?? null,
    action: options.action,
    targetType: options.target?.type ?? null,
    targetId: options.target?.id ?? null,
    // Through JSON once, so what is hashed is exactly what jsonb will hand back.
    data: JSON.parse(JSON.stringify(options.data ?? {})) as Record<string, unknown>,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = computeEventHash(prevHash, content);
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...content, at, prevHash, hash })
    .returning();
  if (!row) throw new Error('invariant: audit insert returned no row');
  return row;
}

const PAGE = 1000;

/** Walks the whole chain in pages and names the first broken link, if any. */
export async function verifyAuditChain(tx: Tx, tenantId: string | null): Promise<ChainVerdict> {
  let position = { prevHash: GENESIS_HASH, nextSeq: 1 };
  let count = 0;
  for (;;) {
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(and(chainOf(tenantId), gt(auditEvents.seq, position.nextSeq - 1)))
      .orderBy(asc(auditEvents.seq))
      .limit(PAGE);
    const verdict = verifyChain(
      rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      position,
    );
    if (!verdict.ok) return verdict;
    count += verdict.count;
    if (rows.length < PAGE) return { ok: true, count, lastHash: verdict.lastHash };
    position = { prevHash: verdict.lastHash, nextSeq: position.nextSeq + rows.length };
  }
}
