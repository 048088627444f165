import * as vscode from 'vscode';
import { WindowPrompter, type Prompter } from './ui/prompter';

/**
 * What activate() returns. Integration tests reach the services through it; nothing else in the
 * extension holds them globally.
 */
export interface ExtensionApi {
  readonly log: vscode.LogOutputChannel;
  /** Replaceable so that integration tests can answer dialogs they cannot click. */
  prompter: Prompter;
}

/** The composition root: builds every service once and hands each its dependencies. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('StarRocks Backup', { log: true });
  context.subscriptions.push(log);
  const api: ExtensionApi = { log, prompter: new WindowPrompter() };
  log.info(`StarRocks Backup ${context.extension.packageJSON.version} activated in VS Code ${vscode.version}`);
  return api;
}

export function deactivate(): void {
  // Every service is disposed through context.subscriptions.
}
