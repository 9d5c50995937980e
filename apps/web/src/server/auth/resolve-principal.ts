import 'server-only';
import { AppError, hashApiToken, looksLikeApiToken } from '@rewind/core';
import { findApiToken, sessionVersionOf } from '@rewind/db';
import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { recordTokenUse } from '@rewind/services';
import { appDb, platformDb } from '../db';
import { env } from '../env';
import type { Principal } from './principal';
import { requestClientIp } from '../http/client-ip';

/**
 * Bearer token first: a request that sends `Authorization` means it, so a bad token is a 401
 * even when a browser cookie is also present (no silent fallback to the session).
 */
export async function resolvePrincipal(req: NextRequest): Promise<Principal> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null)
    return principalFromBearer(authorization, requestClientIp(req.headers));

  const jwt = await getToken({ req, secret: env().NEXTAUTH_SECRET });
  if (!jwt?.uid)
    throw new AppError(
      'unauthenticated',
      'sign in or send an API token (Authorization: Bearer rw_…)',
    );
  // Stateless JWT, revocable state: signed out, password changed or removed since → 401.
  if (!(await sessionIsCurrent(jwt.uid, jwt.sv)))
    throw new AppError('unauthenticated', 'this session has ended; sign in again');
  return {
    kind: 'session',
    userId: jwt.uid,
    email: jwt.email ?? '',
    name: jwt.name ?? '',
    isPlatformAdmin: jwt.isPlatformAdmin === true,
  };
}

/** The JWT's session version still matches the person's in the database (a deleted person: no). */
export async function sessionIsCurrent(userId: string, sv: unknown): Promise<boolean> {
  const current = await sessionVersionOf(platformDb().db, userId);
  return current !== null && typeof sv === 'number' && sv === current;
}

async function principalFromBearer(header: string, ip: string | null): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  // Shape check first: garbage never reaches the database.
  if (!token || !looksLikeApiToken(token)) throw invalidToken();
  const found = await findApiToken(platformDb().db, hashApiToken(token));
  // findApiToken finds nothing for revoked tokens and for tokens whose person left the tenant.
  if (!found) throw invalidToken();
  if (found.firstUseInInterval) {
    await recordTokenUse(appDb().db, {
      tenantId: found.tenantId,
      tokenId: found.tokenId,
      tokenName: found.tokenName,
      userId: found.userId,
      email: found.userEmail,
      ip,
    });
  }
  return {
    kind: 'token',
    tokenId: found.tokenId,
    tenantId: found.tenantId,
    userId: found.userId,
    email: found.userEmail,
    name: found.tokenName,
    isPlatformAdmin: false,
    scopes: found.scopes,
  };
}

// One message for unknown, malformed and revoked tokens: nothing to learn by probing.
function invalidToken(): AppError {
  return new AppError('unauthenticated', 'invalid or revoked API token');
}
