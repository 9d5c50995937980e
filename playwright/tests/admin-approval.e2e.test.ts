import AxeBuilder from '@axe-core/playwright';
import { parseStackEnv } from '@rewind/core';
import { createPlatformDb, type PlatformDbHandle } from '@rewind/db';
import { DEMO_USERS } from '@rewind/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { createE2eTenant, type E2eTenant } from '../src/e2e-tenant';
import {
  connectTo,
  createRestorableInstanceWithToken,
  deleteInstance,
  tokenApi,
  until,
  type Connection,
  type RestorableInstance,
} from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

/**
 * Flow 2: an owner asks in the portal to REPLACE an instance's data with an earlier second. A
 * replace needs a second person: the requester gets no approve action (and the API refuses
 * them), a second owner of the same tenant approves in the portal from another browser, the
 * replace runs up to its verified copy, whose diff against the source is shown before the
 * cutover is confirmed, and the instance serves the rows as they were at the target and takes
 * writes.
 * The tenant and its people are the test's own, so nothing here meets another test's data.
 */
const env = parseStackEnv(process.env);
const admin = DEMO_USERS.find((u) => u.tenant === null)!;
let platform: PlatformDbHandle;
let browser: Browser;
let tenant: E2eTenant;
let source: RestorableInstance;

interface ApiError {
  error: { code: string; message: string };
}

interface RestoreBody {
  id: string;
  status: string;
  phase: string;
  mode: string;
  requestedBy: { id: string; email: string | null } | null;
}

beforeAll(async () => {
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 2,
    applicationName: 'rewind-e2e-approval',
  });
  tenant = await createE2eTenant(platform.db, {
    label: 'replace',
    people: { requester: 'owner', approver: 'owner' },
  });
  browser = await launchBrowser();
  source = await createRestorableInstanceWithToken(tenant.people.requester!.token, tenant.slug);
}, 600_000);

afterAll(async () => {
  try {
    // the replaced instance goes: process and data directory now, backups when retention ends
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await browser?.close();
    await platform?.close();
  }
}, 180_000);

const noHorizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The second the replace goes back to: after r1..r5, before the 'tail' row committed 2 s later. */
function targetSecond(): string {
  return new Date(Math.ceil(Date.parse(source.rowsCommittedAt) / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

describe('approval of a replace (flow 2)', () => {
  it('an owner requests a replace in the portal, cannot approve it; a second owner approves in the portal; the instance has its rows back and takes writes', async () => {
    const requester = tenant.people.requester!;
    const approver = tenant.people.approver!;
    const target = targetSecond();
    const detail = await source.api<Connection>('POST', `/api/v1/instances/${source.id}/password`);
    expect(detail.status).toBe(200);

    // the mistake a replace is for: every order gone
    const before = await connectTo(detail.body);
    try {
      await before.query('delete from orders');
    } finally {
      await before.end();
    }

    // the requester: instance page → replace at the target second → confirm
    const reqContext = await newAppContext(browser);
    const reqPage = await reqContext.newPage();
    await signInThroughForm(reqPage, requester);
    await reqPage.goto(`/instances/${source.id}`);
    await reqPage.getByTestId('window-timeline').waitFor();
    await reqPage.getByTestId('mode-replace').check();
    await reqPage.getByTestId('pitr-paste').fill(target);
    await reqPage.getByTestId('pitr-paste-use').click();
    await reqPage.getByTestId('preflight-ok').waitFor();
    await expect(reqPage.getByTestId('preflight-target').textContent()).resolves.toContain(
      target.slice(0, 19),
    );
    await expect(reqPage.getByTestId('restore-button').textContent()).resolves.toMatch(
      /Request replace/,
    );
    await reqPage.getByTestId('restore-button').click();
    await reqPage.getByTestId('restore-confirm').waitFor();
    await expect(reqPage.getByTestId('restore-confirm').textContent()).resolves.toMatch(
      /another owner or admin to approve/i,
    );
    await Promise.all([
      reqPage.waitForURL(/\/restores\/[0-9a-f-]{36}$/),
      reqPage.getByTestId('restore-confirm-button').click(),
    ]);
    const restoreId = new URL(reqPage.url()).pathname.split('/').pop()!;

    // the requester sees that someone else must approve, and has no approve action
    await reqPage.getByTestId('approval-card').waitFor();
    await reqPage.getByTestId('approval-own-request').waitFor();
    await expect(reqPage.getByTestId('approval-requester').textContent()).resolves.toBe('you');
    await expect(reqPage.getByTestId('approve-button').count()).resolves.toBe(0);
    await expect(reqPage.getByRole('button', { name: /approve/i }).count()).resolves.toBe(0);
    await screenshot(reqPage, 'portal-replace-waiting-requester');
    await reqPage.setViewportSize(VIEWPORTS.mobile);
    await reqPage.getByTestId('approval-card').waitFor();
    expect(await noHorizontalOverflow(reqPage)).toBeLessThanOrEqual(0);
    await screenshot(reqPage, 'portal-replace-waiting-requester-mobile');
    await reqPage.setViewportSize(VIEWPORTS.desktop);

    const waiting = await source.api<RestoreBody>('GET', `/api/v1/restores/${restoreId}`);
    expect(waiting.body).toMatchObject({
      status: 'pending_approval',
      mode: 'replace',
      requestedBy: { id: requester.id, email: requester.email },
    });

    // any other way in is refused too: their browser session (sent as the portal sends it, with
    // its Origin; without one the CSRF check refuses first) and their API token
    const bySession = await reqPage.request.post(`/api/v1/restores/${restoreId}/approve`, {
      data: { reason: 'my own' },
      headers: { origin: new URL(env.WEB_URL).origin },
    });
    expect(bySession.status()).toBe(403);
    expect(((await bySession.json()) as ApiError).error.message).toMatch(
      /you requested this restore/i,
    );
    const byToken = await tokenApi(requester.token)<ApiError>(
      'POST',
      `/api/v1/restores/${restoreId}/approve`,
      { reason: 'my own' },
    );
    expect(byToken.status).toBe(403);
    expect(byToken.body.error.message).toMatch(/you requested this restore/i);

    // a second owner, in another browser, finds it waiting on the restores page and approves
    const apprContext = await newAppContext(browser);
    const apprPage = await apprContext.newPage();
    await signInThroughForm(apprPage, approver);
    await apprPage.goto('/restores');
    const row = apprPage.locator(
      `[data-testid="pending-approval"][data-restore-id="${restoreId}"]`,
    );
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(requester.email);
    await expect(row.textContent()).resolves.toContain('replace');
    await screenshot(apprPage, 'portal-approvals-desktop');
    await apprPage.setViewportSize(VIEWPORTS.mobile);
    await row.waitFor();
    expect(await noHorizontalOverflow(apprPage)).toBeLessThanOrEqual(0);
    await screenshot(apprPage, 'portal-approvals-mobile');
    await apprPage.setViewportSize(VIEWPORTS.desktop);

    // the instance page shows the same queue
    await apprPage.goto(`/instances/${source.id}`);
    await apprPage
      .locator(`[data-testid="pending-approval"][data-restore-id="${restoreId}"]`)
      .waitFor();
    await apprPage.goto('/restores');

    await row.getByTestId('approve-button').click();
    const form = row.getByTestId('decision-form');
    await expect(
      form.getByRole('button', { name: 'Approve restore', exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await form
      .getByLabel('Reason for approval')
      .fill('e2e: the delete was a mistake, target checked');
    await form.getByRole('button', { name: 'Approve restore', exact: true }).click();
    // the row leaves the queue once the workflow has the decision; the notice stays
    await apprPage.getByTestId('approval-notice').waitFor();
    await expect(apprPage.getByTestId('approval-notice').textContent()).resolves.toMatch(
      /^Approved replace of/,
    );
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot(apprPage, 'portal-approvals-approved');

    // the approver follows it on its progress page: the verified copy waits, and its diff
    // against the source is on screen before the cutover can be confirmed
    await apprPage.goto(`/restores/${restoreId}`);
    await apprPage.getByTestId('restore-progress').waitFor();
    await apprPage.getByTestId('cutover-confirm').waitFor({ timeout: 280_000 });
    const waitingCutover = await source.api<RestoreBody>('GET', `/api/v1/restores/${restoreId}`);
    expect(waitingCutover.body).toMatchObject({ status: 'running', phase: 'awaiting_cutover' });
    const ordersDiff = (page: Page) =>
      page
        .getByTestId('clone-diff-table')
        .locator('tr', { hasText: 'public.orders' })
        .locator('td')
        .evaluateAll((tds) => tds.slice(1).map((td) => td.textContent));
    await apprPage.getByTestId('clone-diff-table').waitFor({ timeout: 120_000 });
    // copy 5 · source 0 · only in the copy 5 · only in the source 0 · changed 0
    expect(await ordersDiff(apprPage)).toEqual(['5', '0', '5', '0', '0']);
    await expect(apprPage.getByTestId('cutover-confirm-button').isEnabled()).resolves.toBe(true);
    await screenshot(apprPage, 'portal-replace-diff-before-cutover-desktop');
    // the same at 390 px, in a zone that is neither UTC nor this machine's
    const phone = await newAppContext(browser, {
      viewport: VIEWPORTS.mobile,
      timezoneId: 'Asia/Kolkata',
    });
    const small = await phone.newPage();
    await signInThroughForm(small, approver);
    await small.goto(`/restores/${restoreId}`);
    await small.getByTestId('clone-diff-table').waitFor({ timeout: 120_000 });
    expect(await ordersDiff(small)).toEqual(['5', '0', '5', '0', '0']);
    expect(await noHorizontalOverflow(small)).toBeLessThanOrEqual(0);
    await screenshot(small, 'portal-replace-diff-before-cutover-mobile');
    const axe = await new AxeBuilder({ page: small })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await phone.close();
    await apprPage.getByTestId('cutover-confirm-button').click();

    await apprPage
      .locator('[data-testid="restore-status"] [data-status="succeeded"]')
      .waitFor({ timeout: 280_000 });
    await apprPage.getByTestId('restore-verified').waitFor();
    await apprPage.getByTestId('undo-card').waitFor();
    await apprPage.getByTestId('replace-result').waitFor();
    await expect(apprPage.getByTestId('approval-card').count()).resolves.toBe(0);
    await screenshot(apprPage, 'portal-replace-done');
    const done = await source.api<RestoreBody>('GET', `/api/v1/restores/${restoreId}`);
    expect(done.body).toMatchObject({ status: 'succeeded', phase: 'done', mode: 'replace' });

    // the requester's page followed it there too
    await reqPage
      .locator('[data-testid="restore-status"] [data-status="succeeded"]')
      .waitFor({ timeout: 60_000 });

    // the source instance, as a customer connects to it: the rows as of the target, and writable
    const after = await source.api<{ status: string }>('GET', `/api/v1/instances/${source.id}`);
    expect(after.body.status).toBe('running');
    const secret = await source.api<Connection>('POST', `/api/v1/instances/${source.id}/password`);
    const db = await connectTo(secret.body);
    try {
      const rows = await db.query<{ note: string }>('select note from orders order by id');
      expect(rows.rows.map((r) => r.note)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
      await db.query("insert into orders(note) values ('after-replace')");
      const back = await db.query<{ n: string }>(
        "select count(*)::text as n from orders where note = 'after-replace'",
      );
      expect(back.rows[0]!.n).toBe('1');
      const recovery = await db.query<{ r: boolean }>('select pg_is_in_recovery() as r');
      expect(recovery.rows[0]!.r).toBe(false);
    } finally {
      await db.end();
    }
    await reqContext.close();
    await apprContext.close();
  });

  it('a platform admin can decide in /admin too (here: rejects a replace with a reason)', async () => {
    const requester = tokenApi(tenant.people.requester!.token);
    const requested = await requester<{ id: string }>(
      'POST',
      `/api/v1/instances/${source.id}/restores`,
      {
        target: { time: targetSecond() },
        mode: 'replace',
      },
    );
    expect(requested.status, JSON.stringify(requested.body)).toBe(202);
    const restoreId = requested.body.id;

    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, admin);
    await page.goto('/admin');
    const row = page.locator(`[data-restore-id="${restoreId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(tenant.name);
    await expect(row.textContent()).resolves.toContain('replace');
    await screenshot(page, 'admin-approvals-desktop');
    await page.setViewportSize(VIEWPORTS.mobile);
    await row.waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-approvals-mobile');
    await page.setViewportSize(VIEWPORTS.desktop);

    await row.getByRole('button', { name: /^Reject restore of/ }).click();
    await row.getByLabel('Reason for rejection').fill('e2e: already replaced, nothing to do');
    await row.getByRole('button', { name: 'Reject restore', exact: true }).click();
    await page.getByTestId('decision-notice').waitFor();
    await expect(page.getByTestId('decision-notice').textContent()).resolves.toMatch(
      /Rejected the replace restore/,
    );
    await row.waitFor({ state: 'detached' });

    const rejected = await until('the restore to be rejected', 60_000, async () => {
      const r = await requester<RestoreBody>('GET', `/api/v1/restores/${restoreId}`);
      return r.body.status === 'rejected' ? r.body : undefined;
    });
    expect(rejected.status).toBe('rejected');
    await page.goto('/admin/restores');
    await page
      .locator(`[data-testid="admin-restore-row"][data-restore-id="${restoreId}"]`)
      .waitFor();
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
        expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `admin-${name}-${label}`);
      }
    }
    await context.close();
  });
});
