import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { AdminShell } from '@/client/admin/admin-shell';
import { isPlatformAdmin } from '@/server/api/with-platform-admin';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin · Rewind' } };

/**
 * Every /admin page: signed in, and a platform admin per the database (not the JWT claim).
 * The pages only render shells; their data comes from /api/v1/admin, which checks again.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requirePageSession('/admin');
  const { id: userId, email, name, isPlatformAdmin: claimsAdmin } = session.user;
  const principal = { kind: 'session' as const, userId, email, name, isPlatformAdmin: claimsAdmin };
  // Not "forbidden": the admin console does not reveal that it exists.
  if (!(await isPlatformAdmin(principal))) notFound();
  return <AdminShell email={email}>{children}</AdminShell>;
}
