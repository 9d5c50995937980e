import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PlatformDb } from '../platform-db';
import { alerts, type AlertDetail, type AlertKind, type AlertRow } from '../schema';

export interface RaiseAlertInput {
  /** null for a fleet alert (Prometheus): only the platform sees it */
  tenantId: string | null;
  instanceId: string | null;
  /** the dedup key: one row per key, reopened when raised again after it resolved */
  key: string;
  kind: AlertKind;
  summary: string;
  detail?: AlertDetail;
}

export interface RaisedAlert {
  alert: AlertRow;
  /** true when this call opened it (new, or reopened after it had resolved): deliver it */
  opened: boolean;
}

/**
 * Opens the alert of `key`, or, if it is open already, only moves its last-seen time (and
 * refreshes summary and detail). The one entry point for every condition: the periodic
 * evaluation, drills and verify results, and Alertmanager's webhook. A tenant caller passes its
 * tenant transaction (RLS), the fleet path the platform pool.
 */
export async function raiseAlert(
  db: Tx | PlatformDb,
  input: RaiseAlertInput,
): Promise<RaisedAlert> {
  const [row] = await db
    .insert(alerts)
    .values({
      tenantId: input.tenantId,
      instanceId: input.instanceId,
      key: input.key,
      kind: input.kind,
      summary: input.summary,
      detail: input.detail ?? {},
    })
    .onConflictDoUpdate({
      target: alerts.key,
      set: {
        status: 'open',
        summary: input.summary,
        detail: input.detail ?? {},
        lastSeenAt: sql`now()`,
        resolvedAt: null,
        // a resolved alert raised again is a new episode: it starts now
        firstSeenAt: sql`case when ${alerts.status} = 'resolved' then now() else ${alerts.firstSeenAt} end`,
      },
    })
    .returning();
  if (!row) throw new Error(`invariant: raising alert ${input.key} returned no row`);
  // both times are now() of this statement exactly when this call opened the episode
  return { alert: row, opened: row.firstSeenAt.getTime() === row.lastSeenAt.getTime() };
}
