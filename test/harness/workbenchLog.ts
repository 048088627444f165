import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

/** The workbench logs as `%c INFO color: #33f message`; the styling is noise in a text file. */
function plain(text: string): string {
  return text.replace(/^%c\s*(\w+)\s+color: #\w+\s?/, '$1 ');
}

/**
 * Records everything the page prints (workbench log, extension host console, page errors) to a
 * file, for diagnosis; the terminal shows only the tests' own output.
 */
export function recordWorkbenchLog(page: Page, file: string): void {
  const write = (line: string) => fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
  page.on('console', (message) => write(`[${message.type()}] ${plain(message.text())}`));
  page.on('pageerror', (error) => write(`[pageerror] ${error.stack ?? error.message}`));
  page.on('crash', () => write('[crash] the page crashed'));
}
