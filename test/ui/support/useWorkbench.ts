import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { resultsDir } from '../../harness/paths';
import { openWorkbench, startSession, type Session, type SessionOptions, type Workbench } from '../../harness/session';
import { waitForWorkbench } from '../pages/workbench';

/** Title of the extension's activity-bar entry (package.nls.json `viewsContainer.title`). */
export const ACTIVITY_TITLE = 'StarRocks Backup';

export const screenshotsDir = path.join(resultsDir, 'ui');

export interface UiContext {
  /** The workbench page; valid inside tests and hooks of the suite. */
  readonly page: Page;
  /** The workspace folder the workbench has open. */
  readonly workspace: string;
  /** Saves a screenshot as test-results/ui/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
}

export interface WorkbenchOptions {
  /**
   * Environment for the extension host, computed when the suite starts (after anything it needs,
   * such as a sandbox, is running): e.g. seeded connections from test/harness/sandboxSeed.ts.
   */
  env?: () => Promise<Record<string, string>> | Record<string, string>;
  /**
   * Runs before the server starts (after `env`): what the session needs beyond the defaults, e.g.
   * the packaged extension installed as a user would and another extension under development.
   */
  setup?: () => Promise<SessionSetup> | SessionSetup;
}

export interface SessionSetup {
  session?: SessionOptions;
  /** The extension loaded in development mode instead of this project. */
  extensionDevelopmentPath?: string;
}

/**
 * Gives the calling `describe` block its own code-server and browser (fresh profile, no
 * connections), ready with the extension loaded; every test ends with a screenshot named after it,
 * so a failure can be seen, not only read.
 */
export function useWorkbench(options: WorkbenchOptions = {}): UiContext {
  let session: Session | undefined;
  let workbench: Workbench | undefined;
  const context: UiContext = {
    get page(): Page {
      if (!workbench) throw new Error('the workbench is not open: use the context inside tests or hooks');
      return workbench.page;
    },
    get workspace(): string {
      return session?.workspace ?? '';
    },
    async screenshot(name: string): Promise<string> {
      fs.mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `${slug(name)}.png`);
      await context.page.screenshot({ path: file });
      return file;
    },
  };

  before(async function () {
    // Packing a .vsix (`setup`) takes a while on a busy machine, on top of the server's start.
    this.timeout(options.setup ? 360_000 : 180_000);
    const env = (await options.env?.()) ?? {};
    const setup = (await options.setup?.()) ?? {};
    session = await startSession(env, setup.session);
    const logFile = path.join(screenshotsDir, `${slug(this.test?.parent?.title ?? 'suite')}.workbench.log`);
    fs.mkdirSync(screenshotsDir, { recursive: true });
    fs.rmSync(logFile, { force: true });
    workbench = await openWorkbench(session, { logFile, extensionDevelopmentPath: setup.extensionDevelopmentPath });
    await waitForWorkbench(workbench.page, ACTIVITY_TITLE);
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (workbench && test) await context.screenshot(`${test.state === 'failed' ? 'FAILED-' : ''}${test.fullTitle()}`);
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  return context;
}
