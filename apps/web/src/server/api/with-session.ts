import 'server-only';
import { AppError } from '@rewind/core';
import type { NextRequest } from 'next/server';
import type { Principal } from '../auth/principal';
import { errorResponse } from './error-response';
import { authenticate } from './authenticate';

type SessionPrincipal = Extract<Principal, { kind: 'session' }>;

export interface SessionRequest<P> {
  principal: SessionPrincipal;
  params: P;
  req: NextRequest;
}

type RouteParams = Record<string, string | string[]>;

/**
 * Routes about the person rather than a tenant (accepting an invitation, changing the
 * password): a signed-in session only. API tokens are refused: a token acts inside its
 * tenant and must not join other tenants or take over its person's account.
 */
export function withSession<P extends RouteParams = Record<string, never>>(
  handler: (ctx: SessionRequest<P>) => Promise<Response>,
): (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const principal = await authenticate(req);
      if (principal.kind !== 'session') {
        throw new AppError(
          'forbidden',
          'this needs a signed-in person (the portal); API tokens cannot do it',
        );
      }
      return await handler({ principal, params: await ctx.params, req });
    } catch (err) {
      return errorResponse(err, `${req.method} ${req.nextUrl.pathname}`);
    }
  };
}
