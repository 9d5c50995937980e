import { AppError } from '@rewind/core';
import { addMember, appendAuditEvent, findUserByEmail, type AuditActor, type PlatformDb, type TenantRole, type Tx } from '@rewind/db';

/**
 * Adds an existing Rewind user by email. People are global, so the lookup runs on the platform
 * pool; the membership and `member.added` go through the tenant transaction.
 */
export async function addTenantMember(
  tx: Tx,
  platform: PlatformDb,
  input: { tenantId: string; email: string; role: TenantRole; actor: AuditActor },
): Promise<{ userId: string; email: string; name: string; role: TenantRole }> {
  const user = await findUserByEmail(platform, input.email);
  if (!user) throw new AppError('not_found', 'no Rewind user has that email; they must have an account first');
  const added = await addMember(tx, input.tenantId, { userId: user.id, role: input.role });
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'member.added',
    target: { type: 'user', id: user.id },
    data: { email: user.email, role: added.role },
  });
  return { userId: user.id, email: user.email, name: user.name, role: added.role };
}
