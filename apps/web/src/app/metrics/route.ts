import { metricsRequestAuthorized } from '@rewind/metrics';
import { env } from '@/server/env';
import { webMetrics } from '@/server/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus exposition; the web port is public, so only the stack's bearer token gets it. */
export async function GET(request: Request): Promise<Response> {
  if (!metricsRequestAuthorized(request.headers.get('authorization'), env().REWIND_METRICS_TOKEN))
    return new Response('unauthorized\n', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' },
    });
  const { registry } = webMetrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
