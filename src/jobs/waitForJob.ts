import type * as vscode from 'vscode';
import type { JobTrackerService, TrackedJob } from './types';

/**
 * Resolves once the tracker sees the job end (finished, cancelled, or ended unknown), through its
 * own polling: nothing here asks the server. Resolves to undefined when `token` is cancelled (the
 * job itself goes on) or the tracker does not know the key.
 */
export function waitForJob(jobs: JobTrackerService, key: string, token?: vscode.CancellationToken): Promise<TrackedJob | undefined> {
  const ended = (): TrackedJob | undefined => {
    const job = jobs.get(key);
    return job && job.phase !== 'running' ? job : undefined;
  };
  return new Promise((resolve) => {
    const done = ended();
    if (done || !jobs.get(key)) return resolve(done);
    const subscriptions: vscode.Disposable[] = [];
    const finish = (job: TrackedJob | undefined) => {
      subscriptions.forEach((s) => s.dispose());
      resolve(job);
    };
    subscriptions.push(
      jobs.onDidChangeJobs(() => {
        const job = ended();
        if (job) finish(job);
      }),
    );
    if (token) subscriptions.push(token.onCancellationRequested(() => finish(undefined)));
  });
}
