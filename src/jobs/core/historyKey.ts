/** Where the job history lives in `globalState`. Plain data: activation checks for it without loading the tracker. */
export const HISTORY_KEY = 'starrocksBackup.jobs.history';
