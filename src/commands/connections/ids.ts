/** Commands of the connection manager, as declared in package.json. */
export const ConnectionCommandIds = {
  add: 'starrocksBackup.addConnection',
  edit: 'starrocksBackup.editConnection',
  remove: 'starrocksBackup.removeConnection',
  test: 'starrocksBackup.testConnection',
  connect: 'starrocksBackup.connect',
  disconnect: 'starrocksBackup.disconnect',
  forgetPassword: 'starrocksBackup.forgetPassword',
  updatePassword: 'starrocksBackup.updatePassword',
  setS3Credentials: 'starrocksBackup.setS3Credentials',
  exportConnections: 'starrocksBackup.exportConnections',
  importConnections: 'starrocksBackup.importConnections',
} as const;
