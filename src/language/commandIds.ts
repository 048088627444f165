/** Ids of the SQL-authoring commands (declared in package.json, registered in `languageFeatures.ts`). */
export const LanguageCommandIds = {
  runStatement: 'starrocksBackup.runStatement',
  selectEditorConnection: 'starrocksBackup.selectEditorConnection',
  /** Internal: the quick fix that moves a clear-text secret to SecretStorage. */
  moveSecretToStorage: 'starrocksBackup.moveSecretToStorage',
} as const;
