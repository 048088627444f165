import * as vscode from 'vscode';
import type { TrackedJob } from '../../../jobs/types';
import { waitForJob } from '../../../jobs/waitForJob';
import type { WorkflowDeps } from './deps';
import { WorkflowRefusal } from './guard';

/**
 * Waits, with a cancellable progress notification, until the job tracker sees a submitted job end.
 * Cancelling stops the waiting only (the job goes on, under Jobs): a refusal says so. Resolves to the
 * ended job; a job that did not finish is the caller's to judge (`phase`, `state`, `statusMessage`).
 */
export async function awaitJobEnd(deps: WorkflowDeps, jobKey: string | undefined, title: string, whenStopped: string): Promise<TrackedJob> {
  if (!jobKey) throw new WorkflowRefusal(vscode.l10n.t('The job was submitted but the tracker has no record of it. {0}', whenStopped));
  const job = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const subscription = deps.jobs.onDidChangeJobs(() => {
        const current = deps.jobs.get(jobKey);
        if (current?.phase === 'running') progress.report({ message: current.state });
      });
      try {
        return await waitForJob(deps.jobs, jobKey, token);
      } finally {
        subscription.dispose();
      }
    },
  );
  if (!job) throw new WorkflowRefusal(vscode.l10n.t('Stopped waiting; the job goes on and shows under Jobs. {0}', whenStopped));
  return job;
}

/** True when the job ran to its end: FINISHED, not cancelled or lost. */
export function finishedOk(job: TrackedJob): boolean {
  return job.phase === 'finished';
}
