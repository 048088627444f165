import type { Locator } from 'playwright-core';

/** How long the UI may take to show something before a check fails. */
export const UI_TIMEOUT_MS = 20_000;

/**
 * Waits for the locator to be visible and fails with `what` in the message otherwise (the
 * project uses playwright-core without @playwright/test, so there is no `expect`).
 */
export async function expectVisible(locator: Locator, what: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected to see ${what} within ${timeout} ms (${locator.toString()})`);
  }
}

/** Waits for the locator to disappear (or never appear). */
export async function expectHidden(locator: Locator, what: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new Error(`expected ${what} to go away within ${timeout} ms (${locator.toString()})`);
  }
}
