import { RestoresHistory } from '@/client/restores-history';
import { PortalPage } from '@/client/portal-page';
import { requirePortalSession } from '@/server/auth/portal-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Restores' };

export default async function Page() {
  await requirePortalSession('/restores');
  return (
    <PortalPage>
      <RestoresHistory />
    </PortalPage>
  );
}
