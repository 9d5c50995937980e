import type { Metadata } from 'next';
import { RestoresAndDrills } from '@/client/admin/restores-and-drills';

export const metadata: Metadata = { title: 'Restores & drills' };

export default function AdminRestoresAndDrillsPage() {
  return <RestoresAndDrills />;
}
