import {
  appendAuditEvent,
  createApiTokenRecord,
  type AuditActor,
  type CreatedApiToken,
  type Tx,
} from '@rewind/db';

/** A token for the caller (POST /api/v1/tokens); the secret is in the result and nowhere else, ever. */
export async function createToken(
  tx: Tx,
  input: { tenantId: string; userId: string; name: string; scopes: string[]; actor: AuditActor },
): Promise<CreatedApiToken> {
  const created = await createApiTokenRecord(tx, {
    tenantId: input.tenantId,
    userId: input.userId,
    name: input.name,
    scopes: input.scopes,
  });
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'token.created',
    target: { type: 'token', id: created.id },
    data: { name: created.name, prefix: created.displayPrefix, scopes: input.scopes },
  });
  return created;
}
