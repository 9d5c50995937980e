import { AuditView } from '@/client/audit-view';
import { PortalPage } from '@/client/portal-page';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Audit log' };

export default async function Page() {
  await requirePageSession('/audit');
  return (
    <PortalPage>
      <AuditView />
    </PortalPage>
  );
}
