import { AlertList } from '@/client/alert-list';
import { AlertWebhooks } from '@/client/alert-webhooks';
import { PortalPage } from '@/client/portal-page';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alerts' };

export default async function Page() {
  await requirePageSession('/alerts');
  return (
    <PortalPage>
      <h1 className="mb-4 text-xl font-semibold">Alerts</h1>
      <AlertList url="/api/v1/alerts" />
      <div className="mt-8">
        <AlertWebhooks />
      </div>
    </PortalPage>
  );
}
