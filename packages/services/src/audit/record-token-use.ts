import { appendAuditEvent, inTenantTx, type Db } from '@rewind/db';

/**
 * `token.used`, at most once a minute per token (findApiToken reports the first use of each
 * interval): enough to answer "was this token used, and when", without a write per request.
 * Never throws: it is logged.
 */
export async function recordTokenUse(
  db: Db,
  input: {
    tenantId: string;
    tokenId: string;
    tokenName: string;
    userId: string;
    email: string;
    ip: string | null;
  },
): Promise<void> {
  try {
    await inTenantTx(db, { tenantId: input.tenantId }, (tx) =>
      appendAuditEvent(tx, {
        tenantId: input.tenantId,
        actor: { type: 'token', id: input.tokenId, email: input.email },
        action: 'token.used',
        target: { type: 'token', id: input.tokenId },
        data: { name: input.tokenName, ip: input.ip },
      }),
    );
  } catch (err) {
    console.error('[audit] could not record token use', input.tokenId, err);
  }
}
