import {
  inTenantTx,
  nextAuditExportBatch,
  recordAuditExport,
  type AuditEventRow,
  type Db,
} from '@rewind/db';
import {
  auditBucketName,
  ensureLockedBucket,
  putLockedObject,
  type RegionClient,
} from '@rewind/storage';

/** Seven years: the usual retention asked of audit trails. Tests pass a short one. */
export const AUDIT_EXPORT_RETENTION_DAYS = 7 * 365;

export interface AuditExportResult {
  tenantId: string;
  exported: number;
  fromSeq?: number;
  toSeq?: number;
  bucket?: string;
  key?: string;
  /** false when the first new event does not chain from the last exported hash (tampering between exports) */
  chainsFromLastExport?: boolean;
}

export interface ExportAuditEventsOptions {
  db: Db;
  region: RegionClient;
  retainDays?: number;
  now?: Date;
}

const pad = (n: number) => String(n).padStart(12, '0');

export function auditExportKey(tenantId: string, fromSeq: number, toSeq: number, at: Date): string {
  return `audit/${tenantId}/${at.toISOString().slice(0, 10)}/${pad(fromSeq)}-${pad(toSeq)}.ndjson`;
}

export function toNdjson(events: readonly AuditEventRow[]): string {
  return events
    .map((e) =>
      JSON.stringify({
        id: e.id,
        tenantId: e.tenantId,
        seq: e.seq,
        at: e.at.toISOString(),
        actorType: e.actorType,
        actorId: e.actorId,
        actorEmail: e.actorEmail,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        data: e.data,
        prevHash: e.prevHash,
        hash: e.hash,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Writes the tenant's events since its last export as one NDJSON object under COMPLIANCE
 * retention, then records the range. All inside the tenant's own transaction (RLS applies):
 * the object is written first and the row last, so a crash in between leaves an object that
 * the next attempt recognises (same key, same bytes) instead of a row without an object.
 */
export async function exportTenantAuditEvents(
  tenantId: string,
  options: ExportAuditEventsOptions,
): Promise<AuditExportResult> {
  const retainDays = options.retainDays ?? AUDIT_EXPORT_RETENTION_DAYS;
  const now = options.now ?? new Date();
  const bucket = auditBucketName(options.region);
  await ensureLockedBucket(
    options.region,
    bucket,
    Math.max(1, Math.min(retainDays, AUDIT_EXPORT_RETENTION_DAYS)),
  );
  return inTenantTx(options.db, { tenantId }, async (tx) => {
    const batch = await nextAuditExportBatch(tx, tenantId);
    const first = batch.events[0];
    const last = batch.events.at(-1);
    if (!first || !last) return { tenantId, exported: 0 };
    const key = auditExportKey(tenantId, first.seq, last.seq, now);
    await putLockedObject(options.region, {
      bucket,
      key,
      body: toNdjson(batch.events),
      contentType: 'application/x-ndjson',
      retainUntil: new Date(now.getTime() + retainDays * 86_400_000),
    });
    await recordAuditExport(tx, {
      tenantId,
      fromSeq: first.seq,
      toSeq: last.seq,
      region: options.region.region.name,
      objectKey: `${bucket}/${key}`,
      lastHash: last.hash,
    });
    return {
      tenantId,
      exported: batch.events.length,
      fromSeq: first.seq,
      toSeq: last.seq,
      bucket,
      key,
      chainsFromLastExport: batch.afterHash === null || first.prevHash === batch.afterHash,
    };
  });
}
