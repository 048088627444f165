import type { Locator, Page } from 'playwright-core';

/** An entry of the status bar whose accessible name matches (extensions set it with `accessibilityInformation`). */
export function statusBarEntry(page: Page, name: string | RegExp): Locator {
  return page.locator('.part.statusbar').getByRole('button', { name });
}
