import {
  ParentClosePolicy,
  continueAsNew,
  log,
  patched,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { deliverAlert } from '../alerts/deliver-alert';
import { workflowIds } from '../ids';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';

export interface InstanceMonitorInput extends InstanceWorkflowInput {
  hostId: string;
  /** default 15 s: below every plan's archive_timeout, so `latest` never stalls on an idle instance */
  intervalSeconds?: number;
  /** geo check every n-th round; default 4 (about a minute) */
  geoCheckEvery?: number;
}

// keeps the event history small; the next run starts where this one left off
const ROUNDS_PER_RUN = 100;

/**
 * One per instance, for its whole life: heartbeat commit, catalog sync, and now and then a
 * geo check. A failing round is logged and the next one tries again; the loop ends when the
 * instance is deleted or failed.
 */
export async function instanceMonitor(input: InstanceMonitorInput): Promise<void> {
  const cp = catalogProxy();
  const host = hostProxy(input.hostId, { startToClose: '5 minutes', attempts: 1 });
  const ref = { tenantId: input.tenantId, instanceId: input.instanceId };
  const every = input.geoCheckEvery ?? 4;
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    const facts = await cp.loadInstanceFacts(ref);
    if (facts.status === 'deleted' || facts.status === 'deleting' || facts.status === 'failed')
      return;
    if (facts.status === 'running') {
      try {
        // a heartbeat that fails (a full data volume refuses the commit) must not skip the sync:
        // its probe is what tells the instance's owner why
        await host.writeHeartbeat(ref).catch((err: unknown) =>
          log.warn('instance heartbeat failed', {
            instanceId: input.instanceId,
            error: String(err),
          }),
        );
        await host.syncCatalog(ref);
        // the catalog was just read: evaluate the alert conditions on it, and deliver each
        // change in a workflow of its own so a slow receiver never holds up the next round
        if (patched('alert-evaluation')) {
          const changes = await cp.evaluateInstanceAlerts(ref);
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
        if (round % every === 0) await cp.geoCheck(ref);
      } catch (err) {
        log.warn('instance monitor round failed', {
          instanceId: input.instanceId,
          error: String(err),
        });
      }
    }
    await sleep(`${input.intervalSeconds ?? 15} seconds`);
  }
  await continueAsNew<typeof instanceMonitor>(input);
}
