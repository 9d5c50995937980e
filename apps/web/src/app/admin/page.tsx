import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isPlatformAdmin } from '@/server/api/with-platform-admin';
import { requirePageSession } from '@/server/auth/page-session';
import { listTenants } from '@rewind/db';
import { platformDb } from '@/server/db';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const session = await requirePageSession('/admin');
  const { id: userId, email, name, isPlatformAdmin: claimsAdmin } = session.user;
  const principal = { kind: 'session' as const, userId, email, name, isPlatformAdmin: claimsAdmin };
  // Not "forbidden": the admin console does not reveal that it exists.
  if (!(await isPlatformAdmin(principal))) notFound();
  const tenants = await listTenants(platformDb().db);

  return (
    <div className="min-h-dvh">
      <header className="border-b border-zinc-800 bg-zinc-900 text-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:px-6">
          <span className="font-semibold tracking-tight">Rewind</span>
          <span className="rounded bg-amber-400 px-1.5 py-0.5 text-[11px] font-semibold uppercase text-zinc-900">Platform admin</span>
          <Link href="/" className="ml-auto text-sm text-zinc-300 hover:text-white">
            Portal
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
        <h1 className="text-xl font-semibold tracking-tight">Tenants</h1>
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-sm" data-testid="admin-tenants">
            <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
              <tr>
                <th className="px-4 py-2.5">Tenant</th>
                <th className="px-4 py-2.5">Plan</th>
                <th className="hidden px-4 py-2.5 sm:table-cell">Members</th>
                <th className="px-4 py-2.5 text-right">Instances</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tenants.map((t) => (
                <tr key={t.id}>
                  <td className="px-4 py-3">
                    <p className="font-medium">{t.name}</p>
                    <p className="font-mono text-xs text-zinc-500">{t.slug}</p>
                  </td>
                  <td className="px-4 py-3 text-zinc-600">{t.planName}</td>
                  <td className="hidden px-4 py-3 text-zinc-600 sm:table-cell">{t.members.length}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{t.instanceCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </main>
    </div>
  );
}
