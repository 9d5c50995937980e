import 'server-only';
import type { AcceptedInstanceAction } from '@rewind/services';
import type { InstanceActionAccepted } from '../../lib/api-types';

/** The 202 body of stop/start/delete: the instance and the status it is in now. */
export function acceptedResponse(a: AcceptedInstanceAction): Response {
  const body: InstanceActionAccepted = { id: a.instanceId, status: a.status };
  return Response.json(body, {
    status: 202,
    headers: { location: `/api/v1/instances/${a.instanceId}`, 'cache-control': 'no-store' },
  });
}
