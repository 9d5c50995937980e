import { platformDecisionRoute } from '@/server/restores/decision-routes';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Platform admins decide on any tenant's restore (explicit platform path, never via a tenant role). */
export const POST = platformDecisionRoute(false);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
