import type { Locator, Page } from 'playwright-core';
import { expectHidden, expectVisible } from './expect';
import { sideBar } from './sideBar';
import { moveMouseAway } from './workbench';

/** A row of a tree view in the side bar whose label contains `label`. */
export function treeItem(page: Page, label: string): Locator {
  return sideBar(page).getByRole('treeitem').filter({ hasText: label }).first();
}

/** Expands a collapsed tree item (a no-op when it is already expanded). */
export async function expandTreeItem(page: Page, label: string): Promise<void> {
  const item = treeItem(page, label);
  await expectVisible(item, `the tree item "${label}"`);
  if ((await item.getAttribute('aria-expanded')) === 'false') {
    await item.click();
    // The pointer left on the row would open its hover, which covers the rows below it (its children).
    await moveMouseAway(page);
  }
}

/** Right-clicks a tree item and chooses `menuItem` from its context menu. */
export async function contextMenuOnTreeItem(page: Page, label: string, menuItem: string): Promise<void> {
  const item = treeItem(page, label);
  await expectVisible(item, `the tree item "${label}"`);
  await item.click({ button: 'right' });
  // The web workbench draws its context menus itself (inside a shadow root Playwright pierces).
  const entry = page.locator('.monaco-menu').getByRole('menuitem', { name: menuItem });
  await expectVisible(entry, `the context-menu item "${menuItem}"`);
  // A click right after the menu opened can be swallowed (the menu guards against the mouse-up of
  // the right-click that opened it); hovering focuses the item and Enter runs it.
  await entry.hover();
  await page.keyboard.press('Enter');
  await expectHidden(page.locator('.monaco-menu'), 'the context menu');
}

/** A row whose label is exactly `label` (treeItem() matches any row containing the text, e.g. `orders` in `demo_sales_orders`). */
export function treeItemNamed(page: Page, label: string): Locator {
  return sideBar(page)
    .getByRole('treeitem')
    .filter({ has: page.locator('.label-name').getByText(label, { exact: true }) })
    .first();
}
