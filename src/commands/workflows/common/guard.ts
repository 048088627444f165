import { isUnknownWriteOutcome } from '../../../connections/connectionError';
import type { CommandEndings } from '../../registerCommand';
import { CANCELLED, type WorkflowOutcome } from './outcome';

/** The user declined a question outside the multi-step flow (e.g. a confirmation); the workflow ends as cancelled. */
export class FlowCancelled extends Error {
  /** What `isUserCancellation` looks for: the command wrapper ends the command silently. */
  readonly kind = 'cancelled';
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
  /** What `isRefusal` looks for: the command wrapper shows it as a warning. */
  readonly kind = 'refused';
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowRefusal';
  }
}

/**
 * What a workflow command resolves to when it did not complete (`registerCommand` reports the
 * failure or refusal to the user first): refusals and failures keep their text for tests and callers.
 */
export const WORKFLOW_ENDINGS: CommandEndings<WorkflowOutcome> = {
  cancelled: () => CANCELLED,
  refused: (reason) => ({ status: 'refused', reason }),
  failed: (message, error) =>
    isUnknownWriteOutcome(error) ? { status: 'failed', message, outcomeUnknown: true } : { status: 'failed', message },
};
