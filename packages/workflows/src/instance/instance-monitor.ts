import { continueAsNew, log, patched, sleep } from '@temporalio/workflow';
import { startAlertDeliveries } from '../alerts/start-alert-deliveries';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';

export interface InstanceMonitorInput extends InstanceWorkflowInput {
  hostId: string;
  /**
   * default 15 s: how far a quiet instance's window trails now (each sync that finds every commit
   * archived moves `latest` to the time it looked)
   */
  intervalSeconds?: number;
  /** geo check every n-th round; default 4 (about a minute) */
  geoCheckEvery?: number;
}

// keeps the event history small; the next run starts where this one left off
const ROUNDS_PER_RUN = 100;

/**
 * One per instance, for its whole life: catalog sync and now and then a geo check. A failing
 * round is logged and the next one tries again; the loop ends when the instance is deleted or
 * failed. No heartbeat commit: a quiet instance's window reaches now through the sync's check that
 * every commit is archived, so an idle instance writes (and archives) nothing of ours.
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
      let synced = false;
      try {
        await host.syncCatalog(ref);
        synced = true;
      } catch (err) {
        log.warn('instance monitor round failed', {
          instanceId: input.instanceId,
          error: String(err),
        });
      }
      try {
        // the catalog was just read (or, when the sync failed, stands as last read: a lag that
        // keeps growing is what the archive-lag alert is for): evaluate the alert conditions on
        // it, and deliver each change in a workflow of its own so a slow receiver never holds up
        // the next round
        if (patched('alert-evaluation') && (synced || patched('alerts-after-failed-sync')))
          await startAlertDeliveries(await cp.evaluateInstanceAlerts(ref));
        if (synced && round % every === 0) await cp.geoCheck(ref);
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
