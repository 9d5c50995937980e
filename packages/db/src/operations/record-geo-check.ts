import type { Tx } from '../client';
import { geoChecks } from '../schema';

export type GeoCheckRow = typeof geoChecks.$inferSelect;

/** What one geo check found: region B holds every WAL segment and backup set region A holds. */
export interface GeoCheckFindings {
  ok: boolean;
  missingSegments: number;
  missingBackups: number;
  lagSeconds: number | null;
  detail: string | null;
}

export interface RecordGeoCheckInput extends GeoCheckFindings {
  tenantId: string;
  instanceId: string;
}

export async function recordGeoCheck(tx: Tx, input: RecordGeoCheckInput): Promise<GeoCheckRow> {
  const [row] = await tx.insert(geoChecks).values(input).returning();
  if (!row) throw new Error('invariant: geo check insert returned no row');
  return row;
}
