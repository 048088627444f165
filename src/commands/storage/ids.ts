/** Commands of the storage side (snapshot files on S3), as declared in package.json. */
export const StorageCommandIds = {
  showUsage: 'starrocksBackup.showRepositoryUsage',
  deleteSnapshot: 'starrocksBackup.deleteSnapshot',
  applyRetention: 'starrocksBackup.applyRetention',
  checkS3Access: 'starrocksBackup.checkS3Access',
} as const;
