import type { Tx } from '@rewind/db';
import {
  beginInstanceAction,
  type AcceptedInstanceAction,
  type InstanceActionRequest,
} from './instance-action';

/**
 * POST /api/v1/instances/{id}/start: a stopped instance goes to `starting` now; the
 * `startInstance` workflow (started after commit by `startInstanceAction`) starts PostgreSQL on
 * its own port again and ends in `running`.
 */
export function requestStartInstance(
  tx: Tx,
  input: InstanceActionRequest,
): Promise<AcceptedInstanceAction> {
  return beginInstanceAction(tx, { ...input, action: 'start' });
}
