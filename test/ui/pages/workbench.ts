import type { Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './expect';

/**
 * Waits until the workbench is laid out and the extension under development has contributed its
 * activity-bar entry (extensions are scanned after the first paint).
 */
export async function waitForWorkbench(page: Page, activityTitle: string): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.part.activitybar').getByRole('tab', { name: activityTitle }).waitFor({ timeout: 60_000 });
}

/** Closes whatever transient UI is open (quick input, menu, hover) so the next step starts clean. */
export async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }).catch(() => undefined);
}
