import * as vscode from 'vscode';
import { errorText, isRefusal, isUserCancellation } from '../ui/errorText';
import type { CommandId } from './commandIds';

/**
 * What a command resolves to when it did not complete. Commands without their own outcome type
 * resolve to undefined; the workflows resolve to a `WorkflowOutcome` that integration tests inspect.
 */
export interface CommandEndings<R> {
  /** The user dismissed a prompt or declined a confirmation. */
  cancelled(): R;
  /** The command would not go on, for `reason` (shown as a warning). */
  refused(reason: string): R;
  /** It failed; `message` is what the user was shown (redacted). */
  failed(message: string): R;
}

const UNDEFINED_ENDINGS: CommandEndings<undefined> = { cancelled: () => undefined, refused: () => undefined, failed: () => undefined };

/**
 * Registers a command so that whatever it throws is handled the same way everywhere, instead of
 * VS Code showing the raw error:
 * - a user cancellation (a dismissed prompt, a `vscode.CancellationError`) ends it silently;
 * - a refusal (`kind: 'refused'`, e.g. "a restore is already running") is a warning;
 * - any other failure is logged and shown as an error. Its text already says what to do (connection
 *   and dialect errors are written that way), and it goes through `redactSql` first because it may
 *   quote a statement with a secret in it.
 */
export function registerCommand<A extends unknown[], R>(log: vscode.LogOutputChannel, id: CommandId, body: (...args: A) => R | Thenable<R>): vscode.Disposable;
export function registerCommand<A extends unknown[], R>(log: vscode.LogOutputChannel, id: CommandId, body: (...args: A) => R | Thenable<R>, endings: CommandEndings<R>): vscode.Disposable;
export function registerCommand<A extends unknown[], R>(
  log: vscode.LogOutputChannel,
  id: CommandId,
  body: (...args: A) => R | Thenable<R>,
  endings: CommandEndings<R | undefined> = UNDEFINED_ENDINGS,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: A) => runCommand(log, () => body(...args), endings));
}

async function runCommand<R>(log: vscode.LogOutputChannel, body: () => R | Thenable<R>, endings: CommandEndings<R>): Promise<R> {
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
    void vscode.window.showErrorMessage(message);
    return endings.failed(message);
  }
}
