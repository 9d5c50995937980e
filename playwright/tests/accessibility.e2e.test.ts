import AxeBuilder from '@axe-core/playwright';
import { parseStackEnv } from '@rewind/core';
import {
  createApiTokenRecord,
  createPlatformDb,
  inTenantTx,
  type PlatformDbHandle,
} from '@rewind/db';
import { DEMO_USERS, seedDemo } from '@rewind/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogOnlyInstance } from '../../apps/web/src/test/catalog-only-instance';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { tokenApi } from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

/**
 * Every portal and admin page, as owner, member and platform admin, at 1440 and 390 px, in a
 * browser zone that is neither UTC nor the machine's: axe-core finds no violation (WCAG 2.x
 * A/AA rules, colour contrast included). The pages have something to show: an instance with a
 * restore window (catalog only, nothing runs) and a replace restore waiting for approval.
 */
const env = parseStackEnv(process.env);
const person = (email: string) => DEMO_USERS.find((u) => u.email === email)!;
const owner = person('owner@acme.test');
const member = person('member@acme.test');
const admin = DEMO_USERS.find((u) => u.tenant === null)!;
const TIME_ZONE = 'Asia/Kolkata';
const SIZES = { desktop: { width: 1440, height: 900 }, mobile: VIEWPORTS.mobile } as const;

let platform: PlatformDbHandle;
let browser: Browser;
let instanceId: string;
let restoreId: string;
let api: ReturnType<typeof tokenApi>;
let tokenId: string | undefined;

beforeAll(async () => {
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 1,
    applicationName: 'rewind-e2e-a11y',
  });
  const demo = await seedDemo(platform.db);
  instanceId = await catalogOnlyInstance(
    { env, platform, demo, baseUrl: env.WEB_URL, ownerToken: never, close: never },
    'acme',
  );
  const acme = demo.tenants.find((t) => t.slug === 'acme')!;
  const ownerId = demo.users.find((u) => u.email === owner.email)!.id;
  const { token, id } = await inTenantTx(platform.db, { tenantId: acme.id }, (tx) =>
    createApiTokenRecord(tx, { tenantId: acme.id, userId: ownerId, name: 'e2e a11y' }),
  );
  api = tokenApi(token);
  tokenId = id;
  // a replace waits for a second person: it stays `awaiting_approval`, nothing is provisioned
  const requested = await api<{ id: string }>('POST', `/api/v1/instances/${instanceId}/restores`, {
    target: 'latest',
    mode: 'replace',
  });
  expect(requested.status).toBe(202);
  restoreId = requested.body.id;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  if (restoreId) await api('POST', `/api/v1/restores/${restoreId}/cancel`, {});
  if (tokenId) await api('DELETE', `/api/v1/tokens/${tokenId}`);
  if (instanceId)
    await platform.pool.query(`update instances set status = 'deleted' where id = $1`, [
      instanceId,
    ]);
  await browser?.close();
  await platform?.close();
});

function never(): never {
  throw new Error('not used here');
}

/**
 * The page once its data is on screen: a heading, and no loading spinner or skeleton left.
 * (Not "network idle": pages of running restores poll.)
 */
const LOADING = '.animate-spin, .animate-pulse.bg-zinc-200, [data-testid$="-loading"]';
async function settle(page: Page, path: string): Promise<string | null> {
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  try {
    await page.waitForFunction((sel) => !document.querySelector(sel), LOADING, {
      timeout: 15_000,
    });
    return null;
  } catch {
    // say what never finished loading; the page is still checked as it stands
    const stuck = await page.evaluate(
      (sel) => document.querySelector(sel)?.parentElement?.outerHTML.slice(0, 300),
      LOADING,
    );
    return `still loading after 15 s: ${stuck}`;
  }
}

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('')}`)
        .join('\n    ')}`,
  );
}

async function auditPages(
  who: { email: string; password: string } | null,
  paths: () => string[],
  label: string,
): Promise<void> {
  const failures: string[] = [];
  for (const [size, viewport] of Object.entries(SIZES)) {
    const context = await newAppContext(browser, { viewport, timezoneId: TIME_ZONE });
    const page = await context.newPage();
    if (who) await signInThroughForm(page, who);
    for (const path of paths()) {
      const stuck = await settle(page, path);
      const found = [...(stuck ? [stuck] : []), ...(await violations(page))];
      if (found.length > 0) {
        failures.push(`${label} ${size} ${path}:\n  ${found.join('\n  ')}`);
        // as it is found: a run cut short by its timeout still says what it saw
        console.log(failures.at(-1));
      }
      if (process.env.REWIND_E2E_SCREENSHOTS)
        await screenshot(page, `a11y-${label}-${size}${path.replace(/[/]/g, '_')}`);
    }
    await context.close();
  }
  expect(failures.join('\n')).toBe('');
}

describe('accessibility (axe-core)', () => {
  it('the sign-in page and the not-found page, signed out', async () => {
    await auditPages(null, () => ['/signin', '/no-such-page'], 'signed-out');
  });

  it('every portal page, as the owner', async () => {
    await auditPages(
      owner,
      () => [
        '/',
        `/instances/${instanceId}`,
        `/instances/${instanceId}/time-travel`,
        '/restores',
        `/restores/${restoreId}`,
        '/alerts',
        '/audit',
        '/settings',
      ],
      'owner',
    );
  });

  it('every portal page, as a member', async () => {
    await auditPages(
      member,
      () => [
        '/',
        `/instances/${instanceId}`,
        `/instances/${instanceId}/time-travel`,
        '/restores',
        `/restores/${restoreId}`,
        '/alerts',
        '/settings',
      ],
      'member',
    );
  });

  it('a platform admin lands on /admin, and every admin page', async () => {
    const context = await newAppContext(browser, {
      viewport: SIZES.mobile,
      timezoneId: TIME_ZONE,
    });
    const page = await context.newPage();
    await signInThroughForm(page, admin);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    await context.close();
    await auditPages(
      admin,
      () => [
        '/admin',
        '/admin/fleet',
        '/admin/recoverability',
        '/admin/tenants',
        '/admin/restores',
        '/admin/alerts',
        '/admin/audit',
      ],
      'admin',
    );
  });
});
