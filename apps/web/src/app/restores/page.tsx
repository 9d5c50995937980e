import { RestoresHistory } from '@/client/restores-history';
import { PortalPage } from '@/client/portal-page';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Restores' };

export default async function Page() {
  await requirePageSession('/restores');
  return (
    <PortalPage>
      <RestoresHistory />
    </PortalPage>
  );
}
