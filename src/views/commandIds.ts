/**
 * Ids of the commands the explorer tree and the backup/restore workflows contribute. They are
 * declared in package.json; tree nodes reference them for their click/placeholder actions.
 */
export const CommandIds = {
  refresh: 'starrocksBackup.refresh',
  filterSnapshots: 'starrocksBackup.filterSnapshots',
  clearSnapshotFilter: 'starrocksBackup.clearSnapshotFilter',
  showMoreSnapshots: 'starrocksBackup.showMoreSnapshots',
  restoreSnapshot: 'starrocksBackup.restoreSnapshot',
  backup: 'starrocksBackup.backup',
  createRepository: 'starrocksBackup.createRepository',
  dropRepository: 'starrocksBackup.dropRepository',
  showIamPolicy: 'starrocksBackup.showIamPolicy',
  copySql: 'starrocksBackup.copySql',
  cancelJob: 'starrocksBackup.cancelJob',
  addConnection: 'starrocksBackup.addConnection',
} as const;

export const EXPLORER_VIEW_ID = 'starrocksBackup.explorer';
