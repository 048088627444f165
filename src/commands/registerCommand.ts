import * as vscode from 'vscode';
import { errorText, isRefusal, isUserCancellation } from '../ui/errorText';
import type { Prompter } from '../ui/prompter';
import type { CommandId } from './commandIds';
import { showFailure } from './failureNotice';

/** Where a command's endings are reported: the log, and the prompter that shows a failure (tests script it). */
export interface CommandReporter {
  readonly log: vscode.LogOutputChannel;
  readonly prompter: Prompter;
}

/**
 * What a command resolves to when it did not complete. Commands without their own outcome type
 * resolve to undefined; the workflows resolve to a `WorkflowOutcome` that integration tests inspect.
 */
export interface CommandEndings<R> {
  /** The user dismissed a prompt or declined a confirmation. */
  cancelled(): R;
  /** The command would not go on, for `reason` (shown as a warning). */
  refused(reason: string): R;
  /** It failed; `message` is what the user was shown (redacted); `error` what was thrown. */
  failed(message: string, error: unknown): R;
}

const UNDEFINED_ENDINGS: CommandEndings<undefined> = { cancelled: () => undefined, refused: () => undefined, failed: () => undefined };

/**
 * Registers a command so that whatever it throws is handled the same way everywhere, instead of
 * VS Code showing the raw error:
 * - a user cancellation (a dismissed prompt, a `vscode.CancellationError`) ends it silently;
 * - a refusal (`kind: 'refused'`, e.g. "a restore is already running") is a warning;
 * - any other failure is logged and shown as an error. Its text already says what to do (connection
 *   and dialect errors are written that way), and it goes through `redactSql` first because it may
 *   quote a statement with a secret in it. A write whose outcome is unknown (it timed out or lost
 *   its connection) says that it may still be running and offers Refresh.
 */
export function registerCommand<A extends unknown[], R>(
  reporter: CommandReporter,
  id: CommandId,
  body: (...args: A) => R | Thenable<R>,
): vscode.Disposable;
export function registerCommand<A extends unknown[], R>(
  reporter: CommandReporter,
  id: CommandId,
  body: (...args: A) => R | Thenable<R>,
  endings: CommandEndings<R>,
): vscode.Disposable;
export function registerCommand<A extends unknown[], R>(
  reporter: CommandReporter,
  id: CommandId,
  body: (...args: A) => R | Thenable<R>,
  endings: CommandEndings<R | undefined> = UNDEFINED_ENDINGS,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: A) => runCommand(reporter, () => body(...args), endings));
}

async function runCommand<R>({ log, prompter }: CommandReporter, body: () => R | Thenable<R>, endings: CommandEndings<R>): Promise<R> {
  try {
    return await body();
  } catch (error) {
    if (isUserCancellation(error) || error instanceof vscode.CancellationError) return endings.cancelled();
    const message = errorText(error);
    if (isRefusal(error)) {
      log.info(`refused: ${message}`);
      void vscode.window.showWarningMessage(message);
      return endings.refused(message);
    }
    log.error(message);
    // A write that got no answer may still run on the server: the notice says so and offers Refresh.
    void showFailure(prompter, message, error);
    return endings.failed(message, error);
  }
}
