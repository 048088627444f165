import * as vscode from 'vscode';

export const SETTINGS_SECTION = 'starrocksBackup.explorer';

export interface ExplorerSettings {
  /** How many snapshots a repository lists before "Show more…". */
  snapshotPageSize: number;
}

/** Reads the explorer's settings each time, so a change applies at the next render. */
export function explorerSettings(): ExplorerSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const pageSize = config.get<number>('snapshotPageSize', 200);
  return { snapshotPageSize: Number.isFinite(pageSize) && pageSize >= 10 ? Math.floor(pageSize) : 200 };
}
