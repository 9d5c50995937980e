import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activity-types';

export interface DeliverAlertInput {
  tenantId: string;
  alertId: string;
  event: 'opened' | 'resolved';
}

// kept equal to alertDeliveryAttempts in @rewind/activities (the activity marks the last one failed)
const ATTEMPTS = 6;

/**
 * One alert event to every webhook of its tenant: a delivery row each, then each POST as an
 * activity retried with exponential backoff (2 s, 4 s, 8 s ...), every attempt logged.
 */
export async function deliverAlert(input: DeliverAlertInput): Promise<void> {
  const { prepareAlertDeliveries } = proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 5, initialInterval: '1 second' },
  });
  const { deliverAlertWebhook } = proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: {
      maximumAttempts: ATTEMPTS,
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
    },
  });
  const ids = await prepareAlertDeliveries(input);
  await Promise.all(
    ids.map((deliveryId) => deliverAlertWebhook({ tenantId: input.tenantId, deliveryId })),
  );
}
