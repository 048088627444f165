/**
 * Every command id of the extension, in one place. Plain data (no `vscode` import), so the unit
 * test that compares it with package.json's `contributes.commands` and menus runs in plain Node.
 * Each id is registered once, through `registerCommand` (`src/commands/registerCommand.ts`).
 */
export const CommandIds = {
  // SQL authoring (src/language/)
  runStatement: 'starrocksBackup.runStatement',
  selectEditorConnection: 'starrocksBackup.selectEditorConnection',
  /** The quick fix that moves a clear-text secret to SecretStorage (hidden from the palette). */
  moveSecretToStorage: 'starrocksBackup.moveSecretToStorage',
  // connections (src/commands/connections/)
  addConnection: 'starrocksBackup.addConnection',
  addConnectionFromAddress: 'starrocksBackup.addConnectionFromAddress',
  editConnection: 'starrocksBackup.editConnection',
  removeConnection: 'starrocksBackup.removeConnection',
  testConnection: 'starrocksBackup.testConnection',
  connect: 'starrocksBackup.connect',
  disconnect: 'starrocksBackup.disconnect',
  forgetPassword: 'starrocksBackup.forgetPassword',
  updatePassword: 'starrocksBackup.updatePassword',
  forgetSshHostKey: 'starrocksBackup.forgetSshHostKey',
  setS3Credentials: 'starrocksBackup.setS3Credentials',
  exportConnections: 'starrocksBackup.exportConnections',
  importConnections: 'starrocksBackup.importConnections',
  // the explorer tree itself (src/views/)
  refresh: 'starrocksBackup.refresh',
  filterSnapshots: 'starrocksBackup.filterSnapshots',
  clearSnapshotFilter: 'starrocksBackup.clearSnapshotFilter',
  showMoreSnapshots: 'starrocksBackup.showMoreSnapshots',
  revealJob: 'starrocksBackup.revealJob',
  // jobs (src/commands/jobs/)
  showJobs: 'starrocksBackup.showJobs',
  cancelJob: 'starrocksBackup.cancelJob',
  showJobDetails: 'starrocksBackup.showJobDetails',
  openJobSql: 'starrocksBackup.openJobSql',
  clearJobHistory: 'starrocksBackup.clearJobHistory',
  refreshJobs: 'starrocksBackup.refreshJobs',
  // backup, restore and repository workflows (src/commands/workflows/)
  restoreSnapshot: 'starrocksBackup.restoreSnapshot',
  backup: 'starrocksBackup.backup',
  createRepository: 'starrocksBackup.createRepository',
  dropRepository: 'starrocksBackup.dropRepository',
  showIamPolicy: 'starrocksBackup.showIamPolicy',
  /** Both IAM policies of the guide for a bucket the user types; no repository needed. */
  showIamPolicies: 'starrocksBackup.showIamPolicies',
  /** Opens the guide's walkthrough. */
  openWalkthrough: 'starrocksBackup.openWalkthrough',
  copySql: 'starrocksBackup.copySql',
  migrateToCluster: 'starrocksBackup.migrateToCluster',
  verifyRestore: 'starrocksBackup.verifyRestore',
  // snapshot files on S3 (src/commands/storage/)
  showRepositoryUsage: 'starrocksBackup.showRepositoryUsage',
  deleteSnapshot: 'starrocksBackup.deleteSnapshot',
  applyRetention: 'starrocksBackup.applyRetention',
  checkS3Access: 'starrocksBackup.checkS3Access',
  // backup plans and restore drills (src/commands/plans/)
  runPlan: 'starrocksBackup.runPlan',
  restoreDrill: 'starrocksBackup.restoreDrill',
  showPlanDetails: 'starrocksBackup.showPlanDetails',
  openPlanFile: 'starrocksBackup.openPlanFile',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/**
 * Registered but deliberately not contributed in package.json: the extension invokes them itself
 * (the "Show More" placeholder in the tree, "Reveal in Tree" from the job list and notifications).
 */
export const INTERNAL_COMMANDS: readonly CommandId[] = [CommandIds.showMoreSnapshots, CommandIds.revealJob];

/** The explorer view (package.json `contributes.views`). */
export const EXPLORER_VIEW_ID = 'starrocksBackup.explorer';

/** The command VS Code itself registers for every view: shows and focuses the explorer. */
export const FOCUS_EXPLORER_COMMAND = `${EXPLORER_VIEW_ID}.focus`;
