import type { ActivityDeps } from '../deps';
import { deliverAlertWebhook, prepareAlertDeliveries } from './deliver-alert-webhook';
import { evaluateInstanceAlerts, type AlertChange } from './evaluate-instance-alerts';
import type { InstanceRef } from '../data-plane/instance-facts';

/** Control-plane only (DB and the receivers' URLs): any worker may run them. */
export function alertActivities(deps: ActivityDeps) {
  return {
    async evaluateInstanceAlerts(ref: InstanceRef) {
      return evaluateInstanceAlerts(deps, ref);
    },
    async prepareAlertDeliveries(change: AlertChange) {
      return prepareAlertDeliveries(deps, change);
    },
    async deliverAlertWebhook(input: { tenantId: string; deliveryId: string }) {
      return deliverAlertWebhook(deps, input);
    },
  };
}
