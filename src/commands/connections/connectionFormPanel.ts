import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ParsedAddress } from '../../connections/connectionAddress';
import {
  draftOf,
  formProblems,
  formValuesOf,
  readFormMessage,
  type ConnectionFormSecrets,
  type ConnectionFormValues,
  type FormMessage,
  type FormField,
  type FormProblems,
  type PanelMessage,
  type StoredSecrets,
} from '../../connections/connectionForm';
import type { ConnectionError } from '../../connections/connectionError';
import type { ConnectionManager } from '../../connections/connectionManager';
import { formatHostPort } from '../../connections/profileValidation';
import { describeServer } from '../../connections/serverProbe';
import type { ConnectionProfile } from '../../connections/types';
import { errorText } from '../../ui/errorText';
import { connectionFormHtml, WEBVIEW_DIR } from './connectionFormHtml';

const t = vscode.l10n.t;

export interface ConnectionFormDeps {
  manager: ConnectionManager;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/** The open connection forms, so that tests can talk to one as its webview would (`ExtensionApi.connectionForms`). */
export class ConnectionForms {
  private readonly open = new Set<ConnectionFormPanel>();

  /** The form opened last that is still open. */
  get active(): ConnectionFormPanel | undefined {
    return [...this.open].pop();
  }

  /** @internal */
  track(form: ConnectionFormPanel): vscode.Disposable {
    this.open.add(form);
    return { dispose: () => this.open.delete(form) };
  }
}

/**
 * Add Connection / Edit Connection as one form in a webview. The webview only shows fields and
 * posts them; everything that decides runs here: the checks (the pure profile validators, shown
 * next to the fields), Test Connection (the same test as the command, result shown in the form)
 * and Save. Secrets arrive only with Test and Save and go straight to SecretStorage; the webview
 * never stores them (no `setState`) and nothing here logs them.
 */
export class ConnectionFormPanel {
  private panel: vscode.WebviewPanel | undefined;
  private stored: StoredSecrets = { password: false, sshSecret: false };
  private resolveResult: (profile: ConnectionProfile | undefined) => void = () => undefined;
  private readonly result = new Promise<ConnectionProfile | undefined>((resolve) => (this.resolveResult = resolve));
  private saving = false;
  /** A password read from a pasted address: handed to the form's field once, then forgotten. */
  private addressPassword: string | undefined;

  constructor(
    private readonly deps: ConnectionFormDeps,
    private readonly forms: ConnectionForms,
    private readonly existing?: ConnectionProfile,
    private readonly address?: ParsedAddress,
  ) {
    this.addressPassword = address?.password;
  }

  /** The page the webview shows (for the tests that check its Content Security Policy). */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  get title(): string {
    return this.existing ? t('Edit Connection: {0}', this.existing.name) : t('Add Connection');
  }

  /** Opens the form; resolves to the saved profile, or undefined when the form was closed without saving. */
  async show(): Promise<ConnectionProfile | undefined> {
    if (this.existing) {
      this.stored = {
        password: await this.deps.manager.hasStoredPassword(this.existing.id),
        sshSecret: await this.deps.manager.hasStoredSshSecret(this.existing.id),
      };
    }
    const panel = vscode.window.createWebviewPanel('starrocksBackup.connectionForm', this.title, vscode.ViewColumn.Active, {
      enableScripts: true,
      // Only the form's own script and the vscode-elements bundle can be loaded.
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, ...WEBVIEW_DIR)],
      // Keeps what was typed while the tab is in the background, without the webview saving it anywhere.
      retainContextWhenHidden: true,
    });
    this.panel = panel;
    const tracking = this.forms.track(this);
    panel.webview.html = connectionFormHtml(panel.webview, this.deps.extensionUri, randomBytes(16).toString('base64'), this.title);
    const listener = panel.webview.onDidReceiveMessage((message: unknown) =>
      this.receive(message).catch((e: unknown) => this.deps.log.error(`Connection form: ${errorText(e)}`)),
    );
    panel.onDidDispose(() => {
      listener.dispose();
      tracking.dispose();
      this.panel = undefined;
      this.resolveResult(undefined);
    });
    return this.result;
  }

  /**
   * Handles one message from the webview and resolves to the answer posted back (also returned, for
   * the integration tests that play the webview's part).
   */
  async receive(raw: unknown): Promise<PanelMessage | undefined> {
    const message = readFormMessage(raw);
    if (!message) return undefined;
    const answer = await this.answer(message);
    if (answer) await this.panel?.webview.postMessage(answer);
    return answer;
  }

  private async answer(message: FormMessage): Promise<PanelMessage | undefined> {
    switch (message.type) {
      case 'ready':
        return this.init();
      case 'validate': {
        // While typing, a secret not typed yet is not a problem: Save asks for it.
        const { password: _password, sshSecret: _sshSecret, ...problems } = this.problems(message.values, {});
        return { type: 'problems', problems };
      }
      case 'pickFile':
        return this.pickFile(message.field);
      case 'test':
        return this.test(message.values, message.secrets);
      case 'save':
        return this.save(message.values, message.secrets);
      case 'cancel':
        this.panel?.dispose();
        return undefined;
    }
  }

  private init(): PanelMessage {
    const address = this.address;
    return {
      type: 'init',
      values: formValuesOf(this.existing, address),
      stored: this.stored,
      password: this.takeAddressPassword(),
      notes: address?.notes ?? [],
      strings: {
        testing: t('Testing the connection…'),
        keepStored: t('Leave empty to keep the stored one'),
        passphrase: t('Key passphrase (optional)'),
        sshPassword: t('SSH password'),
        passwordForTest: t('Used now for Test Connection; asked for again when connecting'),
      },
    };
  }

  private takeAddressPassword(): string | undefined {
    const password = this.addressPassword;
    this.addressPassword = undefined;
    return password;
  }

  private problems(values: ConnectionFormValues, secrets: ConnectionFormSecrets): FormProblems {
    const others = this.deps.manager.listProfiles().filter((p) => p.id !== this.existing?.id);
    return formProblems(values, others, secrets, this.stored, t, this.existing);
  }

  /** Problems with the files the profile names, checked on disk: the CA file and the SSH private key. */
  private async fileProblems(values: ConnectionFormValues): Promise<FormProblems> {
    const problems: FormProblems = {};
    const check = async (field: 'caFile' | 'sshKeyFile', file: string) => {
      try {
        if (!(await fs.stat(file)).isFile()) problems[field] = t('This is not a file.');
      } catch {
        problems[field] = t('The file does not exist or cannot be read.');
      }
    };
    if (values.tls === 'verify' && values.caFile.trim()) await check('caFile', values.caFile.trim());
    if (values.sshEnabled && values.sshAuth === 'key' && values.sshKeyFile.trim()) await check('sshKeyFile', values.sshKeyFile.trim());
    return problems;
  }

  private async pickFile(field: 'caFile' | 'sshKeyFile'): Promise<PanelMessage | undefined> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      canSelectFolders: false,
      openLabel: field === 'caFile' ? t('Use this CA file') : t('Use this key file'),
      title: field === 'caFile' ? t('CA certificate file (PEM)') : t('SSH private key file'),
      // The key is read from where it is when connecting; only its path is stored.
      defaultUri: field === 'sshKeyFile' ? vscode.Uri.file(path.join(os.homedir(), '.ssh')) : undefined,
    });
    return picked?.[0] ? { type: 'picked', field, path: picked[0].fsPath } : undefined;
  }

  private async test(values: ConnectionFormValues, secrets: ConnectionFormSecrets): Promise<PanelMessage> {
    const problems = { ...this.problems(values, secrets), ...(await this.fileProblems(values)) };
    delete problems.password;
    delete problems.name;
    if (Object.keys(problems).length > 0) return { type: 'problems', problems };
    const draft = draftOf(values, this.existing);
    try {
      const info = await this.deps.manager.testConnection(draft, await this.testPassword(values, secrets));
      const shared = info.sharedData ? ` ${t('Shared-data cluster: BACKUP and RESTORE are not supported there.')}` : '';
      return { type: 'testResult', ok: true, message: `${t('Connected: {0}.', describeServer(info, t))}${shared}` };
    } catch (e) {
      return { type: 'testResult', ok: false, message: errorText(e), field: likelyField(e, values) };
    }
  }

  /** The password for Test Connection: typed in the form, or (editing, left empty) the stored one. */
  private async testPassword(values: ConnectionFormValues, secrets: ConnectionFormSecrets): Promise<string | undefined> {
    if (values.passwordMode === 'none') return undefined;
    if (secrets.password !== undefined) return secrets.password;
    if (this.existing && this.stored.password)
      return (await this.deps.manager.resolvePassword({ ...this.existing, passwordMode: 'stored' })).password;
    return undefined;
  }

  private async save(values: ConnectionFormValues, secrets: ConnectionFormSecrets): Promise<PanelMessage | undefined> {
    if (this.saving) return undefined;
    const problems = { ...this.problems(values, secrets), ...(await this.fileProblems(values)) };
    if (Object.keys(problems).length > 0) return { type: 'problems', problems };
    this.saving = true;
    try {
      const draft = draftOf(values, this.existing);
      const password = draft.passwordMode === 'stored' ? secrets.password : undefined;
      const profile = this.existing
        ? await this.deps.manager.updateProfile({ ...draft, id: this.existing.id }, password)
        : await this.deps.manager.addProfile(draft, password);
      await this.saveSshSecret(profile, secrets.sshSecret);
      this.resolveResult(profile);
      void vscode.window.showInformationMessage(
        t('Connection "{0}" saved ({1}).', profile.name, formatHostPort(profile.host, profile.port)),
      );
      this.panel?.dispose();
      return { type: 'saved' };
    } catch (e) {
      return { type: 'testResult', ok: false, message: errorText(e) };
    } finally {
      this.saving = false;
    }
  }

  /**
   * The tunnel's secret goes to SecretStorage when typed. Kept when left empty and the method is the
   * same; deleted when the tunnel is gone, uses the agent, or switched between key and password
   * (a key passphrase is not an SSH password).
   */
  private async saveSshSecret(profile: ConnectionProfile, typed: string | undefined): Promise<void> {
    const { manager } = this.deps;
    const auth = profile.ssh?.auth;
    if (typed !== undefined && (auth === 'key' || auth === 'password')) return manager.updateSshSecret(profile.id, typed);
    const sameMethod = auth !== undefined && auth !== 'agent' && this.existing?.ssh?.auth === auth;
    if (!sameMethod && this.stored.sshSecret) await manager.updateSshSecret(profile.id, undefined);
  }
}

/** The field most likely holding the mistake, by the kind of failure (as the wizard's "Fix …" choice did). */
function likelyField(error: unknown, values: ConnectionFormValues): FormField {
  switch ((error as Partial<ConnectionError>).kind) {
    case 'auth':
      return values.passwordMode !== 'none' && !/clear text/i.test(errorText(error)) ? 'password' : 'tls';
    case 'tls':
    case 'config':
      return 'tls';
    case 'permission':
    case 'server':
      return values.database.trim() ? 'database' : 'user';
    default:
      return 'host';
  }
}
