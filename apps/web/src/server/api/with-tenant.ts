import 'server-only';
import { AppError, can, type Permission } from '@rewind/core';
import {
  forgetIdempotencyKey,
  inTenantTx,
  lockIdempotencyKey,
  membershipsOfUser,
  type Tx,
} from '@rewind/db';
import type { NextRequest } from 'next/server';
import type { Principal, TenantMembership } from '../auth/principal';
import { appDb, platformDb } from '../db';
import { authenticate } from './authenticate';
import { errorResponse } from './error-response';
import {
  findIdempotentResponse,
  IdempotencyRace,
  idempotentRequest,
  recordResponse,
  replay,
} from './idempotency';
import { resolveTenant, TENANT_COOKIE, TENANT_HEADER } from './resolve-tenant';

export interface TenantRequest<P> {
  /** tenant-bound transaction (rewind_app, RLS): other tenants' rows do not exist here */
  tx: Tx;
  tenant: TenantMembership;
  /** every tenant the principal may act on (a token: only its own) */
  memberships: readonly TenantMembership[];
  principal: Principal;
  params: P;
  req: NextRequest;
  /** work that must only happen once the transaction committed (e.g. starting a workflow) */
  afterCommit(fn: () => Promise<void>): void;
}

export type TenantHandler<P> = (ctx: TenantRequest<P>) => Promise<Response>;

type RouteParams = Record<string, string | string[]>;

/**
 * Wraps a route handler: principal (session or bearer token) → 401, a cross-site write with
 * the session cookie → 403, tenant → 403,
 * permissions → 403, then the handler inside one tenant transaction. Any throw becomes a
 * JSON error response. A POST with an `Idempotency-Key` header stores its response with what it
 * did (same transaction); a retry with that key gets the stored response, never a second effect.
 */
export function withTenant<P extends RouteParams = Record<string, never>>(
  handler: TenantHandler<P>,
  options: { permissions: readonly Permission[] },
): (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const principal = await authenticate(req);
      const all = await membershipsOfUser(platformDb().db, principal.userId);
      const tenant = resolveTenant(principal, all, {
        header: req.headers.get(TENANT_HEADER),
        cookie: req.cookies.get(TENANT_COOKIE)?.value ?? null,
      });
      const missing = options.permissions.filter(
        (p) =>
          !can(tenant.role, p) ||
          (principal.kind === 'token' &&
            principal.scopes.length > 0 &&
            !principal.scopes.includes(p)),
      );
      if (missing.length > 0) {
        throw new AppError(
          'forbidden',
          `not permitted: ${missing.join(', ')} (role '${tenant.role}')`,
        );
      }
      const memberships = principal.kind === 'token' ? [tenant] : all;
      const params = await ctx.params;
      const hooks: Array<() => Promise<void>> = [];
      const txCtx = { tenantId: tenant.tenantId, userId: principal.userId };
      const idem = await idempotentRequest(req);
      let response: Response;
      try {
        const outcome = await inTenantTx(appDb().db, txCtx, async (tx) => {
          if (idem) {
            // one request per key at a time: a concurrent retry waits here, then replays
            await lockIdempotencyKey(tx, tenant.tenantId, idem.key);
            const earlier = await findIdempotentResponse(tx, tenant.tenantId, idem.key);
            if (earlier) return { response: replay(earlier, idem), replayed: true };
          }
          const r = await handler({
            tx,
            tenant,
            memberships,
            principal,
            params,
            req,
            afterCommit: (fn) => hooks.push(fn),
          });
          if (idem) await recordResponse(tx, tenant.tenantId, idem, r);
          return { response: r, replayed: false };
        });
        if (outcome.replayed) return outcome.response;
        response = outcome.response;
      } catch (err) {
        // a concurrent request with the same key won: this one rolled back, answer with its response
        if (!(err instanceof IdempotencyRace) || !idem) throw err;
        const winner = await inTenantTx(appDb().db, txCtx, (tx) =>
          findIdempotentResponse(tx, tenant.tenantId, idem.key),
        );
        if (!winner) throw err;
        return replay(winner, idem);
      }
      try {
        for (const hook of hooks) await hook();
      } catch (err) {
        // the request is answered with an error: a retry with its key must try again, not replay success
        if (idem)
          await inTenantTx(appDb().db, txCtx, (tx) =>
            forgetIdempotencyKey(tx, tenant.tenantId, idem.key),
          );
        throw err;
      }
      return response;
    } catch (err) {
      return errorResponse(err, `${req.method} ${req.nextUrl.pathname}`);
    }
  };
}
