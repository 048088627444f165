import type { Locator, Page } from 'playwright-core';
import { expectVisible } from './expect';
import { quickInput, quickPickItems } from './quickInput';

/** Opens the command palette (F1) filtered by `text` and returns the matching rows. */
export async function searchCommands(page: Page, text: string): Promise<Locator> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('.quick-input-box input');
  await expectVisible(input, 'the command palette');
  await input.fill(`>${text}`);
  return quickPickItems(page);
}

/** Runs a command by its full palette title, e.g. "StarRocks Backup: Add Connection…". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const rows = await searchCommands(page, title);
  const row = rows.filter({ hasText: title }).first();
  await expectVisible(row, `the command "${title}" in the palette`);
  await row.click();
}
