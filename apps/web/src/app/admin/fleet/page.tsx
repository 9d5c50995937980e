import type { Metadata } from 'next';
import { FleetTable } from '@/client/admin/fleet-table';

export const metadata: Metadata = { title: 'Fleet' };

export default function AdminFleetTablePage() {
  return <FleetTable />;
}
