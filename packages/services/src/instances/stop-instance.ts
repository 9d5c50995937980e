import type { Tx } from '@rewind/db';
import {
  beginInstanceAction,
  type AcceptedInstanceAction,
  type InstanceActionRequest,
} from './instance-action';

/**
 * POST /api/v1/instances/{id}/stop: a running instance goes to `stopping` now; the `stopInstance`
 * workflow (started after commit by `startInstanceAction`) shuts PostgreSQL down (fast: a
 * checkpoint, so the last WAL is complete and archived) and ends in `stopped`. Backups and the
 * instance monitor skip a stopped instance; its backups, WAL and restorable window stay.
 */
export function requestStopInstance(
  tx: Tx,
  input: InstanceActionRequest,
): Promise<AcceptedInstanceAction> {
  return beginInstanceAction(tx, { ...input, action: 'stop' });
}
