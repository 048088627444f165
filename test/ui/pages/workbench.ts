import type { Locator, Page } from 'playwright-core';
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
  await page
    .locator('.quick-input-widget')
    .waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS })
    .catch(() => undefined);
}

/** Resolves once the element's CSS transitions and animations (a toast sliding in) have finished, so a screenshot shows it settled. */
export async function settled(locator: Locator): Promise<void> {
  await locator.first().evaluate((element) => {
    // Runs in the page; the project compiles without the DOM library, hence the narrow type.
    const animated = element as unknown as { getAnimations(options: { subtree: boolean }): { finished: Promise<unknown> }[] };
    return Promise.all(animated.getAnimations({ subtree: true }).map((animation) => animation.finished)).then(() => undefined);
  });
}

/** Moves the mouse to an empty part of the editor area, so no hover or tooltip covers what a screenshot shows. */
export async function moveMouseAway(page: Page): Promise<void> {
  await page.mouse.move(1150, 120);
}
