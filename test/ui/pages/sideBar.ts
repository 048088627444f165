import type { Locator, Page } from 'playwright-core';

/** The primary side bar, where a view container shows its views. */
export function sideBar(page: Page): Locator {
  return page.locator('.part.sidebar');
}

/** Clicks a view container's icon in the activity bar (by its title) and returns the side bar. */
export async function openViewContainer(page: Page, title: string): Promise<Locator> {
  const item = page.locator('.part.activitybar').getByRole('tab', { name: title });
  // A second click on the active container would close the side bar.
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  const bar = sideBar(page);
  await bar.waitFor({ state: 'visible' });
  return bar;
}

/** The welcome content (viewsWelcome) a view shows while it is empty. */
export function welcomeContent(page: Page): Locator {
  return sideBar(page).locator('.welcome-view-content');
}

/** A view's title-bar action (the icons next to the view's name), by its label. */
export function viewAction(page: Page, label: string): Locator {
  return sideBar(page).locator('.title-actions, .pane-header .actions').getByRole('button', { name: label });
}
