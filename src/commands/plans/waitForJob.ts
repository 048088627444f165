import * as vscode from 'vscode';
import type { JobTrackerService, TrackedJob } from '../../jobs/types';

/** How often the wait asks the tracker to poll now: the user is watching a progress notification. */
const POLL_MS = 2_000;

/**
 * Waits, with a progress notification, until the tracker sees the job end. Cancelling the
 * notification stops the wait only (the job goes on, and the Jobs section keeps following it):
 * resolves to undefined then.
 */
export function waitForJobEnd(jobs: JobTrackerService, key: string, title: string): Promise<TrackedJob | undefined> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      return new Promise<TrackedJob | undefined>((resolve) => {
        const finish = (job: TrackedJob | undefined): void => {
          subscription.dispose();
          cancelled.dispose();
          clearInterval(timer);
          resolve(job);
        };
        const check = (): void => {
          const job = jobs.get(key);
          if (job?.progress) progress.report({ message: `${job.state} ${job.progress.finished}/${job.progress.total}` });
          else if (job) progress.report({ message: job.state });
          if (job && job.phase !== 'running') finish(job);
        };
        const subscription = jobs.onDidChangeJobs(check);
        const cancelled = token.onCancellationRequested(() => finish(undefined));
        const timer = setInterval(() => void jobs.refresh().catch(() => undefined), POLL_MS);
        check();
      });
    }),
  );
}
