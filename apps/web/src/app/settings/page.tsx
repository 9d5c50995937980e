import { SettingsView } from '@/client/settings-view';
import { PortalPage } from '@/client/portal-page';
import { requirePortalSession } from '@/server/auth/portal-session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function Page() {
  await requirePortalSession('/settings');
  return (
    <PortalPage>
      <SettingsView />
    </PortalPage>
  );
}
