import type { Metadata } from 'next';
import { ApprovalsQueue } from '@/client/admin/approvals-queue';
import { TenantsOverview } from '@/client/admin/tenants-overview';

export const metadata: Metadata = { title: 'Approvals' };

export default function AdminHomePage() {
  return (
    <>
      <ApprovalsQueue />
      <TenantsOverview />
    </>
  );
}
