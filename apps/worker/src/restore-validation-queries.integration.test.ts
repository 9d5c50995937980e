import {
  auditEvents,
  createValidationQuery,
  inTenantTx,
  validationQueries,
  type RestoreRecord,
} from '@rewind/db';
import { findRows, insertRows } from '@rewind/db/testing';
import { loadTestEnv } from '@rewind/engine/testing';
import { extendCloneUpdate } from '@rewind/workflows/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exists,
  portListening,
  processesMentioning,
  restoreSuite,
  type RestoreSuite,
} from './testing/restore-suite';

/**
 * The tenant's own validation queries on a real restore: saved on the source (as the API saves
 * them), run as the tenant's role against the restored copy, one check each in the restore's
 * checks with a detail a person reads; one unmet expectation fails the restore and nothing of the
 * copy is left. Source: orders r1..r5, then DELETE FROM orders; restores go to just before it.
 */
const env = loadTestEnv();
let s: RestoreSuite;

beforeAll(async () => {
  s = await restoreSuite(env, 'vq');
}, 300_000);

afterAll(async () => {
  await s?.close();
}, 120_000);

const beforeDelete = () => ({
  target: { time: new Date(Date.parse(s.deletedAt) - 1000).toISOString() },
});

async function save(
  name: string,
  sql: string,
  expectation?: 'positive_count' | 'non_empty' | 'zero_rows',
) {
  return inTenantTx(s.app.db, { tenantId: s.tenantId }, (tx) =>
    createValidationQuery(tx, {
      tenantId: s.tenantId,
      instanceId: s.source.id,
      actor: { type: 'user', id: s.ownerId },
      name,
      sql,
      expectation,
    }),
  );
}

/** A query saved before the API checked SQL (or by anything that bypasses it): the verifier must hold on its own. */
async function saveUnchecked(
  name: string,
  sql: string,
  expectation: 'positive_count' | 'non_empty' | 'zero_rows',
) {
  await insertRows(s.platform.db, validationQueries, {
    tenantId: s.tenantId,
    instanceId: s.source.id,
    name,
    sql,
    expectation,
  });
}

const tenantChecks = (r: RestoreRecord) => r.checks.filter((c) => c.name.startsWith('validation:'));

async function expectNothingLeftOf(cloneId: string, port: number) {
  expect((await s.instanceRow(cloneId)).status).toBe('deleted');
  const paths = s.engine.paths(cloneId);
  expect(await exists(paths.root)).toBe(false);
  expect(await exists(paths.run)).toBe(false);
  expect(await processesMentioning(paths.root)).toEqual([]);
  expect(await portListening(port)).toBe(false);
}

describe('validation queries on a restored copy', () => {
  it('every query is one check, in the order saved, ok with what it found; the restore succeeds', async () => {
    await save('orders exist', 'select count(*) from orders');
    await save('r3 is back', "select id, note from orders where note = 'r3'", 'non_empty');
    await save('no nope rows', "select * from orders where note = 'nope';", 'zero_rows');

    const r = await s.start(beforeDelete());
    const done = await s.waitFor(r.id, (x) => x.status === 'succeeded');
    expect(done.checks.map((c) => [c.name, c.ok])).toEqual([
      ['recovery_target', true],
      ['amcheck', true],
      ['schema_dump', true],
      ['validation:orders exist', true],
      ['validation:r3 is back', true],
      ['validation:no nope rows', true],
    ]);
    expect(tenantChecks(done).map((c) => c.detail)).toEqual([
      'count = 5',
      '1 row; first: id = 3, note = r3',
      'no rows, as expected',
    ]);
    const audit = await findRows(s.platform.db, auditEvents, { targetId: r.id });
    expect(audit.find((e) => e.action === 'restore.succeeded')?.data).toMatchObject({
      checks: expect.arrayContaining([
        { name: 'validation:orders exist', ok: true, detail: 'count = 5' },
      ]),
    });

    // the queries only read: the handed-over copy still holds every order
    const clone = await s.instanceRow(done.resultInstanceId!);
    const notes = await s.engine.runSql(
      { socketDir: s.engine.paths(clone.id).run, port: clone.port!, database: clone.databaseName },
      "select string_agg(note, ',' order by id) from orders",
      { context: 'reading the verified copy' },
    );
    expect(notes.trim()).toBe('r1,r2,r3,r4,r5');

    // drop the clone now: its durable timer would otherwise wait 24 h
    await r.handle.executeUpdate(extendCloneUpdate, {
      args: [{ expiresAt: new Date().toISOString(), byUserId: s.ownerId }],
    });
    await r.handle.result();
    await expectNothingLeftOf(clone.id, clone.port!);
  }, 600_000);

  it('an unmet expectation fails the restore with the check and its detail; a write cannot run; nothing of the copy is left', async () => {
    await save('needs a nope', "select * from orders where note = 'nope'", 'non_empty');
    await save('invoices exist', 'select count(*) from invoices');
    // what the API refuses, stored behind its back: the verifier still only reads
    await saveUnchecked('sneaky delete', 'delete from orders returning *', 'zero_rows');
    await saveUnchecked('sneaky sequence', "select nextval('orders_id_seq')", 'positive_count');
    await saveUnchecked('two statements', 'select 1; delete from orders', 'positive_count');
    await save('orders survive', 'select count(*) as orders from orders');

    const r = await s.start(beforeDelete());
    const restoring = await s.waitFor(r.id, (x) => x.resultInstanceId !== null);
    const clone = await s.instanceRow(restoring.resultInstanceId!);
    await r.handle.result();
    const failed = await s.row(r.id);
    expect(failed).toMatchObject({ status: 'failed', phase: 'done' });

    const byName = Object.fromEntries(
      tenantChecks(failed).map((c) => [c.name.slice('validation:'.length), c]),
    );
    expect(Object.keys(byName)).toEqual([
      'orders exist',
      'r3 is back',
      'no nope rows',
      'needs a nope',
      'invoices exist',
      'sneaky delete',
      'sneaky sequence',
      'two statements',
      'orders survive',
    ]);
    expect(byName['orders exist']).toMatchObject({ ok: true, detail: 'count = 5' });
    expect(byName['needs a nope']).toEqual({
      name: 'validation:needs a nope',
      ok: false,
      detail: 'no rows, expected at least one',
    });
    expect(byName['invoices exist']).toMatchObject({
      ok: false,
      detail: 'the query failed: relation "invoices" does not exist',
    });
    // the SQL runs only as a subquery of a cursor's SELECT (`… FROM (<sql>) rewind_q`), which
    // takes only a query: PostgreSQL's parser refuses the DELETE there; a read-only transaction
    // refuses nextval; a second statement cannot be smuggled in
    expect(byName['sneaky delete']).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^the query failed: syntax error at or near "from"/),
    });
    expect(byName['sneaky sequence']).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/read-only transaction/),
    });
    expect(byName['two statements']).toMatchObject({
      ok: false,
      // inside the subquery a second statement is a syntax error at its `;`
      detail: expect.stringMatching(/^the query failed: syntax error at or near ";"/),
    });
    // and so nothing was deleted before the last query counted
    expect(byName['orders survive']).toMatchObject({ ok: true, detail: 'orders = 5' });
    // the built-in checks passed: the tenant's queries alone failed it
    expect(failed.checks.filter((c) => !c.name.startsWith('validation:')).every((c) => c.ok)).toBe(
      true,
    );

    expect(failed.error).toMatch(
      /integrity check\(s\) failed: .*validation:needs a nope: no rows, expected at least one/,
    );
    const audit = await findRows(s.platform.db, auditEvents, { targetId: r.id });
    expect(audit.map((e) => e.action)).toContain('restore.failed');
    await expectNothingLeftOf(clone.id, clone.port!);
  }, 600_000);
});
