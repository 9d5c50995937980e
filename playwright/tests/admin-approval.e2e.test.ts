import { randomBytes } from 'node:crypto';
import { hashPassword, parseStackEnv } from '@rewind/core';
import { createApiTokenRecord, createPlatformDb, inTenantTx, memberships, tenants, users, type PlatformDbHandle } from '@rewind/db';
import { DEMO_USERS } from '@rewind/db/seed';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { signInThroughForm } from '../src/sign-in';

/**
 * Flow 2: an owner asks for a restore that needs a second person, cannot approve it
 * themselves, and a platform admin approves it in /admin from another browser; the restore
 * then runs. The restore is a clone in a tenant whose policy asks approval for every restore
 * (replace mode waits the same way; clone keeps this test off the cutover path).
 */
const env = parseStackEnv(process.env);
const baseUrl = env.WEB_URL.replace(/\/$/, '');
const admin = DEMO_USERS.find((u) => u.tenant === null)!;
let platform: PlatformDbHandle;
let browser: Browser;
let token: string;
let tenantName: string;
const cleanup: string[] = [];

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

interface InstanceDetail {
  id: string;
  status: string;
  connection: { host: string; port: number; database: string; user: string; password: string };
  window: { regions: { region: string; latest: string | null }[] };
}

beforeAll(async () => {
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 2, applicationName: 'rewind-e2e-admin' });
  const suffix = randomBytes(4).toString('hex');
  tenantName = `E2E approvals ${suffix}`;
  const [tenant] = await platform.db
    .insert(tenants)
    .values({ slug: `e2e-approve-${suffix}`, name: tenantName, planId: 'pro', retentionDays: 7, approvalPolicy: 'all_restores' })
    .returning();
  const [owner] = await platform.db
    .insert(users)
    .values({ email: `owner-${suffix}@e2e.test`, name: `Owner ${suffix}`, passwordHash: await hashPassword(`pw-${suffix}`) })
    .returning();
  await platform.db.insert(memberships).values({ tenantId: tenant!.id, userId: owner!.id, role: 'owner' });
  token = (
    await inTenantTx(platform.db, { tenantId: tenant!.id }, (tx) =>
      createApiTokenRecord(tx, { tenantId: tenant!.id, userId: owner!.id, name: 'e2e admin approval' }),
    )
  ).token;
  browser = await launchBrowser();
});

afterAll(async () => {
  // DELETE /api/v1/instances/{id} is declared in the API but not built yet (405): this stays
  // best effort and says so, rather than failing the flow it does not test
  for (const id of cleanup) {
    const res = await api('DELETE', `/api/v1/instances/${id}`).catch((err: unknown) => ({ status: String(err) }));
    if (res.status !== 202 && res.status !== 200 && res.status !== 204) console.warn(`cleanup: DELETE instance ${id} answered ${res.status}`);
  }
  await browser?.close();
  await platform?.close();
});

describe('admin approval (flow 2)', () => {
  it('owner requests, cannot approve; a platform admin approves in /admin; the restore runs', async () => {
    const created = await api<{ id: string }>('POST', '/api/v1/instances', { name: 'orders' });
    expect(created.status).toBe(201);
    const instanceId = created.body.id;
    cleanup.push(instanceId);
    const running = await until('the instance to run', 420_000, async () => {
      const d = await api<InstanceDetail>('GET', `/api/v1/instances/${instanceId}`);
      if (d.body.status === 'failed') throw new Error('instance creation failed');
      return d.body.status === 'running' && d.body;
    });

    // the window opens once a commit lands after the first backup: keep committing until it does
    const client = new pg.Client({ ...running.connection, ssl: false });
    await client.connect();
    await client.query('create table if not exists orders (id serial primary key, note text)');
    let latest: string;
    try {
      latest = await until('a restorable window', 240_000, async () => {
        await client.query('insert into orders (note) values ($1)', [new Date().toISOString()]);
        const d = await api<InstanceDetail>('GET', `/api/v1/instances/${instanceId}`);
        return d.body.window.regions.find((r) => r.latest !== null)?.latest;
      });
    } finally {
      await client.end();
    }

    const requested = await api<{ id: string; status: string }>('POST', `/api/v1/instances/${instanceId}/restores`, { target: { time: latest }, mode: 'clone' });
    expect(requested.status).toBe(202);
    const restoreId = requested.body.id;
    await until('the restore to wait for approval', 60_000, async () => {
      const r = await api<{ status: string }>('GET', `/api/v1/restores/${restoreId}`);
      return r.body.status === 'pending_approval';
    });

    // the requester is refused, with the reason
    const own = await api<{ error: { code: string; message: string } }>('POST', `/api/v1/restores/${restoreId}/approve`, { reason: 'mine' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/you requested this restore/i);

    // a platform admin, in another browser context, approves it from the queue
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, admin);
    await page.goto('/admin');
    const row = page.locator(`[data-restore-id="${restoreId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(tenantName);
    await expect(row.textContent()).resolves.toContain('clone');
    await screenshot(page, 'admin-approvals-desktop');

    await page.setViewportSize(VIEWPORTS.mobile);
    await row.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-approvals-mobile');
    await page.setViewportSize(VIEWPORTS.desktop);

    await row.getByRole('button', { name: /^Approve restore of/ }).click();
    await row.getByLabel('Reason for approval').fill('e2e: target checked with the requester');
    await row.getByRole('button', { name: 'Approve restore', exact: true }).click();
    await page.getByTestId('decision-notice').waitFor();
    await expect(page.getByTestId('decision-notice').textContent()).resolves.toMatch(/Approved the clone restore/);
    await row.waitFor({ state: 'detached' });
    await screenshot(page, 'admin-approvals-approved');

    const done = await until('the restore to finish', 300_000, async () => {
      const r = await api<{ status: string; result?: { instanceId?: string } | null }>('GET', `/api/v1/restores/${restoreId}`);
      return ['succeeded', 'failed', 'cancelled', 'rejected', 'expired'].includes(r.body.status) && r.body;
    });
    if (done.result?.instanceId) cleanup.push(done.result.instanceId);
    expect(done.status).toBe('succeeded');

    // the restore list in /admin shows it through
    await page.goto('/admin/restores');
    await page.locator(`[data-testid="admin-restore-row"][data-restore-id="${restoreId}"]`).waitFor();
    await screenshot(page, 'admin-restores-desktop');
    await context.close();
  });

  it('fleet, tenants and audit pages render at 1280 and 390 px without overflow', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, admin);
    for (const [path, testid, name] of [
      ['/admin/fleet', 'fleet-table', 'fleet'],
      ['/admin/tenants', 'admin-tenant-plans', 'tenants'],
      ['/admin/audit', 'audit-results', 'audit'],
    ] as const) {
      for (const [label, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        await page.goto(path);
        await page.getByTestId(testid).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        await screenshot(page, `admin-${name}-${label}`);
      }
    }
    await context.close();
  });
});
