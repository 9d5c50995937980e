import { RestoreProgressView } from '@/client/restore-progress-view';
import { PortalPage } from '@/client/portal-page';
import { requireVisibleRow } from '@/server/auth/page-tenant';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Restore' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // another tenant's id, an unknown or a malformed one: the real 404 page, not a client-side panel
  await requireVisibleRow('restore', id, `/restores/${encodeURIComponent(id)}`);
  return (
    <PortalPage>
      <RestoreProgressView id={id} />
    </PortalPage>
  );
}
