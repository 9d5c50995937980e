import { and, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { appendAuditEvent, type AuditActor } from '../audit/append-audit-event';
import { auditEvents } from '../schema';

const QUIET_SECONDS = 60 * 60;

/**
 * The instance detail carries the decrypted password, and the portal polls it: one
 * `instance.password_revealed` per actor and instance per hour says who could read it
 * without an event every few seconds.
 */
export async function recordPasswordReveal(
  tx: Tx,
  input: { tenantId: string; instanceId: string; actor: AuditActor },
): Promise<void> {
  const { tenantId, instanceId, actor } = input;
  const [recent] = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        eq(auditEvents.action, 'instance.password_revealed'),
        eq(auditEvents.targetId, instanceId),
        eq(auditEvents.actorId, actor.id ?? ''),
        gt(auditEvents.at, sql`now() - make_interval(secs => ${QUIET_SECONDS})`),
      ),
    )
    .limit(1);
  if (recent) return;
  await appendAuditEvent(tx, {
    tenantId,
    actor,
    action: 'instance.password_revealed',
    target: { type: 'instance', id: instanceId },
  });
}
