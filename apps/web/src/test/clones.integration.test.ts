import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceRecord, inTenantTx } from '@rewind/db';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import { call } from './api-call';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

// Extend TTL, Delete now and Reveal on clone records that exist only in the catalog: every
// refusal below happens before the restore workflow is asked anything. The accepted paths run
// against a real clone and its restore workflow in playwright/tests/portal-restore.e2e.test.ts.
let f: StackFixtures;
let t: ScratchTenant;
let other: ScratchTenant;
let primaryId: string;
let cloneId: string;
let expiresAt: Date;
const HOUR = 3600_000;
const api = (method: string, path: string, o: Parameters<typeof call>[3] = {}) =>
  call(f.baseUrl, method, path, o);
const extend = (token: string, body: unknown, id = cloneId) =>
  api('POST', `/api/v1/instances/${id}/extend`, { token, body });

async function cloneRow(): Promise<{ status: string; expires_at: Date }> {
  const r = await f.platform.pool.query<{ status: string; expires_at: Date }>(
    'select status, expires_at from instances where id = $1',
    [cloneId],
  );
  return r.rows[0]!;
}

async function actions(): Promise<string[]> {
  const res = await api('GET', '/api/v1/audit?limit=500', { token: t.people.owner.token });
  return (res.body as { events: Array<{ action: string }> }).events.map((e) => e.action);
}

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'clones');
  other = await createScratchTenant(f.platform.db, 'clones-other');
  const make = (name: string, kind: 'primary' | 'clone', extra: object = {}) =>
    inTenantTx(f.platform.db, { tenantId: t.id }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: t.id,
        name,
        secretKey: f.env.REWIND_SECRET_KEY,
        hostId: f.env.REWIND_HOST_ID,
        kind,
        ignorePlanLimit: true,
        ...extra,
      }),
    );
  primaryId = (await make('src', 'primary')).id;
  expiresAt = new Date(Math.floor((Date.now() + 24 * HOUR) / 1000) * 1000);
  cloneId = (await make('src-restore-1', 'clone', { sourceInstanceId: primaryId, expiresAt })).id;
  await f.platform.pool.query(`update instances set status = 'running' where id = any($1)`, [
    [primaryId, cloneId],
  ]);
  // the restore that made it, with a workflow id Temporal does not know (its TTL already ended)
  await f.platform.pool.query(
    `insert into restores (tenant_id, instance_id, requested_by, workflow_id, target, mode, status, phase, result_instance_id, finished_at)
     values ($1, $2, $3, $4, '{"latest":true}', 'clone', 'succeeded', 'done', $5, now())`,
    [t.id, primaryId, t.people.owner.id, `test-gone-${randomUUID()}`, cloneId],
  );
});
afterAll(async () => {
  await f?.close();
});

describe('POST /api/v1/instances/{id}/extend', () => {
  it('the instance and restore views give the clone its expiry and the plan bound, never a password', async () => {
    const detail = await api('GET', `/api/v1/instances/${cloneId}`, {
      token: t.people.owner.token,
    });
    expect(detail.status).toBe(200);
    const created = Date.parse((detail.body as { createdAt: string }).createdAt);
    // the pro plan keeps a clone at most 72 h after it was made
    expect(detail.body).toMatchObject({
      kind: 'clone',
      expiresAt: expiresAt.toISOString(),
      maxExpiresAt: new Date(created + 72 * HOUR).toISOString(),
    });
    expect(detail.text).not.toMatch(/password/i);
    const list = await api('GET', '/api/v1/instances', { token: t.people.member.token });
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: cloneId, kind: 'clone', expiresAt: expiresAt.toISOString() }),
      ]),
    );
  });

  it('refuses bad input with a clear 400 and changes nothing', async () => {
    const owner = t.people.owner.token;
    for (const [body, message] of [
      [{}, /expiresAt/],
      [{ expiresAt: 'tomorrow' }, /RFC 3339 time with an offset/],
      [{ expiresAt: '2026-11-23T14:00:00' }, /RFC 3339 time with an offset/],
      [{ expiresAt: new Date(Date.now() + 30 * HOUR).toISOString(), hours: 3 }, /hours/],
    ] as const) {
      const res = await extend(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: { message: string } }).error.message).toMatch(message);
    }
    const earlier = await extend(owner, { expiresAt: new Date(Date.now() + HOUR).toISOString() });
    expect(earlier.status).toBe(400);
    expect(earlier.body).toMatchObject({
      error: {
        code: 'bad_request',
        message: expect.stringMatching(/later than the clone's current expiry/),
      },
    });
    const primary = await extend(owner, { expiresAt: expiresAt.toISOString() }, primaryId);
    expect(primary.status).toBe(400);
    expect(primary.body).toMatchObject({
      error: { message: expect.stringMatching(/not a clone/) },
    });
    expect((await cloneRow()).expires_at.toISOString()).toBe(expiresAt.toISOString());
  });

  it('past the plan maximum is 422 with the bound in details', async () => {
    const res = await extend(t.people.admin.token, {
      expiresAt: new Date(Date.now() + 100 * HOUR).toISOString(),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: {
        code: 'limit_exceeded',
        message: expect.stringMatching(/the Pro plan keeps a clone at most 72 h after it was made/),
        details: { cloneTtlHoursMax: 72, maxExpiresAt: expect.any(String) },
      },
    });
  });

  it('a clone whose restore workflow has ended answers 409 and keeps its row', async () => {
    const res = await extend(t.people.owner.token, {
      expiresAt: new Date(expiresAt.getTime() + HOUR).toISOString(),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/already expired/) },
    });
    expect((await cloneRow()).expires_at.toISOString()).toBe(expiresAt.toISOString());
    expect(await actions()).not.toContain('instance.clone_extended');
  });

  it('members may not extend (403); another tenant gets 404 as for an unknown id', async () => {
    const body = { expiresAt: new Date(expiresAt.getTime() + HOUR).toISOString() };
    expect((await extend(t.people.member.token, body)).status).toBe(403);
    const cross = await extend(other.people.owner.token, body);
    const unknown = await extend(other.people.owner.token, body, randomUUID());
    expect(cross.status).toBe(404);
    expect(cross.body).toEqual(unknown.body);
  });
});

describe('DELETE /api/v1/instances/{id} of a clone (Delete now)', () => {
  it('admins and members are refused (owners only); another tenant gets 404', async () => {
    for (const token of [t.people.admin.token, t.people.member.token])
      expect((await api('DELETE', `/api/v1/instances/${cloneId}`, { token })).status).toBe(403);
    expect(
      (await api('DELETE', `/api/v1/instances/${cloneId}`, { token: other.people.owner.token }))
        .status,
    ).toBe(404);
    expect((await cloneRow()).status).toBe('running');
  });

  it('when the restore workflow is gone: 409, and the clone is running again', async () => {
    const res = await api('DELETE', `/api/v1/instances/${cloneId}`, {
      token: t.people.owner.token,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/already expired/) },
    });
    expect((await cloneRow()).status).toBe('running');
  });
});

describe('POST /api/v1/instances/{id}/password (Reveal)', () => {
  it('answers the caller role credentials, audits each fetch; other tenants get 404; bad body 400', async () => {
    const res = await api('POST', `/api/v1/instances/${cloneId}/password`, {
      token: t.people.admin.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ access: 'owner', password: expect.any(String) });
    expect(
      (
        await api('POST', `/api/v1/instances/${cloneId}/password`, {
          token: other.people.owner.token,
        })
      ).status,
    ).toBe(404);
    const bad = await api('POST', `/api/v1/instances/${cloneId}/password`, {
      token: t.people.owner.token,
      body: { reason: 'x' },
    });
    expect(bad.status).toBe(400);
    expect((await actions()).filter((a) => a === 'instance.password_revealed')).toHaveLength(1);
  });
});
