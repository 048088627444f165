import * as vscode from 'vscode';

export type ProgressReporter = (message: string, increment?: number) => void;

/**
 * Runs `task` under a cancellable progress notification; the Cancel button aborts the signal the
 * storage layer listens to, so no request is sent after it.
 */
export async function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, report: ProgressReporter) => Promise<T>,
): Promise<T> {
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      const report: ProgressReporter = (message, increment) => progress.report({ message, increment });
      return task(controller.signal, report).finally(() => subscription.dispose());
    },
  );
}
