import { AppHeader } from '@/client/app-header';
import { InstancesPanel } from '@/client/instances-panel';
import { requirePortalSession } from '@/server/auth/portal-session';

export const dynamic = 'force-dynamic';

export default async function PortalHome() {
  await requirePortalSession('/');
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <InstancesPanel />
      </main>
    </>
  );
}
