/**
 * Checks the server makes against its current state at submit time, made ahead of time from what
 * the extension already listed, so the user hears about them before anything is submitted.
 */
import { isTerminalState, JobRow } from '../models';
import { ValidationIssue } from '../dialectError';

/** A label can be used once per repository: the FE lists `__ss_*` directories (case-sensitive keys). */
export function validateLabelUnique(label: string, existingLabels: Iterable<string>): ValidationIssue[] {
  for (const existing of existingLabels) {
    if (existing === label) {
      return [
        {
          key: 'label',
          message: `Snapshot with name '${label}' already exist in repository`,
          fix: 'Choose another label, or delete the old snapshot first.',
        },
      ];
    }
  }
  return [];
}

/** Only one BACKUP or RESTORE may run per database; `jobs` are rows of SHOW BACKUP / SHOW RESTORE. */
export function validateNoRunningJob(database: string, jobs: readonly JobRow[]): ValidationIssue[] {
  const running = jobs.find((job) => job.database === database && !isTerminalState(job.state));
  if (!running) {
    return [];
  }
  return [
    {
      key: 'database',
      message: 'Can only run one backup or restore job of a database at same time',
      fix: `Wait for ${running.kind} ${running.label} (${running.state}) in ${database} to finish, or cancel it.`,
    },
  ];
}
