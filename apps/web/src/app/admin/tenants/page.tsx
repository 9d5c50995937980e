import type { Metadata } from 'next';
import { TenantsAndPlans } from '@/client/admin/tenants-and-plans';

export const metadata: Metadata = { title: 'Tenants & plans' };

export default function AdminTenantsAndPlansPage() {
  return <TenantsAndPlans />;
}
