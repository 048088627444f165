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

/**
 * Waits until the quick input shows the step whose prompt (input box) or placeholder (quick pick)
 * contains `text`. Multi-step flows reuse one widget, so answering before the next step is on
 * screen would type into the previous one.
 */
export async function waitForStep(page: Page, text: string): Promise<void> {
  const widget = quickInput(page);
  const prompt = widget.locator('.quick-input-message').filter({ hasText: text });
  const placeholder = widget.locator(`.quick-input-box input[placeholder*=${JSON.stringify(text)}]`);
  await expectVisible(prompt.or(placeholder), `the quick-input step "${text}"`);
}

/** Answers the input-box step whose prompt contains `prompt` with `value` (Enter). */
export async function answerStep(page: Page, prompt: string, value: string): Promise<void> {
  await waitForStep(page, prompt);
  await answerInputBox(page, value);
}

/** A row of the open quick pick whose accessible name (label, then description/detail) matches. */
export function quickPickOption(page: Page, label: string | RegExp): Locator {
  return quickInput(page).getByRole('option', { name: label });
}

/** Chooses `label` in the pick step whose placeholder contains `placeholder` (clicks the row, no filtering). */
export async function chooseStep(page: Page, placeholder: string, label: string | RegExp): Promise<void> {
  await waitForStep(page, placeholder);
  const option = quickPickOption(page, label).first();
  await expectVisible(option, `the option ${String(label)} in the step "${placeholder}"`);
  await option.click();
}
