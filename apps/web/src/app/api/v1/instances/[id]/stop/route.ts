import { requestStopInstance } from '@rewind/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { lifecycleActionRoute } from '@/server/instances/lifecycle-action-route';

export const dynamic = 'force-dynamic';

/** POST /api/v1/instances/{id}/stop → 202 `{ id, status: 'stopping' }`; 409 unless running. */
export const POST = lifecycleActionRoute(requestStopInstance);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
