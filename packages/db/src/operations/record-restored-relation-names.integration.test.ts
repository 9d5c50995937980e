import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRelation } from '@rewind/core';
import { restores } from '../schema';
import { inTenantTx } from '../tenant-tx';
import { createSeededScratch, type SeededScratch } from '../testing/seeded-scratch';
import { createInstanceRecord } from './create-instance-record';
import { findTimeTravelClone } from './find-time-travel-clone';
import { listRelationNames } from './list-relation-names';
import { recordRelationNames } from './record-relation-names';
import { recordRestoredRelationNames } from './record-restored-relation-names';

let s: SeededScratch;
let A: string;
let B: string;
let instanceA: string;

const dbRow: CatalogRelation = {
  dbOid: 16384,
  databaseName: 'app',
  relOid: 0,
  relfilenode: 0,
  relkind: '',
  schemaName: null,
  tableName: null,
  tablespaceOid: 1663,
};
const flash: CatalogRelation = {
  ...dbRow,
  relOid: 16500,
  relfilenode: 16500,
  relkind: 'r',
  schemaName: 'public',
  tableName: 'flash',
};
const at = new Date('2026-12-02T07:00:00.123Z');

beforeAll(async () => {
  s = await createSeededScratch('rewind_relnames', { portMin: 59010, portMax: 59011 });
  A = s.tenant('acme');
  B = s.tenant('globex');
  instanceA = (
    await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      createInstanceRecord(tx, { tenantId: A, name: 'orders', secretKey: s.secretKey }),
    )
  ).id;
  // the syncs saw the database only: `flash` was made and dropped between two of them
  await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
    recordRelationNames(tx, {
      tenantId: A,
      instanceId: instanceA,
      seenAt: new Date('2026-12-02T06:59:00Z'),
      relations: [dbRow],
    }),
  );
});
afterAll(async () => {
  await s?.close();
});

describe('relation names from a restored copy', () => {
  it('records only what no span has, once, as one instant at the event', async () => {
    const record = () =>
      inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        recordRestoredRelationNames(tx, {
          tenantId: A,
          instanceId: instanceA,
          at,
          relations: [dbRow, flash],
        }),
      );
    expect(await record()).toEqual({ recorded: 1 });
    expect(await record()).toEqual({ recorded: 0 });
    const spans = await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      listRelationNames(tx, A, instanceA, new Date('2026-12-02T06:00:00Z')),
    );
    expect(spans.filter((r) => r.tableName === 'flash')).toEqual([
      { ...flash, seenFrom: at.toISOString(), seenUntil: at.toISOString() },
    ]);
  });

  it('a later sync leaves that span alone (it compares open spans only)', async () => {
    const synced = await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      recordRelationNames(tx, {
        tenantId: A,
        instanceId: instanceA,
        seenAt: new Date('2026-12-02T07:01:00Z'),
        relations: [dbRow],
      }),
    );
    expect(synced).toEqual({ opened: 0, closed: 0 });
  });

  it('another tenant reads none of it', async () => {
    const spans = await inTenantTx(s.app.db, { tenantId: B }, (tx) =>
      listRelationNames(tx, B, instanceA, new Date(0)),
    );
    expect(spans).toEqual([]);
  });

  it('the platform’s clone at a target (no requester) is never offered to the console', async () => {
    const target = { xid: '742', inclusive: false };
    const platformRestore = {
      tenantId: A,
      instanceId: instanceA,
      requestedBy: null,
      workflowId: 'wf-relation-names',
      target,
      mode: 'clone',
      status: 'running',
      phase: 'validating',
    } as const;
    await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      tx.insert(restores).values(platformRestore),
    );
    expect(
      await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        findTimeTravelClone(tx, A, instanceA, target),
      ),
    ).toBeNull();
    const owner = s.demo.users.find((u) => u.tenant === 'acme' && u.role === 'owner')!.id;
    await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      tx.insert(restores).values({ ...platformRestore, requestedBy: owner, workflowId: 'wf-tt' }),
    );
    expect(
      await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        findTimeTravelClone(tx, A, instanceA, target),
      ),
    ).toMatchObject({ status: 'running', cloneId: null });
  });
});
