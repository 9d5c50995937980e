import type { Tx } from '../client';
import { alertWebhooks, type AlertWebhookRow } from '../schema';

export async function createAlertWebhook(
  tx: Tx,
  input: { tenantId: string; url: string; secretEnc: string; createdBy: string | null },
): Promise<AlertWebhookRow> {
  const [row] = await tx.insert(alertWebhooks).values(input).returning();
  if (!row) throw new Error('invariant: webhook insert returned no row');
  return row;
}
