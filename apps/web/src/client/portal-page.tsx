import type { ReactNode } from 'react';
import { AppHeader } from './app-header';

export function PortalPage({ children }: { children: ReactNode }) {
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
