import { SettingsView } from '@/client/settings-view';
import { PortalPage } from '@/client/portal-page';
import { requirePageSession } from '@/server/auth/page-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function Page() {
  await requirePageSession('/settings');
  return (
    <PortalPage>
      <SettingsView />
    </PortalPage>
  );
}
