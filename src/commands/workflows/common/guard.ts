import * as vscode from 'vscode';
import { isUnknownWriteOutcome } from '../../../connections/connectionError';
import { showFailure } from '../../../ui/failureNotice';
import { errorText, isUserCancellation } from '../../../views/errorText';
import type { WorkflowDeps } from './deps';
import { CANCELLED, type WorkflowOutcome } from './outcome';

/** The user declined a question outside the multi-step flow (e.g. a confirmation); the workflow ends as cancelled. */
export class FlowCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'FlowCancelled';
  }
}

/**
 * Thrown by a workflow that will not go on, with the reason the user sees (e.g. "a restore is
 * already running in demo_sales"). Not an error of the extension: shown as a warning.
 */
export class WorkflowRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowRefusal';
  }
}

/**
 * Runs a workflow body and turns whatever happens into a `WorkflowOutcome`: refusals become
 * warnings, failures error messages (their text already says what to do), and a dismissed password
 * prompt a plain cancellation. Nothing is left as an unhandled rejection.
 */
export async function runWorkflow(deps: WorkflowDeps, body: () => Promise<WorkflowOutcome>): Promise<WorkflowOutcome> {
  try {
    return await body();
  } catch (error) {
    if (isUserCancellation(error) || error instanceof FlowCancelled) {
      return CANCELLED;
    }
    const message = errorText(error);
    if (error instanceof WorkflowRefusal) {
      deps.log.info(`refused: ${message}`);
      void vscode.window.showWarningMessage(message);
      return { status: 'refused', reason: message };
    }
    deps.log.error(message);
    void showFailure(deps.prompter, message, error);
    return isUnknownWriteOutcome(error) ? { status: 'failed', message, outcomeUnknown: true } : { status: 'failed', message };
  }
}
