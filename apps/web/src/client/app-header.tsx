'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Button } from '@rewind/ui';
import { useMe } from './queries';
import { setTenantCookie } from './tenant-cookie';

export function AppHeader() {
  const me = useMe();
  const client = useQueryClient();
  const path = usePathname();

  const switchTenant = async (slug: string) => {
    setTenantCookie(slug);
    // Everything cached belongs to the previous tenant.
    client.removeQueries();
    await client.invalidateQueries();
  };

  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <Logo />
          <span className="sr-only sm:not-sr-only">Rewind</span>
        </Link>
        <span aria-hidden className="text-zinc-300">
          /
        </span>
        {me.data ? (
          me.data.tenants.length > 1 ? (
            <label className="min-w-0">
              <span className="sr-only">Tenant</span>
              <select
                data-testid="tenant-switcher"
                className="h-8 max-w-[11rem] truncate rounded-md border border-zinc-300 bg-white px-2 text-sm font-medium sm:max-w-xs"
                value={me.data.tenant.slug}
                onChange={(e) => void switchTenant(e.target.value)}
              >
                {me.data.tenants.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span data-testid="tenant-name" className="truncate text-sm font-medium">
              {me.data.tenant.name}
            </span>
          )
        ) : (
          <span className="h-4 w-24 animate-pulse rounded bg-zinc-200" />
        )}
        <nav className="ml-auto flex items-center gap-1 sm:gap-3">
          {me.data?.principal.isPlatformAdmin ? (
            <Link
              href="/admin"
              className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100"
            >
              Admin
            </Link>
          ) : null}
          <span className="hidden text-sm text-zinc-500 md:inline" data-testid="user-email">
            {me.data?.principal.email}
          </span>
          <Button variant="ghost" onClick={() => void signOut({ callbackUrl: '/signin' })}>
            Sign out
          </Button>
        </nav>
      </div>
      <nav
        aria-label="Portal"
        className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4 sm:px-6"
      >
        {NAV.map(([href, label]) => {
          const active =
            href === '/' ? path === '/' || path.startsWith('/instances') : path.startsWith(href);
          return (
            <Link
              key={href}
              href={href}
              aria-current={active ? 'page' : undefined}
              className={`-mb-px border-b-2 px-2.5 py-2 text-sm whitespace-nowrap ${active ? 'border-indigo-600 font-medium text-zinc-900' : 'border-transparent text-zinc-500 hover:text-zinc-900'}`}
            >
              {label}
            </Link>
          );
        })}
      </nav>
    </header>
  );
}

const NAV: Array<[string, string]> = [
  ['/', 'Instances'],
  ['/restores', 'Restores'],
  ['/alerts', 'Alerts'],
  ['/audit', 'Audit log'],
  ['/settings', 'Settings'],
];

function Logo() {
  return (
    <span aria-hidden className="grid size-7 place-items-center rounded-md bg-zinc-900 text-white">
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="size-4">
        <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
        <path d="M3 3v5h5M12 7v5l3 2" />
      </svg>
    </span>
  );
}
