import { alertmanagerNotification, AppError } from '@rewind/core';
import { metricsRequestAuthorized } from '@rewind/metrics';
import { recordAlertmanagerNotification } from '@rewind/services';
import { errorResponse } from '@/server/api/error-response';
import { methodNotAllowed } from '@/server/api/method-not-allowed';
import { readJsonBody } from '@/server/api/read-json-body';
import { platformDb } from '@/server/db';
import { env } from '@/server/env';

export const dynamic = 'force-dynamic';

/**
 * Alertmanager's webhook receiver: Prometheus alerts become fleet alerts. Only the stack's
 * bearer token (the one Prometheus scrapes with) gets in: the web port is public.
 */
export async function POST(req: Request): Promise<Response> {
  try {
    if (!metricsRequestAuthorized(req.headers.get('authorization'), env().REWIND_METRICS_TOKEN))
      throw new AppError('unauthenticated', 'a bearer token from the stack env is required');
    const body = await readJsonBody(req, alertmanagerNotification);
    const result = await recordAlertmanagerNotification(platformDb().db, body);
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err, 'alertmanager webhook');
  }
}

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
