import 'server-only';
import { membershipsOfUser } from '@rewind/db';
import type { Session } from 'next-auth';
import { redirect } from 'next/navigation';
import { isPlatformAdmin } from '../api/with-platform-admin';
import { platformDb } from '../db';
import { requirePageSession } from './page-session';

/**
 * For the tenant portal's pages: signed in, and someone with a tenant. A platform admin who
 * belongs to no tenant has no portal to see (every call would answer "no tenant"): they go to
 * the admin console, which is their home. Both facts are read from the database, not the JWT.
 */
export async function requirePortalSession(returnTo: string): Promise<Session> {
  const session = await requirePageSession(returnTo);
  const { id: userId, email, name, isPlatformAdmin: claimsAdmin } = session.user;
  const memberships = await membershipsOfUser(platformDb().db, userId);
  if (memberships.length === 0) {
    const principal = {
      kind: 'session' as const,
      userId,
      email,
      name,
      isPlatformAdmin: claimsAdmin,
    };
    if (await isPlatformAdmin(principal)) redirect('/admin');
  }
  return session;
}
