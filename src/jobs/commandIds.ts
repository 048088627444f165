/** Ids of the job commands (declared in package.json, registered in `src/commands/jobs/`). */
export const JobCommandIds = {
  showJobs: 'starrocksBackup.showJobs',
  cancelJob: 'starrocksBackup.cancelJob',
  showJobDetails: 'starrocksBackup.showJobDetails',
  openJobSql: 'starrocksBackup.openJobSql',
  clearJobHistory: 'starrocksBackup.clearJobHistory',
  refreshJobs: 'starrocksBackup.refreshJobs',
} as const;

/** Contributed by the explorer tree when it can reveal a job's node; the tracker falls back to focusing the view. */
export const REVEAL_JOB_COMMAND = 'starrocksBackup.revealJob';

/** Context key: true while a job runs (the palette offers Cancel Job only then). */
export const JOBS_RUNNING_CONTEXT = 'starrocksBackup.jobsRunning';
