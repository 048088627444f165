import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expectVisible, UI_TIMEOUT_MS } from './expect';

/**
 * The Add/Edit Connection form: a webview, i.e. an iframe (`iframe.webview`) holding the page in
 * its own inner iframe (`#active-frame`). Its fields are vscode-elements custom elements whose
 * inputs sit in open shadow roots, which Playwright's CSS locators pierce.
 */
export function connectionForm(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Waits for the form to show its fields (the script has run and the extension sent the values). */
export async function waitForConnectionForm(page: Page): Promise<FrameLocator> {
  const form = connectionForm(page);
  await expectVisible(form.locator('#host input'), 'the connection form');
  return form;
}

/** The real `<input>` inside a vscode-textfield. */
export function formInput(form: FrameLocator, id: string): Locator {
  return form.locator(`#${id} input`);
}

export async function fillFormField(form: FrameLocator, id: string, value: string): Promise<void> {
  await formInput(form, id).fill(value);
}

export async function chooseFormRadio(form: FrameLocator, name: string, value: string): Promise<void> {
  await form.locator(`vscode-radio[name="${name}"][value="${value}"]`).click();
}

/** The text under a field: the validators' message for it, empty when none. */
export function formProblem(form: FrameLocator, id: string): Locator {
  return form.locator(`#${id}-problem`);
}

/** The Test Connection result line (and notes). */
export function formResult(form: FrameLocator): Locator {
  return form.locator('#result');
}

/** Waits until an input shows `value` (the form fills its fields when the extension's values arrive). */
export async function expectValue(input: Locator, value: string, what: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await input.inputValue().catch(() => '');
    if (seen === value) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${what} to show "${value}" within ${timeout} ms; it shows "${seen}"`);
}
