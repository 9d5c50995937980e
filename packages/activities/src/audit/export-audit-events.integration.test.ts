import { randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlRegionsFromEnv, parseStackEnv } from '@rewind/core';
import {
  appendAuditEvent,
  createDb,
  createPlatformDb,
  inTenantTx,
  tenants,
  type DbHandle,
  type PlatformDbHandle,
} from '@rewind/db';
import { createRegionClient, putLockedObject, type RegionClient } from '@rewind/storage';
import { exportTenantAuditEvents } from './export-audit-events';

let app: DbHandle;
let platform: PlatformDbHandle;
let region: RegionClient;
let tenantId: string;

async function append(n: number, label: string) {
  await inTenantTx(app.db, { tenantId }, async (tx) => {
    for (let i = 0; i < n; i++) {
      await appendAuditEvent(tx, {
        tenantId,
        actor: { type: 'system' },
        action: 'test.event',
        data: { label, i },
      });
    }
  });
}

async function read(bucket: string, key: string): Promise<string> {
  const out = await region.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await out.Body?.transformToString('utf8')) ?? '';
}

beforeAll(async () => {
  const env = parseStackEnv(process.env);
  app = createDb(env.CONTROL_DATABASE_URL, { max: 2 });
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 2 });
  region = createRegionClient(controlRegionsFromEnv(env).a, env.S3_CA_FILE);
  const slug = `t-export-${randomBytes(4).toString('hex')}`;
  const [row] = await platform.db
    .insert(tenants)
    .values({ slug, name: slug, planId: 'pro', retentionDays: 7 })
    .returning({ id: tenants.id });
  tenantId = row!.id;
});
afterAll(async () => {
  await app?.close();
  await platform?.close();
});

describe('daily audit export to object-locked storage', () => {
  it('exports new events as NDJSON; the next export holds only what came after', async () => {
    await append(3, 'first');
    const first = await exportTenantAuditEvents(tenantId, { db: app.db, region, retainDays: 1 });
    expect(first).toMatchObject({ exported: 3, fromSeq: 1, toSeq: 3, chainsFromLastExport: true });
    const lines = (await read(first.bucket!, first.key!))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string; prevHash: string });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(lines[1]!.prevHash).toBe(lines[0]!.hash);

    expect(await exportTenantAuditEvents(tenantId, { db: app.db, region, retainDays: 1 })).toEqual({
      tenantId,
      exported: 0,
    });

    await append(2, 'second');
    const second = await exportTenantAuditEvents(tenantId, { db: app.db, region, retainDays: 1 });
    expect(second).toMatchObject({ exported: 2, fromSeq: 4, toSeq: 5, chainsFromLastExport: true });
    const later = (await read(second.bucket!, second.key!))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; prevHash: string });
    expect(later.map((l) => l.seq)).toEqual([4, 5]);
    expect(later[0]!.prevHash).toBe(lines[2]!.hash);

    const rows = (
      await platform.pool.query(
        `select from_seq, to_seq, object_key, last_hash from audit_exports where tenant_id = $1 order by to_seq`,
        [tenantId],
      )
    ).rows;
    expect(
      rows.map((r: { from_seq: string; to_seq: string }) => [Number(r.from_seq), Number(r.to_seq)]),
    ).toEqual([
      [1, 3],
      [4, 5],
    ]);
  });

  it('the exported object cannot be overwritten or deleted while retained', async () => {
    const { rows } = await platform.pool.query(
      `select object_key from audit_exports where tenant_id = $1 order by to_seq limit 1`,
      [tenantId],
    );
    const full = rows[0].object_key as string;
    const bucket = full.slice(0, full.indexOf('/'));
    const key = full.slice(full.indexOf('/') + 1);
    const original = await read(bucket, key);

    // a conditional overwrite is refused outright
    await expect(
      putLockedObject(region, {
        bucket,
        key,
        body: 'forged\n',
        contentType: 'application/x-ndjson',
        retainUntil: new Date(Date.now() + 86_400_000),
      }),
    ).rejects.toThrow(/already holds different content/);
    await expect(
      region.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'forged\n', IfNoneMatch: '*' }),
      ),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 412 },
    });

    // an unconditional put only adds a version on top; the locked version itself cannot be deleted
    const versions = await region.s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }),
    );
    const locked = versions.Versions?.find((v) => v.Key === key)?.VersionId;
    expect(locked).toBeDefined();
    await expect(
      region.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: locked })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    const still = await region.s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: locked }),
    );
    expect(await still.Body?.transformToString('utf8')).toBe(original);
  });
});
