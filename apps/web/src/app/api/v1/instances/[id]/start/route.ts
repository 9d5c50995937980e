import { requestStartInstance } from '@rewind/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { lifecycleActionRoute } from '@/server/instances/lifecycle-action-route';

export const dynamic = 'force-dynamic';

/** POST /api/v1/instances/{id}/start → 202 `{ id, status: 'starting' }`; 409 unless stopped. */
export const POST = lifecycleActionRoute(requestStartInstance);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
