import { parseStackEnv } from '@rewind/core';
import { createPlatformDb, type PlatformDbHandle } from '@rewind/db';
import { DEMO_USERS } from '@rewind/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DrillItem,
  InstanceDetail,
  InstanceRecoverabilityDashboard,
} from '../../apps/web/src/lib/api-types';
import type {
  AdminDrill,
  FleetRecoverabilityDashboard,
} from '../../apps/web/src/server/admin/admin-types';
import { launchBrowser, screenshot, VIEWPORTS } from '../src/browser';
import { createE2eTenant, type E2eTenant } from '../src/e2e-tenant';
import { countBySeries, nextJson, plottedPoints } from '../src/plotted-points';
import { signInThroughForm } from '../src/sign-in';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const platformAdmin = DEMO_USERS.find((u) => u.tenant === null)!;
// neither UTC (the machine) nor the instance's zone: every time on the page is converted
const BROWSER_ZONE = 'Pacific/Auckland';
// the dashboards are looked at in another such zone, at the sizes the accessibility test uses
const DASHBOARD_ZONE = 'Asia/Kolkata';
const DASHBOARD_SIZES = { desktop: VIEWPORTS.wide, mobile: VIEWPORTS.mobile } as const;

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

  /** a browser context of its own at that size and zone, signed in as `who` */
  const signedIn = async (
    who: { email: string; password: string },
    viewport: { width: number; height: number },
    timezoneId: string,
  ) => {
    const context = await browser.newContext({ baseURL: base, viewport, timezoneId });
    const page = await context.newPage();
    await signInThroughForm(page, who);
    return { context, page };
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
      const { context, page } = await signedIn(tenant.people.owner!, viewport, BROWSER_ZONE);
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
    const { context, page } = await signedIn(platformAdmin, VIEWPORTS.desktop, BROWSER_ZONE);
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

  /**
   * The instance page's recoverability charts (issue 13 part 6), drawn from this instance's real
   * drills and the recovery point samples its catalog syncs wrote: every plotted bar and point
   * is counted against the answer the page drew from, and that answer against the database.
   */
  it('plots the drills, verified coverage and recovery point age on the instance page', async () => {
    for (const [label, viewport] of Object.entries(DASHBOARD_SIZES)) {
      const { context, page } = await signedIn(tenant.people.owner!, viewport, DASHBOARD_ZONE);
      await page.goto(`/instances/${instanceId}`);
      const card = page.getByTestId('instance-recoverability');
      await card.getByTestId('recoverability-charts').waitFor();
      const { body: d, at } = await nextJson<InstanceRecoverabilityDashboard>(
        page,
        `/api/v1/instances/${instanceId}/recoverability?range=1h`,
        () => card.getByRole('button', { name: '1 h' }).click(),
      );
      await card.locator('[data-testid="recoverability-charts"][data-range="1h"]').waitFor();

      // drills: one bar per drill, each as long as the drill took
      expect(d.drills.map((x) => x.status).sort()).toEqual(['succeeded', 'succeeded']);
      await expect
        .poll(() => plottedPoints(card, 'drills'))
        .toEqual(
          [...d.drills].reverse().map((x) => ({ series: 'took', value: x.durationSeconds })),
        );
      // coverage: a bar per region that a drill verified, at its verified share
      const coverage = d.coverage.map((c) => ({ series: 'verified', value: c.verifiedFraction }));
      expect(coverage).toHaveLength(2);
      expect(coverage.every((c) => (c.value ?? 0) > 0)).toBe(true);
      await expect.poll(() => plottedPoints(card, 'coverage')).toEqual(coverage);
      // recovery point age: a point per minute with a sample, per region
      const trend = d.recoveryPointAge.filter((p) => p.maxAgeSeconds !== null);
      expect(trend.length).toBeGreaterThan(0);
      await expect
        .poll(async () => countBySeries(await plottedPoints(card, 'rpo-trend')))
        .toEqual(countBySeries(trend.map((p) => ({ series: p.region }))));
      // …and the answer is the database's: the minutes in the range with a non-null sample
      const db = await platform.pool.query<{ region: string; n: number }>(
        `select region, count(distinct date_bin('60 seconds', sampled_at, $2::timestamptz))::int as n
           from recovery_point_samples
          where instance_id = $1 and sampled_at >= $2 and sampled_at <= $3 and age_seconds is not null
          group by 1 order by 1`,
        [instanceId, d.from, at],
      );
      expect(Object.fromEntries(db.rows.map((r) => [r.region, r.n]))).toEqual(
        countBySeries(trend.map((p) => ({ series: p.region }))),
      );
      // back to the top: a full-page shot draws the sticky header where the page was scrolled
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `dashboard-instance-${label}`);
      await context.close();
    }
  }, 180_000);

  it('plots the fleet on the admin Recoverability page, over 24 h and 7 d', async () => {
    for (const [label, viewport] of Object.entries(DASHBOARD_SIZES)) {
      const { context, page } = await signedIn(platformAdmin, viewport, DASHBOARD_ZONE);
      const { body: d, at } = await nextJson<FleetRecoverabilityDashboard>(
        page,
        '/api/v1/admin/recoverability?range=24h',
        () => page.goto('/admin/recoverability'),
      );
      const view = page.locator('[data-testid="fleet-recoverability"][data-range="24h"]');
      await view.waitFor();

      // drills per region: this instance's two drills are in it, one region each
      for (const region of [env.REGION_A_NAME, env.REGION_B_NAME])
        expect(d.drills.find((r) => r.region === region)?.passed).toBeGreaterThan(0);
      const drillBars = d.drills.flatMap((r) => [
        ...(r.passed > 0 ? [{ series: 'passed', value: r.passed }] : []),
        ...(r.failed > 0 ? [{ series: 'failed', value: r.failed }] : []),
      ]);
      await expect
        .poll(async () => sorted(await plottedPoints(view, 'drills')))
        .toEqual(sorted(drillBars));
      // …which is what the database holds for the range
      const db = await platform.pool.query<{ region: string; passed: number }>(
        `select region, count(*)::int as passed from restore_drills
          where status = 'succeeded' and region is not null and finished_at >= $1 and finished_at <= $2
          group by 1 order by 1`,
        [d.from, at],
      );
      expect(Object.fromEntries(db.rows.map((r) => [r.region, r.passed]))).toEqual(
        Object.fromEntries(d.drills.filter((r) => r.passed > 0).map((r) => [r.region, r.passed])),
      );
      // restores per bucket and verdict (the drills' restores are among them)
      const restoreBars = d.restores.buckets.flatMap((b) =>
        (['succeeded', 'failed', 'other'] as const)
          .filter((k) => b[k] > 0)
          .map((k) => ({ series: k, value: b[k] })),
      );
      expect(d.restores.succeeded).toBeGreaterThanOrEqual(2);
      await expect
        .poll(async () => sorted(await plottedPoints(view, 'restores')))
        .toEqual(sorted(restoreBars));
      // time to restore by phase: a p50 and a p95 bar per phase the drills went through
      expect(d.phases.map((p) => p.phase)).toEqual(
        expect.arrayContaining(['validating', 'restoring', 'verifying']),
      );
      await expect
        .poll(async () => countBySeries(await plottedPoints(view, 'phases')))
        .toEqual({
          p50: d.phases.filter((p) => p.p50Seconds > 0).length,
          p95: d.phases.filter((p) => p.p95Seconds > 0).length,
        });
      // recovery point age: a bar per age bin with samples
      await expect
        .poll(async () => (await plottedPoints(view, 'rpo')).length)
        .toBe(d.recoveryPointAge.bins.filter((b) => b.samples > 0).length);
      expect(d.recoveryPointAge.instances).toBeGreaterThan(0);
      await expect(view.getByTestId('stat-alerts').textContent()).resolves.toContain(
        String(d.alerts.open),
      );
      await screenshot(page, `dashboard-admin-${label}`);

      // the range switch asks for 7 days and draws them
      const week = await nextJson<FleetRecoverabilityDashboard>(
        page,
        '/api/v1/admin/recoverability?range=7d',
        () => page.getByRole('button', { name: '7 d' }).click(),
      );
      await page.locator('[data-testid="fleet-recoverability"][data-range="7d"]').waitFor();
      expect(week.body.restores.buckets).toHaveLength(28);
      expect(week.body.drills.reduce((a, r) => a + r.passed, 0)).toBeGreaterThanOrEqual(
        d.drills.reduce((a, r) => a + r.passed, 0),
      );
      await context.close();
    }
  }, 180_000);
});

const sorted = (points: { series: string; value: number | null }[]) =>
  [...points].sort((a, b) => a.series.localeCompare(b.series) || (a.value ?? 0) - (b.value ?? 0));
