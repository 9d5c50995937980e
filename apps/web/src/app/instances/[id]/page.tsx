import { AlertList } from '@/client/alert-list';
import { AppHeader } from '@/client/app-header';
import { InstanceDetailView } from '@/client/instance-detail-view';
import { requireVisibleRow } from '@/server/auth/page-tenant';

export const dynamic = 'force-dynamic';

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // another tenant's id, an unknown or a malformed one: the real 404 page, not a client-side panel
  await requireVisibleRow('instance', id, `/instances/${encodeURIComponent(id)}`);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <InstanceDetailView id={id} />
        <section className="mt-8" aria-labelledby="instance-alerts">
          <h2 id="instance-alerts" className="mb-3 text-lg font-semibold">
            Alerts
          </h2>
          <AlertList url={`/api/v1/alerts?instance=${encodeURIComponent(id)}`} />
        </section>
      </main>
    </>
  );
}
