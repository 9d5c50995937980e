import {
  appendAuditEvent,
  inTenantTx,
  membershipsOfUser,
  type Db,
  type PlatformDb,
} from '@rewind/db';

export type LoginOutcome = 'succeeded' | 'failed' | 'rate_limited';

/**
 * Sign-ins go to the audit trail of every tenant the person belongs to (each tenant sees
 * who entered its account). Attempts on an unknown email belong to no tenant: they go to
 * the platform chain. Never throws: an audit outage must not lock everyone out; it is logged.
 */
export async function recordLogin(
  db: { platform: PlatformDb; app: Db },
  input: { email: string; userId: string | null; outcome: LoginOutcome; ip: string | null },
): Promise<void> {
  const action = `auth.login_${input.outcome}`;
  const data = { ip: input.ip, method: 'password' };
  try {
    const tenants = input.userId ? await membershipsOfUser(db.platform, input.userId) : [];
    if (tenants.length === 0) {
      await db.platform.transaction((tx) =>
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
      await inTenantTx(db.app, { tenantId: t.tenantId }, (tx) =>
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
