import { and, asc, isNull } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { alertWebhooks, type AlertWebhookRow } from '../schema';

/** The tenant's enabled webhooks (rows carry the encrypted secret: never answer them as is). */
export async function listAlertWebhooks(tx: Tx, tenantId: string): Promise<AlertWebhookRow[]> {
  return tx
    .select()
    .from(alertWebhooks)
    .where(and(tenantWhere(alertWebhooks, tenantId), isNull(alertWebhooks.disabledAt)))
    .orderBy(asc(alertWebhooks.createdAt));
}
