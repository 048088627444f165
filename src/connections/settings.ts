import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type ConnectionSettings } from './driverOptions';

/** The connection settings as they are now; read at each connect and statement, so changes apply at once. */
export function readSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration('starrocksBackup');
  return {
    connectTimeoutSeconds: positive(config.get<number>('connectTimeoutSeconds'), DEFAULT_SETTINGS.connectTimeoutSeconds),
    queryTimeoutSeconds: positive(config.get<number>('queryTimeoutSeconds'), DEFAULT_SETTINGS.queryTimeoutSeconds),
    poolWaitSeconds: positive(config.get<number>('poolWaitSeconds'), DEFAULT_SETTINGS.poolWaitSeconds),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
