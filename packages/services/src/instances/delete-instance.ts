import type { Tx } from '@rewind/db';
import {
  beginInstanceAction,
  type AcceptedInstanceAction,
  type InstanceActionRequest,
} from './instance-action';

/**
 * DELETE /api/v1/instances/{id}: the instance goes to `deleting` now; the `deleteInstance`
 * workflow (started after commit by `startInstanceAction`, id `workflowIds.deleteInstance`)
 * removes its backup schedules, stops PostgreSQL and removes the data directory (status
 * `deleted`: the name and port are free again). Its backups and WAL are kept until the tenant's
 * retention has passed, then the stanza is removed from both regions. Refused while a legal hold
 * is on or a restore of it is pending or running.
 */
export function requestDeleteInstance(
  tx: Tx,
  input: InstanceActionRequest,
): Promise<AcceptedInstanceAction> {
  return beginInstanceAction(tx, { ...input, action: 'delete' });
}
