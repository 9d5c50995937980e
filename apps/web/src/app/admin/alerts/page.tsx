import type { Metadata } from 'next';
import { PageTitle } from '@/client/admin/admin-shell';
import { AlertList } from '@/client/alert-list';

export const metadata: Metadata = { title: 'Alerts' };

export default function AdminAlertsPage() {
  return (
    <>
      <PageTitle title="Alerts" description="Every tenant's and the fleet's, open first." />
      <AlertList url="/api/v1/admin/alerts" showTenant />
    </>
  );
}
