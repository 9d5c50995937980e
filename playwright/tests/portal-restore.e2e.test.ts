import { formatInZone } from '@rewind/core';
import { DEMO_USERS } from '@rewind/db/seed';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import {
  connectTo,
  createRestorableInstance,
  deleteInstance,
  type Connection,
  type RestorableInstance,
} from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

function demoUser(email: string) {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email} in @rewind/db/seed`);
  return user;
}
// globex's plan archives WAL every 15 s: the window reaches fresh rows soonest
const globexOwner = demoUser('owner@globex.test');
const globexMember = demoUser('member@globex.test');
const acmeOwner = demoUser('owner@acme.test');

let browser: Browser;
let source: RestorableInstance;
/** the clone restore of the first test: another tenant must not open its page either */
let restoreId: string | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  source = await createRestorableInstance('globex');
}, 600_000);

afterAll(async () => {
  try {
    // the source goes (the tests delete their clones; any left expires with its restore's TTL)
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await browser?.close();
    await source?.close();
  }
}, 180_000);

async function openInstance(page: Page) {
  await page.goto(`/instances/${source.id}`);
  await page.getByTestId('instance-name').waitFor();
  await page.getByTestId('window-timeline').waitFor();
}

/** Clicks the timeline near the right end of region A's band: inside the window, after the rows. */
async function clickTimelineNearLatest(page: Page) {
  const band = page.getByTestId('timeline-region-region-a').locator('div').first();
  const box = (await band.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2);
  await page.getByTestId('timeline-hover').waitFor();
  await page.mouse.click(box.x + box.width * 0.97, box.y + box.height / 2);
}

// neither UTC (the instances' zone) nor this machine's
const ZONE = 'America/New_York';
/** `2026-11-22 09:05:07 America/New_York (UTC-05:00) · 14:05:07 UTC`, the UTC date too when it differs */
const NAMED_INSTANT =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} America\/New_York \(UTC-0[45]:00\) · (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}:\d{2} UTC$/;

/** `YYYY-MM-DD HH:MM:SS` of an instant in `zone` (what the page writes before the zone's name). */
function wallIn(ms: number, zone: string): string {
  return formatInZone(new Date(ms).toISOString(), zone).slice(0, 19).replace('T', ' ');
}

const cloneDetail = (id: string) =>
  source.api<{ expiresAt: string | null; status: string }>('GET', `/api/v1/instances/${id}`);

/** Delete now (confirmed) on a page showing the clone's actions, then until the clone is gone (404). */
async function deleteCloneNow(page: Page, scope: Page | Locator, cloneId: string): Promise<void> {
  await scope.getByTestId('clone-delete').click();
  await page.getByTestId('clone-delete-confirm-button').click();
  await expect
    .poll(async () => (await cloneDetail(cloneId)).status, { timeout: 120_000, interval: 2_000 })
    .toBe(404);
}

/** Keep as a permanent instance on a clone's page: its dialog says what it costs; cancelled. */
async function openKeepDialog(page: Page, shot: string): Promise<void> {
  const button = page.getByTestId('clone-card').getByTestId('clone-keep');
  await button.waitFor();
  await screenshot(page, `${shot}-button`);
  await button.click();
  const dialog = page.getByTestId('clone-keep-confirm');
  expect(await dialog.textContent()).toMatch(/counts against your plan's instance limit/);
  await screenshot(page, shot);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** `instance.password_revealed` events of one instance, from the tenant's audit trail */
async function reveals(instanceId: string): Promise<number> {
  const res = await source.api<{
    events: Array<{ action: string; target: { id: string } | null }>;
  }>('GET', '/api/v1/audit?limit=500');
  return res.body.events.filter(
    (e) => e.action === 'instance.password_revealed' && e.target?.id === instanceId,
  ).length;
}

describe('portal: point-in-time restore', () => {
  it('1440×900, browser in New York: picks a second, every instant names its zone, restores a clone, connects, extends it and deletes it', async () => {
    const context = await newAppContext(browser, { viewport: VIEWPORTS.wide, timezoneId: ZONE });
    const page = await context.newPage();
    await signInThroughForm(page, globexOwner);
    await openInstance(page);
    await screenshot(page, 'portal-instance-desktop');

    await expect(page.getByTestId('restore-button').isDisabled()).resolves.toBe(true);
    await clickTimelineNearLatest(page);
    const sent = (await page.getByTestId('pitr-utc').textContent()) ?? '';
    const picked = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/.exec(sent)?.[1];
    expect(picked, sent).toBeDefined();
    expect(Date.parse(picked!)).toBeGreaterThanOrEqual(Date.parse(source.rowsCommittedAt) - 999);
    // the 24-hour fields show that second in the browser's zone
    await expect(page.getByTestId('pitr-time').inputValue()).resolves.toBe(
      wallIn(Date.parse(picked!), ZONE).slice(11),
    );

    await page.getByTestId('preflight-ok').waitFor();
    await expect(page.getByTestId('preflight-target').textContent()).resolves.toContain(
      picked!.slice(0, 19),
    );
    expect(await page.getByTestId('preflight-instant').textContent()).toMatch(NAMED_INSTANT);
    await page.getByTestId('restore-button').click();
    await page.getByTestId('restore-confirm').waitFor();
    const confirmed = (await page.getByTestId('restore-confirm-utc').textContent()) ?? '';
    expect(confirmed).toMatch(NAMED_INSTANT);
    expect(confirmed).toContain(`${picked!.slice(11, 19)} UTC`);
    expect(confirmed).toContain(wallIn(Date.parse(picked!), ZONE));
    await screenshot(page, 'portal-restore-confirm');
    await Promise.all([
      page.waitForURL(/\/restores\/[0-9a-f-]{36}$/),
      page.getByTestId('restore-confirm-button').click(),
    ]);
    restoreId = new URL(page.url()).pathname.split('/').pop();

    await page.getByTestId('restore-progress').waitFor();
    expect(await page.getByTestId('restore-title-target').textContent()).toMatch(NAMED_INSTANT);
    expect(await page.getByTestId('restore-requested').textContent()).toMatch(NAMED_INSTANT);
    await screenshot(page, 'portal-restore-progress');
    await page
      .locator('[data-testid="restore-status"] [data-status="succeeded"]')
      .waitFor({ timeout: 280_000 });
    await page.getByTestId('restore-verified').waitFor();
    await page.getByTestId('integrity-report').waitFor();
    const result = page.getByTestId('restore-result');
    await result.getByTestId('connection-port').waitFor();
    expect(await page.getByTestId('restore-finished').textContent()).toMatch(NAMED_INSTANT);
    expect(await result.getByTestId('clone-expires').textContent()).toMatch(NAMED_INSTANT);
    expect(await result.getByTestId('clone-max').textContent()).toMatch(NAMED_INSTANT);
    const cloneId = (
      await source.api<{ result: { instanceId: string } }>('GET', `/api/v1/restores/${restoreId}`)
    ).body.result.instanceId;

    // opening and polling the pages fetched no password: nothing audited until Reveal
    expect(await reveals(cloneId)).toBe(0);
    await expect(result.getByTestId('connection-password').textContent()).resolves.toMatch(/^•+$/);
    await result.getByTestId('connection-reveal').click();
    await expect
      .poll(async () => result.getByTestId('connection-password').textContent())
      .not.toMatch(/^•+$/);
    expect(await reveals(cloneId)).toBe(1);
    const psql = (await result.getByTestId('connection-psql').textContent()) ?? '';
    expect(psql).toMatch(/^psql 'postgresql:\/\/[^:]+:[^@•]+@[^:]+:\d+\/[^']+'$/);
    await screenshot(page, 'portal-restore-done');

    const text = async (id: string) => ((await result.getByTestId(id).textContent()) ?? '').trim();
    const conn: Connection = {
      host: await text('connection-host'),
      port: Number(await text('connection-port')),
      database: await text('connection-database'),
      user: await text('connection-user'),
      password: await text('connection-password'),
    };
    const clone = await connectTo(conn);
    try {
      const rows = await clone.query<{ note: string }>('select note from orders order by id');
      expect(rows.rows.map((r) => r.note).slice(0, 5)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    } finally {
      await clone.end();
    }

    // Extend TTL by an hour, then Delete now: both through the clone's restore workflow
    const before = await cloneDetail(cloneId);
    await result.getByTestId('clone-extend-1hour').click();
    await expect
      .poll(async () => (await cloneDetail(cloneId)).body.expiresAt, { timeout: 30_000 })
      .toBe(new Date(Date.parse(before.body.expiresAt!) + 3600_000).toISOString());
    await expect
      .poll(async () => result.getByTestId('clone-expires').textContent(), { timeout: 30_000 })
      .toContain(wallIn(Date.parse(before.body.expiresAt!) + 3600_000, ZONE));
    await screenshot(page, 'portal-clone-extended');
    // on the clone's own page: Keep as a permanent instance asks first (cancelled: nothing changes)
    await page.goto(`/instances/${cloneId}`);
    await openKeepDialog(page, 'portal-clone-keep-desktop');
    await deleteCloneNow(page, page, cloneId);
    await context.close();
  });

  it('390×844, browser in New York: quick pick "latest", restore a clone, see it in the list with its expiry, delete it from its page', async () => {
    const context = await newAppContext(browser, { viewport: VIEWPORTS.mobile, timezoneId: ZONE });
    const page = await context.newPage();
    await signInThroughForm(page, globexOwner);
    await openInstance(page);
    await page.getByText('Latest, worked out when the restore starts').click();
    await page.getByTestId('preflight-ok').waitFor();
    await page.getByTestId('restore-button').click();
    const confirmed = (await page.getByTestId('restore-confirm-utc').textContent()) ?? '';
    expect(confirmed).toMatch(NAMED_INSTANT);
    await screenshot(page, 'portal-restore-confirm-mobile');
    await Promise.all([
      page.waitForURL(/\/restores\/[0-9a-f-]{36}$/),
      page.getByTestId('restore-confirm-button').click(),
    ]);
    await page.getByTestId('restore-progress').waitFor();
    expect(await page.getByTestId('restore-requested').textContent()).toMatch(NAMED_INSTANT);
    await page
      .locator('[data-testid="restore-status"] [data-status="succeeded"]')
      .waitFor({ timeout: 280_000 });
    expect(await page.getByTestId('restore-finished').textContent()).toMatch(NAMED_INSTANT);
    // `latest`, once replayed, is the second it reached, named in the chosen zone
    expect(await page.getByTestId('restore-resolved-target').textContent()).toMatch(NAMED_INSTANT);
    await screenshot(page, 'portal-restore-done-mobile');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByTestId('restore-result').getByRole('link', { name: 'Open instance' }).click();
    await page.getByTestId('clone-card').waitFor();
    const cloneId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByTestId('clone-card').getByTestId('clone-expires').textContent()).toMatch(
      NAMED_INSTANT,
    );
    await page.goto('/');
    const row = page
      .getByTestId('instances-list')
      .locator('tr', { has: page.locator(`a[href="/instances/${cloneId}"]`) });
    expect(await row.getByTestId('clone-badge').textContent()).toMatch(
      /clone · expires .*America\/New_York/,
    );
    await screenshot(page, 'portal-instances-mobile');
    await page.goto(`/instances/${cloneId}`);
    await openKeepDialog(page, 'portal-clone-keep-mobile');
    await deleteCloneNow(page, page, cloneId);
    await context.close();
  });

  it('refuses a naive or out-of-window time in the picker with the server reason', async () => {
    const context = await newAppContext(browser, { timezoneId: ZONE });
    const page = await context.newPage();
    await signInThroughForm(page, globexOwner);
    await openInstance(page);

    // a pasted RFC 3339 time fills the 24-hour fields in the browser's zone
    await page.getByTestId('pitr-paste').fill('2026-01-01T17:00:00Z');
    await page.getByTestId('pitr-paste-use').click();
    await expect(page.getByTestId('pitr-date').inputValue()).resolves.toBe('2026-01-01');
    await expect(page.getByTestId('pitr-time').inputValue()).resolves.toBe('12:00:00');
    await page.getByTestId('preflight-refused').waitFor();
    const nearest = page.getByTestId('preflight-use-nearest').first();
    await expect(nearest.textContent()).resolves.toMatch(/America\/New_York \(UTC-0[45]:00\)/);

    await page.getByTestId('pitr-paste').fill('2026-01-01 12:00:00');
    await page.getByTestId('pitr-paste-use').click();
    await page.getByTestId('preflight-refused').waitFor();
    await expect(page.getByTestId('preflight-reason').textContent()).resolves.toMatch(
      /no UTC offset/i,
    );
    await expect(page.getByTestId('restore-button').isDisabled()).resolves.toBe(true);

    await page.getByTestId('zone-utc').click();
    await page.getByTestId('pitr-date').fill('2020-01-01');
    await page.getByTestId('pitr-time').fill('00:00:00');
    await page.getByTestId('preflight-refused').waitFor();
    await expect(page.getByTestId('pitr-utc').textContent()).resolves.toContain(
      '2020-01-01T00:00:00Z',
    );
    await expect(page.getByTestId('preflight-reason').textContent()).resolves.toMatch(
      /before the restorable window/i,
    );
    await expect(page.getByTestId('restore-button').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'portal-preflight-refused');

    await page.setViewportSize(VIEWPORTS.mobile);
    await page.getByTestId('window-timeline').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-instance-mobile');
    await context.close();
  });

  it('a member sees the instance but no restore button; another tenant gets a 404 page', async () => {
    const member = await newAppContext(browser);
    const page = await member.newPage();
    await signInThroughForm(page, globexMember);
    await page.getByTestId('instances-list').getByText(source.name, { exact: true }).waitFor();
    await openInstance(page);
    await page.getByTestId('restore-not-allowed').waitFor();
    await expect(page.getByTestId('restore-button').count()).resolves.toBe(0);
    await member.close();

    const other = await newAppContext(browser);
    const otherPage = await other.newPage();
    await signInThroughForm(otherPage, acmeOwner);
    // the server answers a real 404, exactly as for an id that does not exist or is malformed
    const res = await otherPage.goto(`/instances/${source.id}`);
    expect(res?.status()).toBe(404);
    await otherPage.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expect(otherPage.content()).resolves.not.toContain(source.name);
    await screenshot(otherPage, 'portal-other-tenant-not-found');
    if (restoreId) expect((await otherPage.goto(`/restores/${restoreId}`))?.status()).toBe(404);
    for (const path of [
      '/instances/00000000-0000-4000-8000-000000000000',
      '/instances/not-a-uuid',
      '/restores/not-a-uuid',
    ]) {
      expect((await otherPage.goto(path))?.status(), path).toBe(404);
    }
    await other.close();
  });
});
