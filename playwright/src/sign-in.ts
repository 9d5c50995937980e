import type { Page } from 'playwright-core';

/** Signs in through the real form, as a person would, and waits for the portal. */
export async function signInThroughForm(
  page: Page,
  credentials: { email: string; password: string },
): Promise<void> {
  await page.goto('/signin');
  const form = page.getByTestId('signin-form');
  await form.getByLabel('Email').fill(credentials.email);
  await form.getByLabel('Password').fill(credentials.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/signin')),
    form.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}
