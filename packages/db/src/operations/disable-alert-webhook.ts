import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { alertWebhooks } from '../schema';

/**
 * Deletes one of the tenant's webhooks as far as anyone can tell: it is disabled (no delivery
 * goes to it and it leaves every list), while its delivery log stays. Another tenant's id, or
 * one already deleted, is not_found.
 */
export async function disableAlertWebhook(
  tx: Tx,
  tenantId: string,
  webhookId: string,
): Promise<{ id: string; url: string }> {
  if (!isUuid(webhookId)) throw new AppError('not_found', 'webhook not found');
  const [row] = await tx
    .update(alertWebhooks)
    .set({ disabledAt: new Date() })
    .where(
      and(
        tenantWhere(alertWebhooks, tenantId),
        eq(alertWebhooks.id, webhookId),
        isNull(alertWebhooks.disabledAt),
      ),
    )
    .returning({ id: alertWebhooks.id, url: alertWebhooks.url, tenantId: alertWebhooks.tenantId });
  const hook = requireTenantRow(row, tenantId, 'webhook');
  return { id: hook.id, url: hook.url };
}
