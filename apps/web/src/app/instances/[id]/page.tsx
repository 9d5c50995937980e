import { AppHeader } from '@/client/app-header';
import { InstanceDetailView } from '@/client/instance-detail-view';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';

export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageSession(`/instances/${encodeURIComponent(id)}`);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <InstanceDetailView id={id} />
      </main>
    </>
  );
}
