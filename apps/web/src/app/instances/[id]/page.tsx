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
      </main>
    </>
  );
}
