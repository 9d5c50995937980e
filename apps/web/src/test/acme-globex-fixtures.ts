import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiTokenRecord, inTenantTx, type PlatformDbHandle } from '@rewind/db';
import type { StackFixtures } from './stack-fixtures';

/** Real ids of tenant A (acme) for tenant B (globex) to aim at. */
export interface AcmeTargets {
  tenantId: string;
  instanceId: string;
  restoreId: string;
  tokenId: string;
  /** an alert webhook of acme (its URL is never called: no alert of acme is delivered to it) */
  webhookId: string;
  memberUserId: string;
  /** a validation query of acme and the instance it belongs to */
  validationQuery: { instanceId: string; id: string };
}

const FIXTURE_NOTE = 'cross-tenant test fixture (never ran)';
// port 9 (discard): nothing listens, and acme's demo instances raise no alerts in these tests
const WEBHOOK_URL = 'http://127.0.0.1:9/cross-tenant-target';

/**
 * Uses acme's existing instance and restore when there are any; otherwise adds the least
 * intrusive ones: an instance record and a restore already `failed`, so nothing in the demo
 * tenant waits for anyone.
 */
export async function acmeTargets(f: StackFixtures): Promise<AcmeTargets> {
  const db = f.platform;
  const tenantId = f.demo.tenants.find((t) => t.slug === 'acme')!.id;
  const owner = f.demo.users.find((u) => u.email === 'owner@acme.test')!;
  const member = f.demo.users.find((u) => u.email === 'member@acme.test')!;
  let instanceId = (
    await db.pool.query(
      `select id from instances where tenant_id = $1 and status <> 'deleted' order by created_at limit 1`,
      [tenantId],
    )
  ).rows[0]?.id as string | undefined;
  if (!instanceId) {
    const { createInstanceRecord } = await import('@rewind/db');
    const row = await inTenantTx(db.db, { tenantId }, (tx) =>
      createInstanceRecord(tx, {
        tenantId,
        name: 'xt-fixture',
        secretKey: f.env.REWIND_SECRET_KEY,
        hostId: f.env.REWIND_HOST_ID,
      }),
    );
    instanceId = row.id;
  }
  let restoreId = (
    await db.pool.query(
      `select id from restores where tenant_id = $1 and status in ('failed', 'succeeded', 'cancelled', 'rejected', 'expired') order by created_at limit 1`,
      [tenantId],
    )
  ).rows[0]?.id as string | undefined;
  if (!restoreId) {
    const inserted = await db.pool.query(
      `insert into restores (tenant_id, instance_id, requested_by, workflow_id, target, mode, status, phase, error, finished_at)
       values ($1, $2, $3, $5, '{"latest":true}', 'clone', 'failed', 'failed', $4, now())
       returning id`,
      [
        tenantId,
        instanceId,
        owner.id,
        FIXTURE_NOTE,
        `tenant:${tenantId}:instance:${instanceId}:restore:xt-fixture`,
      ],
    );
    restoreId = inserted.rows[0].id as string;
  }
  let tokenId = (
    await db.pool.query(
      `select id from api_tokens where tenant_id = $1 and name = 'cross-tenant target'`,
      [tenantId],
    )
  ).rows[0]?.id as string | undefined;
  if (!tokenId) {
    tokenId = (
      await inTenantTx(db.db, { tenantId }, (tx) =>
        createApiTokenRecord(tx, { tenantId, userId: owner.id, name: 'cross-tenant target' }),
      )
    ).id;
  }
  let webhookId = (
    await db.pool.query(
      `select id from alert_webhooks where tenant_id = $1 and url = $2 and disabled_at is null`,
      [tenantId, WEBHOOK_URL],
    )
  ).rows[0]?.id as string | undefined;
  if (!webhookId) {
    const { registerAlertWebhook } = await import('@rewind/services');
    webhookId = (
      await inTenantTx(db.db, { tenantId }, (tx) =>
        registerAlertWebhook(tx, {
          tenantId,
          userId: owner.id,
          url: WEBHOOK_URL,
          secretKey: f.env.REWIND_SECRET_KEY,
        }),
      )
    ).webhook.id;
  }
  return {
    tenantId,
    instanceId,
    restoreId,
    tokenId,
    webhookId,
    memberUserId: member.id,
    validationQuery: await acmeValidationQuery(f, tenantId),
  };
}

/**
 * A validation query on an instance record of its own (kind clone, never started): on a real
 * instance it would run in every restore of it, and restore suites compare their exact checks.
 * A clone is never restored from and does not count against acme's plan limit.
 */
async function acmeValidationQuery(
  f: StackFixtures,
  tenantId: string,
): Promise<{ instanceId: string; id: string }> {
  const db = f.platform;
  const found = (
    await db.pool.query(
      `select q.id, q.instance_id from validation_queries q join instances i on i.id = q.instance_id
        where q.tenant_id = $1 and q.name = 'cross-tenant target' and i.status <> 'deleted' limit 1`,
      [tenantId],
    )
  ).rows[0] as { id: string; instance_id: string } | undefined;
  if (found) return { instanceId: found.instance_id, id: found.id };
  const { createInstanceRecord } = await import('@rewind/db');
  const holder = await inTenantTx(db.db, { tenantId }, (tx) =>
    createInstanceRecord(tx, {
      tenantId,
      name: `xt-vq-${Date.now().toString(36)}`,
      secretKey: f.env.REWIND_SECRET_KEY,
      hostId: f.env.REWIND_HOST_ID,
      kind: 'clone',
      ignorePlanLimit: true,
    }),
  );
  await db.pool.query(`update instances set status = 'stopped' where id = $1`, [holder.id]);
  const inserted = await db.pool.query(
    `insert into validation_queries (tenant_id, instance_id, name, sql, expectation)
     values ($1, $2, 'cross-tenant target', 'select count(*) from orders', 'positive_count') returning id`,
    [tenantId, holder.id],
  );
  return { instanceId: holder.id, id: inserted.rows[0].id as string };
}

/**
 * Tenant A's rows that B aimed at, as the platform sees them. Other suites run real restores
 * in acme at the same time, so this compares what B could have touched, not whole tables.
 */
export async function snapshotTenant(
  db: PlatformDbHandle,
  t: AcmeTargets,
): Promise<Record<string, unknown>> {
  const q = async (sql: string, extra: unknown[] = []) =>
    (await db.pool.query(sql, [t.tenantId, ...extra])).rows;
  const outsiders = `(select id from users where email like '%@globex.test')`;
  return {
    tenant: await q(
      `select id, slug, name, plan_id, retention_days, approval_policy from tenants where id = $1`,
    ),
    memberships: await q(
      `select user_id, role from memberships where tenant_id = $1 order by user_id`,
    ),
    instance: await q(
      `select id, name, kind, status, legal_hold, expires_at from instances where tenant_id = $1 and id = $2`,
      [t.instanceId],
    ),
    restore: await q(`select id, status, phase from restores where tenant_id = $1 and id = $2`, [
      t.restoreId,
    ]),
    approvals: await q(`select id from approvals where tenant_id = $1 and restore_id = $2`, [
      t.restoreId,
    ]),
    token: await q(`select id, revoked_at from api_tokens where tenant_id = $1 and id = $2`, [
      t.tokenId,
    ]),
    validationQuery: await q(
      `select id, instance_id, name, sql, expectation from validation_queries where tenant_id = $1 and id = $2`,
      [t.validationQuery.id],
    ),
    invitations: await q(
      `select id, email, role, accepted_at from invitations where tenant_id = $1 order by id`,
    ),
    webhooks: await q(
      `select id, url, disabled_at from alert_webhooks where tenant_id = $1 order by id`,
    ),
    // what catalog sync recorded of acme's relation names: wal-events of another tenant reads none
    relationNames: await q(
      `select id, seen_until from relation_names where tenant_id = $1 order by id`,
    ),
    passwordReveals: await q(
      `select count(*)::int as n from audit_events where tenant_id = $1 and action = 'instance.password_revealed'`,
    ),
    // passwords and session versions of acme's people: a forged write must not change or end them
    people: await q(
      `select u.id, u.password_hash, u.session_version from users u join memberships m on m.user_id = u.id where m.tenant_id = $1 order by u.id`,
    ),
    byOutsiders: await q(
      `select (select count(*) from restores where tenant_id = $1 and requested_by in ${outsiders})::int as restores,
              (select count(*) from approvals where tenant_id = $1 and decided_by in ${outsiders})::int as approvals,
              (select count(*) from instances where tenant_id = $1 and name = 'stolen')::int as instances,
              (select count(*) from api_tokens where tenant_id = $1 and name = 'stolen')::int as tokens,
              (select count(*) from validation_queries where tenant_id = $1 and name = 'stolen')::int as validation_queries,
              (select count(*) from audit_events where tenant_id = $1 and actor_email like '%@globex.test')::int as audit`,
    ),
  };
}

/** Every route file under app/api/v1 with its methods, as `METHOD /api/v1/pattern`. */
export function listApiRoutes(): string[] {
  const root = fileURLToPath(new URL('../app/api/v1', import.meta.url));
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'route.ts') {
        const pattern = '/api/v1/' + path.relative(root, dir).split(path.sep).join('/');
        if (pattern.includes('[...')) continue;
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
          out.push(`${m[1]} ${pattern.replace(/\/$/, '')}`);
      }
    }
  };
  walk(root);
  return out.sort();
}
