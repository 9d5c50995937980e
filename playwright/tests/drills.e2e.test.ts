import { parseStackEnv } from '@rewind/core';
import { createPlatformDb, type PlatformDbHandle } from '@rewind/db';
import { DEMO_USERS } from '@rewind/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillItem, InstanceDetail } from '../../apps/web/src/lib/api-types';
import type { AdminDrill } from '../../apps/web/src/server/admin/admin-types';
import { launchBrowser, screenshot, VIEWPORTS } from '../src/browser';
import { createE2eTenant, type E2eTenant } from '../src/e2e-tenant';
import { signInThroughForm } from '../src/sign-in';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const platformAdmin = DEMO_USERS.find((u) => u.tenant === null)!;
// neither UTC (the machine) nor the instance's zone: every time on the page is converted
const BROWSER_ZONE = 'Pacific/Auckland';

/**
 * A new instance is proven at once (issue 13): its first full backup is followed by one drill
 * per region, pinned there; both results are in the API and the admin console, and the portal's
 * timeline draws what they verified as a second band.
 */
describe('a new instance is drilled in both regions; verified coverage on the timeline', () => {
  let browser: Browser;
  let platform: PlatformDbHandle;
  let tenant: E2eTenant;
  let instanceId: string;
  let base: string;
  const env = parseStackEnv(process.env);
  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${tenant.people.owner!.token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    base = env.WEB_URL;
    browser = await launchBrowser();
    platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 2 });
    tenant = await createE2eTenant(platform.db, { label: 'drills', people: { owner: 'owner' } });
  });

  afterAll(async () => {
    if (instanceId) await api(`/api/v1/instances/${instanceId}`, { method: 'DELETE' });
    await browser?.close();
    await platform?.close();
  });

  it(
    'drills region A and region B after the first full backup; coverage includes both',
    async () => {
      const started = Date.now();
      const created = await api<{ id: string }>('/api/v1/instances', {
        method: 'POST',
        body: { name: 'drilled' },
      });
      expect(created.status).toBe(201);
      instanceId = created.body.id;
      let drills: DrillItem[] = [];
      for (;;) {
        drills = (await api<{ drills: DrillItem[] }>(`/api/v1/instances/${instanceId}/drills`)).body
          .drills;
        if (drills.length === 2 && drills.every((d) => d.status !== 'running')) break;
        if (Date.now() - started > 20 * 60_000)
          throw new Error(`drills not done in 20 min: ${JSON.stringify(drills)}`);
        await sleep(3000);
      }
      console.log(`[drills e2e] both drills done after ${(Date.now() - started) / 1000} s`);
      const byRegion = Object.fromEntries(drills.map((d) => [d.region, d]));
      const detail = (await api<InstanceDetail>(`/api/v1/instances/${instanceId}`)).body;
      for (const region of [env.REGION_A_NAME, env.REGION_B_NAME]) {
        const d = byRegion[region]!;
        expect(d).toMatchObject({
          trigger: 'new_instance',
          status: 'succeeded',
          targetKind: 'random',
          error: null,
        });
        expect(d.backupLabel).toMatch(/F$/);
        expect(d.bytesRestored).toBeGreaterThan(0);
        expect(d.phases.length).toBeGreaterThan(3);
        expect(d.checks?.every((c: { ok: boolean }) => c.ok)).toBe(true);
        const w = detail.window.regions.find((r) => r.region === region)!;
        const target = (d.target as { time: string }).time;
        expect(w.verified).toContainEqual({ from: w.earliest, to: target });
        expect(w.verifiedFraction).toBeGreaterThan(0);
      }
      // a drill's restore is not the tenant's: the restore history stays empty
      const history = await api<unknown[]>(`/api/v1/restores?instanceId=${instanceId}`);
      expect(history.body).toEqual([]);
    },
    25 * 60_000,
  );

  it('draws the verified band on the portal timeline (desktop and 390 px, Auckland time)', async () => {
    for (const [label, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({
        baseURL: base,
        viewport,
        timezoneId: BROWSER_ZONE,
      });
      const page = await context.newPage();
      await signInThroughForm(page, tenant.people.owner!);
      await page.goto(`/instances/${instanceId}`);
      const timeline = page.getByTestId('window-timeline');
      await timeline.waitFor();
      for (const region of [env.REGION_A_NAME, env.REGION_B_NAME]) {
        const row = page.getByTestId(`timeline-region-${region}`);
        await expect(row.getByTestId('timeline-verified').count()).resolves.toBeGreaterThan(0);
        expect(
          await page.getByTestId(`timeline-verified-fraction-${region}`).textContent(),
        ).toMatch(/^\d+% verified$/);
      }
      await expect(page.getByText('verified by a drill').count()).resolves.toBe(1);
      await expect(page.getByText('archived only').count()).resolves.toBe(1);
      await screenshot(page, `drills-timeline-${label}`);
      await context.close();
    }
  }, 180_000);

  it('lists both drills in the admin console with region, target and backup', async () => {
    const context = await browser.newContext({
      baseURL: base,
      viewport: VIEWPORTS.desktop,
      timezoneId: BROWSER_ZONE,
    });
    const page = await context.newPage();
    await signInThroughForm(page, platformAdmin);
    const res = await page.request.get(`/api/v1/admin/drills?tenant=${tenant.id}`);
    const admin = ((await res.json()) as { drills: AdminDrill[] }).drills;
    expect(admin.map((d) => d.region).sort()).toEqual([env.REGION_A_NAME, env.REGION_B_NAME]);
    await page.goto('/admin/restores');
    const table = page.getByTestId('admin-drills');
    await table.waitFor();
    for (const d of admin) {
      const row = table.locator('tr', { hasText: d.backupLabel! });
      await expect(row.count()).resolves.toBeGreaterThan(0);
    }
    await expect(table.getByText(env.REGION_B_NAME).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'drills-admin-desktop');
    await context.close();
  }, 120_000);
});
