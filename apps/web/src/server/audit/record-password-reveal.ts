import 'server-only';
import { and, appendAuditEvent, auditEvents, eq, gt, sql, type Tx } from '@rewind/db';
import type { Principal } from '../auth/principal';
import { auditActor } from './audit-actor';

const QUIET_SECONDS = 60 * 60;

/**
 * The instance detail carries the decrypted password, and the portal polls it: one
 * `instance.password_revealed` per actor and instance per hour says who could read it
 * without an event every few seconds.
 */
export async function recordPasswordReveal(tx: Tx, tenantId: string, instanceId: string, principal: Principal): Promise<void> {
  const actor = auditActor(principal);
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
