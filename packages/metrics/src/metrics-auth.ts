import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * /metrics on the web and on the worker answers only `Authorization: Bearer <REWIND_METRICS_TOKEN>`
 * (the token is in the stack env; Prometheus reads it from a file). Compared as SHA-256 digests
 * so neither the length nor a prefix leaks through timing.
 */
export function metricsRequestAuthorized(
  authorization: string | null | undefined,
  token: string,
): boolean {
  const m = /^Bearer (\S+)$/.exec(authorization ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
