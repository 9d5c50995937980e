import pg from 'pg';
import {
  and,
  createApiTokenRecord,
  createPlatformDb,
  eq,
  inTenantTx,
  loadStackEnv,
  memberships,
  tenants,
  users,
} from '@rewind/db';
import { DEMO_TENANTS, DEMO_USERS } from '@rewind/db/seed';

/**
 * `npm run dev`'s demo instance: acme gets a running `orders` database with a few hundred
 * rows and a restorable window, created through the public API exactly as a tenant would
 * (POST /api/v1/instances, then poll) so the demo exercises the real path. Idempotent.
 */
const INSTANCE_NAME = 'orders';
const env = loadStackEnv();
const api = (path: string) => new URL(path, env.WEB_URL).toString();

interface InstanceDetail {
  id: string;
  name: string;
  status: string;
  connection: { host: string; port: number; database: string; user: string; password: string };
}

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(api(path), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function demoToken(): Promise<{ token: string; id: string }> {
  const owner = DEMO_USERS.find((u) => u.tenant === 'acme' && u.role === 'owner');
  const tenant = DEMO_TENANTS.find((t) => t.slug === 'acme');
  if (!owner || !tenant) throw new Error('invariant: the demo seed has no acme owner');
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 1 });
  try {
    const [row] = await platform.db
      .select({ tenantId: tenants.id, userId: users.id })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(tenants.slug, tenant.slug), eq(users.email, owner.email)));
    if (!row) throw new Error('run the demo seed first (packages/db/src/bin/seed.ts --demo)');
    const created = await inTenantTx(platform.db, { tenantId: row.tenantId }, (tx) =>
      createApiTokenRecord(tx, { ...row, name: 'demo setup (npm run dev)' }),
    );
    return { token: created.token, id: created.id };
  } finally {
    await platform.close();
  }
}

async function waitForRunning(token: string, id: string): Promise<InstanceDetail> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const detail = await call<InstanceDetail>(token, 'GET', `/api/v1/instances/${id}`);
    if (detail.status === 'running') return detail;
    if (detail.status === 'failed') throw new Error(`demo instance ${id} failed to provision`);
    if (Date.now() > deadline)
      throw new Error(`demo instance ${id} still ${detail.status} after 4 min`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

async function fillOrders(detail: InstanceDetail): Promise<number> {
  const c = new pg.Client({ ...detail.connection, host: '127.0.0.1' });
  // a restart of the instance rejects the pending query instead of crashing `npm run dev`
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(`create table if not exists orders (
      id bigserial primary key,
      customer text not null,
      total numeric(10,2) not null,
      created_at timestamptz not null default now())`);
    const { rows } = await c.query<{ n: string }>('select count(*) as n from orders');
    if (Number(rows[0]?.n ?? 0) === 0) {
      await c.query(`insert into orders (customer, total)
        select 'customer-' || g, round((random() * 500)::numeric, 2) from generate_series(1, 250) g`);
    }
    const after = await c.query<{ n: string }>('select count(*) as n from orders');
    return Number(after.rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

const { token, id: tokenId } = await demoToken();
try {
  const list = await call<InstanceDetail[] | { instances: InstanceDetail[] }>(
    token,
    'GET',
    '/api/v1/instances',
  );
  const all = Array.isArray(list) ? list : list.instances;
  let instance = all.find((i) => i.name === INSTANCE_NAME && i.status !== 'deleted');
  if (!instance) {
    console.log(`demo: creating instance '${INSTANCE_NAME}' for acme through the API`);
    instance = await call<InstanceDetail>(token, 'POST', '/api/v1/instances', {
      name: INSTANCE_NAME,
    });
  }
  const detail = await waitForRunning(token, instance.id);
  const rows = await fillOrders(detail);
  console.log(
    `demo: acme/${INSTANCE_NAME} is running on port ${detail.connection.port} with ${rows} orders`,
  );
} finally {
  await call(token, 'DELETE', `/api/v1/tokens/${tokenId}`).catch(() => undefined);
}
