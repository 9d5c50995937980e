import { alertmanagerNotification } from '@rewind/core';
import { metricsRequestAuthorized } from '@rewind/metrics';
import { recordAlertmanagerNotification } from '@rewind/services';
import { errorResponse } from '@/server/api/error-response';
import { readJsonBody } from '@/server/api/read-json-body';
import { platformDb } from '@/server/db';
import { env } from '@/server/env';

export const dynamic = 'force-dynamic';

/**
 * Alertmanager's webhook receiver: Prometheus alerts become fleet alerts. Only the stack's
 * bearer token (the one Prometheus scrapes with) gets in: the web port is public.
 */
export async function POST(req: Request): Promise<Response> {
  if (!metricsRequestAuthorized(req.headers.get('authorization'), env().REWIND_METRICS_TOKEN))
    return new Response('unauthorized\n', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' },
    });
  try {
    const body = await readJsonBody(req, alertmanagerNotification);
    const result = await recordAlertmanagerNotification(platformDb().db, body);
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err, 'alertmanager webhook');
  }
}
