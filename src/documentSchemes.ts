/**
 * The URI schemes of the extension's virtual documents. Plain data: activation registers proxy
 * content providers for them without loading the features that fill them.
 */
/** Job details (`src/jobs/detailsDocument.ts`). */
export const JOB_DETAILS_SCHEME = 'starrocks-job';
/** What a statement run from a `.sql` file returned (`src/language/run/resultDocuments.ts`). */
export const RESULT_SCHEME = 'starrocks-backup-result';
