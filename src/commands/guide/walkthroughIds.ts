/** The walkthrough's ids, as plain data (no `vscode` import) so unit tests can compare them with package.json. */

/** The walkthrough in package.json (`contributes.walkthroughs`), as VS Code names it: `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = 'starrocks-backup.starrocks-backup#starrocksBackup.guide';

/**
 * Context keys the walkthrough's steps complete on (`onContext:` completion events). Set once true
 * and never cleared during the session: a step the user has done stays done.
 */
export const GuideContext = {
  hasRepository: 'starrocksBackup.guide.hasRepository',
  hasSnapshot: 'starrocksBackup.guide.hasSnapshot',
  snapshotChecked: 'starrocksBackup.guide.snapshotChecked',
} as const;
