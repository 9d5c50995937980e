import type { Metadata } from 'next';
import { AuditSearch } from '@/client/admin/audit-search';

export const metadata: Metadata = { title: 'Audit' };

export default function AdminAuditSearchPage() {
  return <AuditSearch />;
}
