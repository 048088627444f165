import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionService, ServerInfo } from '../../connections/types';
import type { Prompter } from '../../ui/prompter';
import { CommandIds } from '../../commands/commandIds';

const STATE_KEY = 'starrocksBackup.language.editorConnections';
/** Environments that deserve the warning colours (same rule as the connection status bar). */
const SENSITIVE = /prod|live|prd/i;

export function isSqlDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'sql';
}

/**
 * Which connection a SQL editor runs on, chosen once per document ("Select Connection for
 * Editor") and remembered per document URI in workspaceState. With a single saved connection that
 * one is used without asking. Shown in a status bar item while a SQL editor is active.
 */
export class EditorConnections implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when an editor's connection changes, or a connection opens/closes (its version may now be known). */
  readonly onDidChange = this.emitter.event;
  private readonly item = vscode.window.createStatusBarItem('starrocksBackup.editorConnection', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: { connections: ConnectionService; state: vscode.Memento; prompter: Prompter }) {
    this.item.name = vscode.l10n.t('StarRocks Connection of the SQL Editor');
    this.item.command = CommandIds.selectEditorConnection;
    this.disposables.push(
      this.item,
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidOpenTextDocument(() => this.render()),
      deps.connections.onDidChangeConnections(() => {
        this.render();
        this.emitter.fire();
      }),
    );
    this.render();
  }

  /** The profile the document runs on: the chosen one, or the only one there is. */
  profileFor(uri: vscode.Uri): ConnectionProfile | undefined {
    const chosen = this.chosen()[uri.toString()];
    const profile = chosen === undefined ? undefined : this.deps.connections.getProfile(chosen);
    if (profile) return profile;
    const all = this.deps.connections.listProfiles();
    return all.length === 1 ? all[0] : undefined;
  }

  /** What the document's server is, when its connection is open (no connecting just to find out). */
  serverFor(uri: vscode.Uri): ServerInfo | undefined {
    const profile = this.profileFor(uri);
    return profile ? this.deps.connections.peekSession(profile.id)?.server : undefined;
  }

  async set(uri: vscode.Uri, profileId: string | undefined): Promise<void> {
    const map = { ...this.chosen() };
    if (profileId === undefined) delete map[uri.toString()];
    else map[uri.toString()] = profileId;
    await this.deps.state.update(STATE_KEY, map);
    this.render();
    this.emitter.fire();
  }

  /** Asks which connection the document runs on; undefined when the user dismissed the pick. */
  async select(uri: vscode.Uri): Promise<ConnectionProfile | undefined> {
    const profiles = this.deps.connections.listProfiles();
    if (profiles.length === 0) {
      const add = vscode.l10n.t('Add Connection');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('There is no StarRocks connection yet.'), add);
      if (answer === add) await vscode.commands.executeCommand(CommandIds.addConnection);
      return undefined;
    }
    const current = this.profileFor(uri);
    const items = profiles.map((p) => ({
      label: p.name,
      description: `${p.host}:${p.port}${p.environment ? ` · ${p.environment}` : ''}`,
      detail: p.id === current?.id ? vscode.l10n.t('Current connection of this editor') : undefined,
      profile: p,
    }));
    const picked = await this.deps.prompter.pickOne(items, {
      title: vscode.l10n.t('Select Connection for Editor'),
      placeHolder: vscode.l10n.t('The StarRocks connection this SQL file runs on'),
    });
    if (!picked) return undefined;
    await this.set(uri, picked.profile.id);
    // Connect in the background so completion and version checks have the server ready.
    if (picked.profile.passwordMode !== 'ask') void this.deps.connections.getSession(picked.profile.id).catch(() => undefined);
    return picked.profile;
  }

  private chosen(): Record<string, string> {
    return this.deps.state.get<Record<string, string>>(STATE_KEY) ?? {};
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isSqlDocument(editor.document)) {
      this.item.hide();
      return;
    }
    const profile = this.profileFor(editor.document.uri);
    if (!profile) {
      this.item.text = `$(database) ${vscode.l10n.t('No StarRocks connection')}`;
      this.item.tooltip = vscode.l10n.t('Select the StarRocks connection this SQL file runs on');
      this.item.backgroundColor = undefined;
    } else {
      const version = this.deps.connections.peekSession(profile.id)?.server.version?.raw;
      this.item.text = `$(database) ${profile.name}${profile.environment ? ` · ${profile.environment}` : ''}`;
      this.item.tooltip = vscode.l10n.t(
        'SQL in this editor runs on {0} ({1}:{2}){3}. Click to change.',
        profile.name,
        profile.host,
        profile.port,
        version ? `, StarRocks ${version}` : '',
      );
      this.item.backgroundColor =
        profile.environment && SENSITIVE.test(profile.environment) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
