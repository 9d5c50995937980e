import { createInstanceRecord, inTenantTx } from '@rewind/db';
import type { StackFixtures } from './stack-fixtures';

/**
 * A `running` primary instance that exists only in the catalog (no cluster anywhere): one full
 * backup and archived WAL in both regions up to xid 1000 and LSN 0/5000100, and one restore point,
 * `before-migration`. Pre-flight reads only the catalog, so it judges targets against this; a
 * restore request that got past pre-flight would fail on the host, and the tests check none does.
 */
export async function catalogOnlyInstance(
  f: StackFixtures,
  tenantSlug: 'acme' | 'globex',
): Promise<string> {
  const tenantId = f.demo.tenants.find((t) => t.slug === tenantSlug)!.id;
  const row = await inTenantTx(f.platform.db, { tenantId }, (tx) =>
    createInstanceRecord(tx, {
      tenantId,
      name: `catalog-only-${Date.now().toString(36)}`,
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
      ignorePlanLimit: true,
    }),
  );
  const q = (sql: string, args: unknown[]) => f.platform.pool.query(sql, args);
  await q(`update instances set status = 'running' where id = $1`, [row.id]);
  const seg = (n: number) =>
    `0000000100000000000000${n.toString(16).toUpperCase().padStart(2, '0')}`;
  const t0 = new Date(Date.now() - 3600_000);
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  for (const region of [f.env.REGION_A_NAME, f.env.REGION_B_NAME]) {
    await q(
      `insert into backups (tenant_id, instance_id, region, label, type, started_at, stopped_at, begin_lsn, end_lsn, wal_start, wal_stop, timeline, size_bytes, repo_size_bytes)
       values ($1, $2, $3, 'F1', 'full', $4, $5, '0/2000028', '0/2000100', $6, $6, 1, 1000, 1000)`,
      [tenantId, row.id, region, at(0), at(10), seg(2)],
    );
    await q(
      `insert into wal_ranges (tenant_id, instance_id, region, timeline, start_segment, stop_segment, last_commit_at, last_commit_lsn, last_commit_xid)
       values ($1, $2, $3, 1, $4, $5, $6, '0/5000100', '1000')`,
      [tenantId, row.id, region, seg(2), seg(5), at(600)],
    );
    await q(
      `insert into instance_region_status (tenant_id, instance_id, region, latest_commit_at, latest_commit_lsn, latest_commit_xid, newest_segment, restore_points_scanned_through, archive_ok)
       values ($1, $2, $3, $4, '0/5000100', '1000', $5, $5, true)`,
      [tenantId, row.id, region, at(600), seg(5)],
    );
    await q(
      `insert into restore_points (tenant_id, instance_id, region, name, lsn, segment) values ($1, $2, $3, 'before-migration', '0/3000050', $4)`,
      [tenantId, row.id, region, seg(3)],
    );
  }
  return row.id;
}
