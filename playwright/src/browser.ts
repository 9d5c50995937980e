import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium: playwright-core never downloads a browser on these machines. */
export const CHROMIUM_PATH = process.env.REWIND_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  wide: { width: 1440, height: 900 },
  mobile: { width: 390, height: 844 },
} as const;

/** A fresh context (own cookies) against the app at WEB_URL. */
export async function newAppContext(
  browser: Browser,
  options: {
    viewport?: { width: number; height: number };
    /** the browser's IANA zone (e.g. a zone that is neither UTC nor the instance's) */
    timezoneId?: string;
  } = {},
): Promise<BrowserContext> {
  const baseURL = process.env.WEB_URL;
  if (!baseURL)
    throw new Error('WEB_URL is not set: the e2e setup loads it from the test stack env');
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? VIEWPORTS.desktop,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/** Saves a full-page screenshot to playwright/artifacts/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = `${ARTIFACTS_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
