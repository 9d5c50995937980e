import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { workflowIds } from '../ids';
import { deliverAlert, type DeliverAlertInput } from './deliver-alert';

/**
 * Each alert that opened or resolved goes to the tenant's webhooks in a workflow of its own
 * (abandoned), so a slow receiver never holds up the workflow that raised it.
 */
export async function startAlertDeliveries(changes: DeliverAlertInput[]): Promise<void> {
  for (const change of changes)
    await startChild(deliverAlert, {
      args: [change],
      workflowId: workflowIds.alertDelivery(
        change.tenantId,
        change.alertId,
        change.event,
        Date.now(),
      ),
      taskQueue: workflowInfo().taskQueue,
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
}
