import { appendAuditEvent, revokeApiToken, type AuditActor, type Tx } from '@rewind/db';

/** Revokes one of the tenant's tokens; audited `token.revoked` the first time only. */
export async function revokeToken(
  tx: Tx,
  input: { tenantId: string; tokenId: string; actor: AuditActor },
): Promise<void> {
  const revoked = await revokeApiToken(tx, input.tenantId, input.tokenId);
  if (!revoked.alreadyRevoked) {
    await appendAuditEvent(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'token.revoked',
      target: { type: 'token', id: revoked.id },
      data: { name: revoked.name },
    });
  }
}
