import type { Page } from 'playwright-core';

/**
 * The workbench's automation hooks, which must exist before it loads: when it runs extension tests
 * it reports their outcome through `window.codeAutomationExit(code)` (and mirrors its log through
 * `window.codeAutomationLog`, which the page console already carries, so it is dropped here).
 * `exited` is wrapped in an object because an async function returning a bare promise would wait
 * for it.
 */
export async function exposeAutomation(page: Page): Promise<{ exited: Promise<number> }> {
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', () => undefined);
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  return { exited };
}
