import {
  createApiTokenRecord,
  createPlatformDb,
  inTenantTx,
  type InstanceWindowRegion,
} from '@rewind/db';
import { seedDemo } from '@rewind/db/seed';
import pg from 'pg';

export interface Connection {
  host: string;
  port: number | null;
  database: string;
  user: string;
  password: string;
}

interface Detail {
  id: string;
  name: string;
  status: string;
  connection: Connection;
  window: { regions: InstanceWindowRegion[] };
}

export interface RestorableInstance {
  id: string;
  name: string;
  tenantSlug: string;
  /** commit time of the last of the rows r1..r5 (UTC, µs) */
  rowsCommittedAt: string;
  api: <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(2_000);
  }
}

/** A pg client on a tenant instance, as any customer would connect. */
export async function connectTo(c: Connection): Promise<pg.Client> {
  const client = new pg.Client({
    host: c.host,
    port: c.port ?? undefined,
    database: c.database,
    user: c.user,
    password: c.password,
  });
  // an instance restarted under the test fails the pending query instead of crashing the runner
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Calls /api/v1 with a bearer token, as any API client would. */
export function tokenApi(token: string): RestorableInstance['api'] {
  const webUrl = process.env.WEB_URL;
  if (!webUrl) throw new Error('WEB_URL comes from the test stack env');
  const baseUrl = webUrl.replace(/\/$/, '');
  return async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/**
 * An instance created through the public API (owner token), with rows `orders` r1..r5 written
 * and archived: the window's `latest` has passed them. Pick a tenant whose plan has a short
 * archive_timeout (globex: 15 s) to keep this under a minute or two.
 */
export async function createRestorableInstance(tenantSlug: string): Promise<RestorableInstance> {
  const platformUrl = process.env.CONTROL_DATABASE_PLATFORM_URL;
  if (!platformUrl) throw new Error('CONTROL_DATABASE_PLATFORM_URL comes from the test stack env');
  const platform = createPlatformDb(platformUrl, { max: 1, applicationName: 'rewind-e2e' });
  try {
    const demo = await seedDemo(platform.db);
    const tenant = demo.tenants.find((t) => t.slug === tenantSlug)!;
    const owner = demo.users.find((u) => u.tenant === tenantSlug && u.role === 'owner')!;
    const { token } = await inTenantTx(platform.db, { tenantId: tenant.id }, (tx) =>
      createApiTokenRecord(tx, {
        tenantId: tenant.id,
        userId: owner.id,
        name: `e2e portal ${Date.now()}`,
      }),
    );
    const made = await createRestorableInstanceWithToken(token, tenantSlug);
    return { ...made, close: () => platform.close() };
  } catch (err) {
    await platform.close();
    throw err;
  }
}

/**
 * The same with a token the caller made, e.g. of a tenant the test created for itself (plan
 * `business` archives WAL every 15 s).
 */
export async function createRestorableInstanceWithToken(
  token: string,
  tenantSlug: string,
): Promise<RestorableInstance> {
  const api = tokenApi(token);
  const name = `e2e-${Date.now().toString(36)}`;
  const created = await api<{ id: string }>('POST', '/api/v1/instances', { name });
  if (created.status !== 201)
    throw new Error(`create instance: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const detail = () => api<Detail>('GET', `/api/v1/instances/${id}`).then((r) => r.body);

  await until('the instance to run', 240_000, async () => {
    const d = await detail();
    if (d.status === 'failed') throw new Error('instance creation failed');
    return d.status === 'running' && d.connection.port ? d : undefined;
  });
  // the detail names the role; the password is fetched on its own, as Reveal does
  const secret = await api<Connection>('POST', `/api/v1/instances/${id}/password`);
  if (secret.status !== 200)
    throw new Error(`reveal password: ${secret.status} ${JSON.stringify(secret.body)}`);
  const db = await connectTo(secret.body);
  let rowsCommittedAt: string;
  try {
    await db.query('create table orders (id serial primary key, note text not null)');
    for (const note of ['r1', 'r2', 'r3', 'r4', 'r5'])
      await db.query('insert into orders(note) values ($1)', [note]);
    const r = await db.query<{ at: string }>(
      `select to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from pg_last_committed_xact()`,
    );
    rowsCommittedAt = r.rows[0]!.at;
    // recovery to a time stops at the first commit after it: leave one, a little later
    await sleep(2_000);
    await db.query("insert into orders(note) values ('tail')");
  } finally {
    await db.end();
  }
  await until('the window to pass the rows', 240_000, async () => {
    const d = await detail();
    const latest = d.window.regions.map((w) => w.latest).filter((x): x is string => !!x);
    return latest.some((l) => Date.parse(l) > Date.parse(rowsCommittedAt) + 1000)
      ? true
      : undefined;
  });
  return { id, name, tenantSlug, rowsCommittedAt, api, close: async () => {} };
}

/**
 * Cleanup for a test's instance: DELETE /api/v1/instances/{id} (202, or 404 when already gone),
 * then waits until it is deleted (GET answers 404): its process and data directory are gone,
 * its backups stay until the tenant's retention ends. Throws when the API refuses (e.g. 409
 * while a restore of it still runs), so a leak shows instead of passing silently.
 */
export async function deleteInstance(api: RestorableInstance['api'], id: string): Promise<void> {
  const res = await api<{ id: string; status: string }>('DELETE', `/api/v1/instances/${id}`);
  if (res.status === 404) return;
  if (res.status !== 202)
    throw new Error(`delete instance ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  await until(`instance ${id} to be deleted`, 120_000, async () => {
    const d = await api<{ status: string }>('GET', `/api/v1/instances/${id}`);
    if (d.status === 200 && d.body.status === 'failed')
      throw new Error(`deleting instance ${id} failed`);
    return d.status === 404 ? true : undefined;
  });
}
