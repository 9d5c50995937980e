import { errorResponse } from '@/server/api/error-response';
import { runHealth } from '@/server/health/run-health';

export const dynamic = 'force-dynamic';

/** Unauthenticated by design: load balancers and the stack manager poll it. */
export async function GET(): Promise<Response> {
  try {
    const report = await runHealth();
    const failing = report.checks.filter((c) => !c.ok).map((c) => c.name);
    return Response.json(failing.length ? { ...report, failing } : report, {
      status: failing.length ? 503 : 200,
      headers: { 'cache-control': 'no-store' },
    });
  } catch (err) {
    return errorResponse(err, 'health');
  }
}
