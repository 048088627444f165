import * as vscode from 'vscode';
import { describeAddress, parseConnectionAddress } from '../../connections/connectionAddress';
import type { ConnectionManager } from '../../connections/connectionManager';
import { describeServer } from '../../connections/serverProbe';
import { formatHostPort } from '../../connections/profileValidation';
import type { ConnectionProfile, ServerInfo, StarRocksSession } from '../../connections/types';
import type { Prompter } from '../../ui/prompter';
import { targetProfile } from './commandTarget';
import { ConnectionFormPanel, type ConnectionForms } from './connectionFormPanel';

const t = vscode.l10n.t;

export interface ConnectionCommandDeps {
  manager: ConnectionManager;
  prompter: Prompter;
  log: vscode.LogOutputChannel;
  /** The open connection forms (webviews). */
  forms: ConnectionForms;
  extensionUri: vscode.Uri;
}

/** Add Connection…: the connection form. Resolves to the new profile once saved, undefined when closed. */
export async function addConnection(deps: ConnectionCommandDeps): Promise<ConnectionProfile | undefined> {
  return new ConnectionFormPanel(deps, deps.forms).show();
}

/** Edit Connection…: the same form, filled in; empty secret fields keep the stored secrets. */
export async function editConnection(deps: ConnectionCommandDeps, arg: unknown): Promise<ConnectionProfile | undefined> {
  const profile = await targetProfile(deps.manager, deps.prompter, arg, t('Connection to edit'));
  if (!profile) return undefined;
  return new ConnectionFormPanel(deps, deps.forms, profile).show();
}

/**
 * Add Connection from Address…: a pasted `mysql://user@host:port/db` or `jdbc:mysql://…` address
 * opens the form filled in; a password in the address goes to the form's password field. The
 * address itself is never logged (it may hold that password).
 */
export async function addConnectionFromAddress(deps: ConnectionCommandDeps, arg?: unknown): Promise<ConnectionProfile | undefined> {
  const text =
    typeof arg === 'string'
      ? arg
      : await deps.prompter.input({
          title: t('Add Connection from Address'),
          prompt: t('Paste a mysql:// or jdbc:mysql:// address; a password in it goes to the password field and nowhere else'),
          placeHolder: t('e.g. mysql://root@fe1.example.com:9030/sales or jdbc:mysql://fe1:9030/sales?user=etl'),
          ignoreFocusOut: true,
          validateInput: (value) => {
            const parsed = parseConnectionAddress(value, t);
            return 'error' in parsed ? parsed.error : undefined;
          },
        });
  if (text === undefined) return undefined;
  const parsed = parseConnectionAddress(text, t);
  if ('error' in parsed) throw Object.assign(new Error(parsed.error), { kind: 'refused' as const });
  deps.log.info(
    `Add Connection from Address: ${describeAddress(parsed)}${parsed.password ? ' (with a password, moved to the form)' : ''}.`,
  );
  return new ConnectionFormPanel(deps, deps.forms, undefined, parsed).show();
}

/** Remove Connection: after a modal confirmation, with its secrets. Resolves to true when removed. */
export async function removeConnection({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<boolean> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection to remove'));
  if (!profile) return false;
  const remove = t('Remove');
  const answer = await prompter.confirm(
    t('Remove the connection "{0}"?', profile.name),
    t(
      'Its stored password and S3 credentials are deleted from this machine. Nothing changes on the server: repositories and snapshots stay.',
    ),
    remove,
  );
  if (answer !== remove) return false;
  await manager.removeProfile(profile.id);
  return true;
}

/** Test Connection: a fresh connection with the saved settings, reporting the version. */
export async function testConnection({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<ServerInfo | undefined> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection to test'));
  if (!profile) return undefined;
  const { password, store } = await manager.resolvePassword(profile);
  const info = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: t('Testing the connection to {0} ({1})…', profile.name, formatHostPort(profile.host, profile.port)),
    },
    () => manager.testConnection(profile, password),
  );
  // A stored-password profile without one (imported, or forgotten) keeps what worked.
  if (store) await manager.updatePassword(profile.id, password);
  const message = t('Connected to "{0}": {1}.', profile.name, describeServer(info, t));
  if (info.sharedData)
    void vscode.window.showWarningMessage(`${message} ${t('BACKUP and RESTORE are not supported on shared-data clusters.')}`);
  else void vscode.window.showInformationMessage(message);
  return info;
}

/** Connect: opens (or reuses) the profile's session. */
export async function connect({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<StarRocksSession | undefined> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection to open'));
  if (!profile) return undefined;
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: t('Connecting to {0} ({1})…', profile.name, formatHostPort(profile.host, profile.port)),
    },
    () => manager.getSession(profile.id),
  );
}

export async function disconnect({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<void> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection to close'));
  if (profile) await manager.disconnect(profile.id);
}
