import { AuditView } from '@/client/audit-view';
import { PortalPage } from '@/client/portal-page';
import { requirePortalSession } from '@/server/auth/portal-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

export default async function Page() {
  await requirePortalSession('/audit');
  return (
    <PortalPage>
      <AuditView />
    </PortalPage>
  );
}
