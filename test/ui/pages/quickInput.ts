import type { Locator, Page } from 'playwright-core';
import { expectVisible } from './expect';

/** The quick input widget: the command palette, quick picks and input boxes all use it. */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The rows a quick pick currently shows. */
export function quickPickItems(page: Page): Locator {
  return quickInput(page).locator('.quick-input-list .monaco-list-row');
}

/** Picks the quick-pick item whose label contains `label` (typing it first narrows long lists). */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const widget = quickInput(page);
  await expectVisible(widget, 'a quick pick');
  await widget.locator('.quick-input-box input').fill(label);
  const item = quickPickItems(page).filter({ hasText: label }).first();
  await expectVisible(item, `the quick-pick item "${label}"`);
  await item.click();
}

/** Types into an input box (replacing its value) and accepts it with Enter. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  const input = quickInput(page).locator('.quick-input-box input');
  await expectVisible(input, 'an input box');
  await input.fill(text);
  await input.press('Enter');
}

/** The validation message an input box shows under the field, if any. */
export function inputBoxMessage(page: Page): Locator {
  return quickInput(page).locator('.quick-input-message');
}
