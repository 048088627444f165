import { chromium, type Browser } from 'playwright-core';
import { onCleanup } from './cleanup';

/** The system Chromium (Debian's `chromium` package); Playwright's own download needs the internet. */
export const chromiumPath = process.env.SR_CHROMIUM || '/usr/bin/chromium';

/**
 * Flags that keep a headless Chromium from reaching out to Google services (there is no internet)
 * and from needing a GPU or a sandbox (CI runs as root).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a fresh profile (Playwright creates and removes a temp user-data dir),
 * headless unless SR_HEADED=1; closed at cleanup.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: process.env.SR_HEADED !== '1',
    args: CHROMIUM_ARGS,
    // Playwright would otherwise exit the process on these signals itself, before cleanup() has
    // stopped code-server; cleanup() closes the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup(() => browser.close());
  return browser;
}
