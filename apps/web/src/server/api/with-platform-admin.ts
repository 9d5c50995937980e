import 'server-only';
import { AppError } from '@rewind/core';
import { findUserByEmail, type PlatformDb } from '@rewind/db';
import type { NextRequest } from 'next/server';
import type { Principal } from '../auth/principal';
import { platformDb } from '../db';
import { authenticate } from './authenticate';
import { errorResponse } from './error-response';

export interface PlatformRequest<P> {
  /** rewind_platform (BYPASSRLS): sees every tenant, so only platform admins get here */
  db: PlatformDb;
  principal: Principal;
  params: P;
  req: NextRequest;
}

type RouteParams = Record<string, string | string[]>;

/**
 * Platform-admin routes. The admin flag is re-read from the database (not trusted from the
 * 8-hour JWT) so revoking it takes effect at once. Non-admins get 404: the admin surface
 * does not announce itself. API tokens are tenant-bound and never reach it.
 */
export function withPlatformAdmin<P extends RouteParams = Record<string, never>>(
  handler: (ctx: PlatformRequest<P>) => Promise<Response>,
): (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const principal = await authenticate(req);
      if (principal.kind !== 'session' || !(await isPlatformAdmin(principal))) {
        throw new AppError('not_found', 'not found');
      }
      return await handler({ db: platformDb().db, principal, params: await ctx.params, req });
    } catch (err) {
      return errorResponse(err, `${req.method} ${req.nextUrl.pathname}`);
    }
  };
}

export async function isPlatformAdmin(principal: Principal): Promise<boolean> {
  if (!principal.isPlatformAdmin) return false;
  const user = await findUserByEmail(platformDb().db, principal.email);
  return user !== null && user.id === principal.userId && user.isPlatformAdmin;
}
