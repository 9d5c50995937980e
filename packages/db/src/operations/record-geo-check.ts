import type { Tx } from '../client';
import { geoChecks } from '../schema';

export type GeoCheckRow = typeof geoChecks.$inferSelect;

export interface RecordGeoCheckInput {
  tenantId: string;
  instanceId: string;
  ok: boolean;
  missingSegments: number;
  missingBackups: number;
  lagSeconds: number | null;
  detail: string | null;
}

export async function recordGeoCheck(tx: Tx, input: RecordGeoCheckInput): Promise<GeoCheckRow> {
  const [row] = await tx.insert(geoChecks).values(input).returning();
  if (!row) throw new Error('invariant: geo check insert returned no row');
  return row;
}
