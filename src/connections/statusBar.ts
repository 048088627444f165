import * as vscode from 'vscode';
import { FOCUS_EXPLORER_COMMAND } from '../commands/commandIds';
import type { ConnectionService } from './types';

/** Labels that mean "be careful here": the item gets the warning colours. */
const SENSITIVE = /prod|live|prd/i;

/**
 * Shows the connection used last (and its environment label, e.g. `production`) in the status bar,
 * so that a statement is never run against production by surprise. Hidden while nothing is open.
 */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('starrocksBackup.connection', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private lastOpened: string | undefined;

  constructor(private readonly connections: ConnectionService) {
    this.item.name = vscode.l10n.t('StarRocks Connection');
    this.item.command = FOCUS_EXPLORER_COMMAND;
    this.subscription = connections.onDidChangeConnections((e) => {
      if (e.reason === 'opened' && e.profileId) this.lastOpened = e.profileId;
      this.render();
    });
  }

  private render(): void {
    const open = this.connections.listProfiles().filter((p) => this.connections.connectionState(p.id).status === 'connected');
    const shown = open.find((p) => p.id === this.lastOpened) ?? open[0];
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = `$(database) ${shown.name}${shown.environment ? ` · ${shown.environment}` : ''}`;
    this.item.backgroundColor =
      shown.environment && SENSITIVE.test(shown.environment) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const version = this.connections.peekSession(shown.id)?.server.version?.raw;
    const others = open.filter((p) => p !== shown).map((p) => p.name);
    this.item.tooltip = [
      vscode.l10n.t('StarRocks: {0} ({1}:{2}){3}', shown.name, shown.host, shown.port, version ? ` — ${version}` : ''),
      shown.environment ? vscode.l10n.t('Environment: {0}', shown.environment) : undefined,
      others.length ? vscode.l10n.t('Also connected: {0}', others.join(', ')) : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
