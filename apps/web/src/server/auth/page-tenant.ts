import 'server-only';
import { can, isAppError, type Permission } from '@rewind/core';
import { getInstance, getRestore, inTenantTx, isUuid, membershipsOfUser } from '@rewind/db';
import type { Session } from 'next-auth';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { resolveTenant, TENANT_COOKIE } from '../api/resolve-tenant';
import { appDb, platformDb } from '../db';
import { requirePageSession } from './page-session';

export type TenantRowKind = 'instance' | 'restore';

const READ: Record<TenantRowKind, Permission> = {
  instance: 'instance:read',
  restore: 'restore:read',
};

/**
 * For a page about one row (/instances/[id], /restores/[id]): signed in, else the sign-in page;
 * the row visible to this browser's current tenant, else a real 404 (the app's not-found page),
 * so another tenant's id answers exactly like an unknown or malformed one. The tenant is
 * resolved as the API resolves it (same rules, same cookie) and the row is read inside the
 * tenant transaction, so row-level security decides. The page's data still comes from /api/v1.
 */
export async function requireVisibleRow(
  kind: TenantRowKind,
  id: string,
  returnTo: string,
): Promise<Session> {
  const session = await requirePageSession(returnTo);
  // notFound() throws: it stays outside the try blocks below so nothing swallows it
  if (!isUuid(id) || !(await isVisible(kind, id, session.user))) notFound();
  return session;
}

async function isVisible(kind: TenantRowKind, id: string, user: Session['user']): Promise<boolean> {
  const memberships = await membershipsOfUser(platformDb().db, user.id);
  const cookie = (await cookies()).get(TENANT_COOKIE)?.value ?? null;
  let tenantId: string;
  try {
    const principal = {
      kind: 'session' as const,
      userId: user.id,
      email: user.email,
      name: user.name,
      isPlatformAdmin: user.isPlatformAdmin,
    };
    const tenant = resolveTenant(principal, memberships, { header: null, cookie });
    if (!can(tenant.role, READ[kind])) return false;
    tenantId = tenant.tenantId;
  } catch (err) {
    // no tenant at all (e.g. a platform admin without memberships): nothing of any tenant is theirs
    if (isAppError(err)) return false;
    throw err;
  }
  try {
    await inTenantTx(appDb().db, { tenantId, userId: user.id }, async (tx) => {
      if (kind === 'instance') await getInstance(tx, tenantId, id);
      else await getRestore(tx, tenantId, id);
    });
    return true;
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return false;
    throw err;
  }
}
