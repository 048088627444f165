import type { Page } from 'playwright-core';
import { exposeAutomation } from './automation';
import { launchChromium } from './browser';
import { ensureBundle } from './bundle';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { ensureCodeServer } from './codeServerInstall';
import { projectRoot } from './paths';
import { ENV } from './testConfig';
import { workbenchUrl } from './workbench';
import { recordWorkbenchLog } from './workbenchLog';
import { createTestWorkspace } from './workspace';

export interface Session {
  server: CodeServer;
  /** The temp folder the workbench opens (also in the server's env as SR_TEST_WORKSPACE). */
  workspace: string;
  /** Stops the server early (it is stopped at process exit anyway). */
  dispose(): Promise<void>;
}

export interface SessionOptions {
  /** A fixed port instead of a free one (the demo serves a stable address). */
  port?: number;
  /** The folder to open instead of a fresh test workspace. */
  workspace?: string;
  /** Passed to code-server: extensions installed as a user would, workspace trust, user settings. */
  server?: Pick<CodeServerOptions, 'install' | 'workspaceTrust' | 'userSettings'>;
}

/**
 * What every run needs before a browser: code-server installed, the extension bundled, a fresh
 * workspace, and a server on a free port whose extension host gets `env`.
 */
export async function startSession(env: Record<string, string> = {}, options: SessionOptions = {}): Promise<Session> {
  const entry = ensureCodeServer();
  ensureBundle();
  const workspace = options.workspace ?? createTestWorkspace();
  const server = await startCodeServer({
    entry,
    workspace,
    port: options.port,
    env: { [ENV.workspace]: workspace, ...env },
    ...options.server,
  });
  return { server, workspace, dispose: () => server.stop() };
}

export interface OpenOptions {
  /** Compiled test entry to run in the extension host; omit for a plain workbench (UI checks). */
  extensionTestsPath?: string;
  /** File that receives the page's console output. */
  logFile: string;
  /** The extension loaded in development mode; this project unless given. */
  extensionDevelopmentPath?: string;
}

export interface Workbench {
  page: Page;
  /** Closes the browser early (it is closed at process exit anyway). */
  close(): Promise<void>;
  /** Resolves with the exit code the workbench reports when its extension tests finish. */
  exited: Promise<number>;
}

/** Opens the workbench in a fresh headless Chromium with this project (or the given folder) loaded as the extension under development. */
export async function openWorkbench(session: Session, options: OpenOptions): Promise<Workbench> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  recordWorkbenchLog(page, options.logFile);
  const { exited } = await exposeAutomation(page);
  const url = workbenchUrl(session.server, {
    workspace: session.workspace,
    extensionDevelopmentPath: options.extensionDevelopmentPath ?? projectRoot,
    extensionTestsPath: options.extensionTestsPath,
  });
  // The workbench's scripts are large: on a busy machine its load event can take longer than Playwright's 30 s default.
  await page.goto(url, { timeout: 120_000 });
  return { page, exited, close: () => browser.close() };
}
