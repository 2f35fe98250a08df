/** Helpers for portal pages and PAM360's web console, driven like a technician would. */
import type { Locator, Page } from 'playwright-core';

/** Signs in on a login form with "Username"/"Password" labels. */
export async function signIn(page: Page, url: string, username: string, password: string, button: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button }).click()]);
}

/** The PAM Bridge toolbar (open shadow root: Playwright locators pierce it). */
export function toolbar(page: Page): Locator {
  return page.locator('pam-bridge-toolbar');
}

/** Presses "Validate for PAM" and returns the settled verdict panel text. */
export async function validate(page: Page): Promise<string> {
  await toolbar(page).getByRole('button', { name: 'Validate for PAM' }).click();
  const status = toolbar(page).getByTestId('pam-verdict').getByRole('status');
  await status.locator('.pb-headline').waitFor();
  return (await status.textContent()) ?? '';
}

/** The verdict line of one check, e.g. "✗failed: Ticket is open — Status is Closed". */
export function checkLine(page: Page, id: string): Locator {
  return toolbar(page).locator(`li[data-check="${id}"]`);
}
