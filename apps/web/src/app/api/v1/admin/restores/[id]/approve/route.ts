import { platformDecisionRoute } from '@/server/restores/decision-routes';

export const dynamic = 'force-dynamic';

/** Platform admins decide on any tenant's restore (explicit platform path, never via a tenant role). */
export const POST = platformDecisionRoute(true);
