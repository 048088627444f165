import * as vscode from 'vscode';
import { errorText, isUserCancellation } from '../../views/errorText';

/**
 * Runs a command body and reports its failure to the user instead of leaving an unhandled
 * rejection: connection errors already say what to do. A dismissed prompt is not a failure.
 * Resolves to the body's result, or undefined when it failed.
 */
export function guarded<A extends unknown[], R>(log: vscode.LogOutputChannel, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (e) {
      if (isUserCancellation(e)) return undefined;
      const message = errorText(e);
      log.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}
