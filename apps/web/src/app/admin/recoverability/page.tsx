import type { Metadata } from 'next';
import { FleetRecoverabilityView } from '@/client/recoverability/fleet-recoverability-view';

export const metadata: Metadata = { title: 'Recoverability' };

export default function AdminRecoverabilityPage() {
  return <FleetRecoverabilityView />;
}
