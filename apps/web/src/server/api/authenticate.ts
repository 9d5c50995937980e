import 'server-only';
import { AppError, crossSiteRefusal } from '@rewind/core';
import type { NextRequest } from 'next/server';
import type { Principal } from '../auth/principal';
import { resolvePrincipal } from '../auth/resolve-principal';
import { env } from '../env';

/**
 * Who is calling, for every wrapped route (withTenant, withPlatformAdmin, withSession), so no
 * route can forget the CSRF check: a write authenticated by the session cookie must come from
 * the app's own origin (WEB_URL). Bearer tokens are not sent by browsers on their own, so
 * token calls are not subject to it.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function authenticate(req: NextRequest): Promise<Principal> {
  const principal = await resolvePrincipal(req);
  if (principal.kind === 'session' && !SAFE_METHODS.has(req.method)) {
    const refusal = crossSiteRefusal(req.method, (name) => req.headers.get(name), env().WEB_URL);
    if (refusal) throw new AppError('forbidden', refusal);
  }
  return principal;
}
