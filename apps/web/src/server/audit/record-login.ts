import 'server-only';
import { appendAuditEvent, inTenantTx, membershipsOfUser } from '@rewind/db';
import { appDb, platformDb } from '../db';

export type LoginOutcome = 'succeeded' | 'failed' | 'rate_limited';

/**
 * Sign-ins go to the audit trail of every tenant the person belongs to (each tenant sees
 * who entered its account). Attempts on an unknown email belong to no tenant: they go to
 * the platform chain. Never throws: an audit outage must not lock everyone out; it is logged.
 */
export async function recordLogin(input: {
  email: string;
  userId: string | null;
  outcome: LoginOutcome;
  ip: string | null;
}): Promise<void> {
  const action = `auth.login_${input.outcome}`;
  const data = { ip: input.ip, method: 'password' };
  try {
    const tenants = input.userId ? await membershipsOfUser(platformDb().db, input.userId) : [];
    if (tenants.length === 0) {
      await platformDb().db.transaction((tx) =>
        appendAuditEvent(tx, {
          tenantId: null,
          actor: { type: 'user', id: input.userId, email: input.email },
          action,
          data,
        }),
      );
      return;
    }
    for (const t of tenants) {
      await inTenantTx(appDb().db, { tenantId: t.tenantId }, (tx) =>
        appendAuditEvent(tx, {
          tenantId: t.tenantId,
          actor: { type: 'user', id: input.userId, email: input.email },
          action,
          target: input.userId ? { type: 'user', id: input.userId } : null,
          data,
        }),
      );
    }
  } catch (err) {
    console.error('[audit] could not record sign-in', action, err);
  }
}
