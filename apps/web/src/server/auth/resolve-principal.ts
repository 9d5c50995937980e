import 'server-only';
import { AppError, hashApiToken, looksLikeApiToken } from '@rewind/core';
import { findApiToken } from '@rewind/db';
import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { recordTokenUse } from '@rewind/services';
import { appDb, platformDb } from '../db';
import { env } from '../env';
import type { Principal } from './principal';

/**
 * Bearer token first: a request that sends `Authorization` means it, so a bad token is a 401
 * even when a browser cookie is also present (no silent fallback to the session).
 */
export async function resolvePrincipal(req: NextRequest): Promise<Principal> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null) return principalFromBearer(authorization, req.headers.get('x-forwarded-for'));

  const jwt = await getToken({ req, secret: env().NEXTAUTH_SECRET });
  if (!jwt?.uid) throw new AppError('unauthenticated', 'sign in or send an API token (Authorization: Bearer rw_…)');
  return {
    kind: 'session',
    userId: jwt.uid,
    email: jwt.email ?? '',
    name: jwt.name ?? '',
    isPlatformAdmin: jwt.isPlatformAdmin === true,
  };
}

async function principalFromBearer(header: string, forwardedFor: string | null): Promise<Principal> {
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
      ip: forwardedFor?.split(',')[0]?.trim() ?? null,
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
