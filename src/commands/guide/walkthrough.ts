import * as vscode from 'vscode';
import type { CatalogRead } from '../../catalog/serverCatalog';
import { CommandIds } from '../commandIds';
import { registerCommand, type CommandReporter } from '../registerCommand';
import { GuideContext, WALKTHROUGH_ID } from './walkthroughIds';

/**
 * Turns the catalog's fresh reads into the walkthrough's progress: a repository exists, a snapshot
 * exists, a snapshot's contents were read (SHOW SNAPSHOT … WHERE SNAPSHOT = …). One `setContext` per
 * key and session: the reads happen anyway (the tree, the workflows), this only looks at counts.
 */
export class GuideProgress {
  private readonly done = new Set<string>();

  readonly onRead = (read: CatalogRead): void => {
    if (read.kind === 'repositories' && read.count > 0) this.mark(GuideContext.hasRepository);
    if (read.kind === 'snapshots' && read.count > 0) {
      this.mark(GuideContext.hasRepository);
      this.mark(GuideContext.hasSnapshot);
    }
    if (read.kind === 'snapshotDetail' && read.found) this.mark(GuideContext.snapshotChecked);
  };

  /** Whether the context key has been set (for tests: context keys cannot be read back). */
  has(key: string): boolean {
    return this.done.has(key);
  }

  private mark(key: string): void {
    if (this.done.has(key)) return;
    this.done.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  }
}

/** Open the Backup & Restore Guide: the walkthrough, from the palette and the welcome view. */
export function registerWalkthroughCommand(reporter: CommandReporter): vscode.Disposable {
  return registerCommand(reporter, CommandIds.openWalkthrough, async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  });
}
