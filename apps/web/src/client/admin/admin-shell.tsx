'use client';

import { cx } from '@rewind/ui';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const NAV = [
  { href: '/admin', label: 'Approvals' },
  { href: '/admin/fleet', label: 'Fleet' },
  { href: '/admin/recoverability', label: 'Recoverability' },
  { href: '/admin/tenants', label: 'Tenants & plans' },
  { href: '/admin/restores', label: 'Restores & drills' },
  { href: '/admin/alerts', label: 'Alerts' },
  { href: '/admin/audit', label: 'Audit' },
] as const;

export function AdminShell({ email, children }: { email: string; children: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-10 border-b border-zinc-800 bg-zinc-900 text-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <Link
            href="/admin"
            className="font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            Rewind
          </Link>
          <span className="rounded bg-amber-400 px-1.5 py-0.5 text-[11px] font-semibold uppercase text-zinc-900">
            Platform admin
          </span>
          <span
            className="ml-auto hidden truncate text-sm text-zinc-400 md:inline"
            data-testid="admin-email"
          >
            {email}
          </span>
          <Link
            href="/"
            className="rounded-md px-2 py-1 text-sm text-zinc-300 hover:bg-zinc-800 hover:text-white md:ml-2 max-md:ml-auto"
          >
            Portal
          </Link>
        </div>
        {/* the tabs wrap onto a second line on a phone: every section stays one tap away */}
        <nav aria-label="Admin sections" className="mx-auto max-w-7xl px-2 sm:px-4">
          <ul className="flex flex-wrap gap-x-1 whitespace-nowrap">
            {NAV.map((item) => {
              const active =
                item.href === '/admin' ? pathname === '/admin' : pathname.startsWith(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={cx(
                      'inline-block border-b-2 px-2.5 py-2.5 text-sm sm:px-3 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-white',
                      active
                        ? 'border-amber-400 font-medium text-white'
                        : 'border-transparent text-zinc-400 hover:text-white',
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}

export function PageTitle({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
