import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { FeatureLoader } from './featureLoader';

/**
 * One proxy per command id of `commandIds.ts`: it loads the features (which dispose the proxies and
 * register the real commands in their place) and runs the real command with the same arguments.
 * A new command needs nothing here: its id in `commandIds.ts` is enough.
 */
export function registerCommandProxies(loader: FeatureLoader): vscode.Disposable[] {
  return Object.values(CommandIds).map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      await loader.load();
      return vscode.commands.executeCommand(id, ...args);
    }),
  );
}
