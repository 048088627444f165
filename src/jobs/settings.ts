/**
 * The `starrocksBackup.jobs.*` settings, read fresh each time so that a change applies at the
 * next poll without a reload.
 */
import * as vscode from 'vscode';
import type { CoreSettings } from './core/trackerCore';
import { DEFAULT_INTERVALS } from './core/pollSchedule';

const SECTION = 'starrocksBackup.jobs';

/** A server that has not answered for this long makes its running jobs show as "unknown". */
const UNKNOWN_AFTER_MS = 60_000;

export type NotificationSetting = 'notifyOnFinish' | 'notifyWhenStuck';

export function readCoreSettings(): CoreSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const interval = config.get<{ min?: number; max?: number }>('pollIntervalSeconds') ?? {};
  return {
    intervals: {
      minMs: secondsOr(interval.min, DEFAULT_INTERVALS.minMs),
      maxMs: secondsOr(interval.max, DEFAULT_INTERVALS.maxMs),
    },
    historySize: Math.max(1, Math.floor(config.get<number>('historySize') ?? 100)),
    stuckAfterMs: Math.max(0, config.get<number>('stuckAfterMinutes') ?? 30) * 60_000,
    unknownAfterMs: UNKNOWN_AFTER_MS,
  };
}

export function notificationEnabled(setting: NotificationSetting): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(setting) ?? true;
}

/** "Don't show again": a user setting, so it is visible and reversible in the Settings editor. */
export async function disableNotification(setting: NotificationSetting): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(setting, false, vscode.ConfigurationTarget.Global);
}

export function affectsJobSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}

function secondsOr(seconds: number | undefined, fallbackMs: number): number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallbackMs;
}
