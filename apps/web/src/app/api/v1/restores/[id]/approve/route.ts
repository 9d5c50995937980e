import { tenantDecisionRoute } from '@/server/restores/decision-routes';

export const dynamic = 'force-dynamic';

export const POST = tenantDecisionRoute(true);
