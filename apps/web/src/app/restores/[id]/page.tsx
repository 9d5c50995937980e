import { RestoreProgressView } from '@/client/restore-progress-view';
import { PortalPage } from '@/client/portal-page';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Restore' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageSession(`/restores/${encodeURIComponent(id)}`);
  return (
    <PortalPage>
      <RestoreProgressView id={id} />
    </PortalPage>
  );
}
