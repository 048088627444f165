import type { Locator, Page } from 'playwright-core';
import { expectHidden, expectVisible } from './expect';

/** The modal dialog (showWarningMessage with `modal: true` and the like). */
export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

/** Clicks a modal dialog's button by its label and waits for the dialog to close. */
export async function clickDialogButton(page: Page, label: string): Promise<void> {
  const dialog = modalDialog(page);
  await expectVisible(dialog, 'a modal dialog');
  await dialog.locator('.dialog-buttons').getByRole('button', { name: label, exact: true }).click();
  await expectHidden(dialog, 'the modal dialog');
}

/** The label of the button a modal dialog focused (the one Enter presses). */
export async function focusedDialogButton(page: Page): Promise<string> {
  const dialog = modalDialog(page);
  await expectVisible(dialog, 'a modal dialog');
  return ((await dialog.locator('.dialog-buttons').getByRole('button').and(page.locator(':focus')).textContent()) ?? '').trim();
}

/** A notification toast containing `text`. */
export function notification(page: Page, text: string): Locator {
  return page.locator('.notification-toast').filter({ hasText: text });
}
