import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connections/connectionManager';
import { describeServer } from '../../connections/serverProbe';
import { formatHostPort } from '../../connections/profileValidation';
import type { ConnectionProfile, ServerInfo, StarRocksSession } from '../../connections/types';
import type { Prompter } from '../../ui/prompter';
import { targetProfile } from './commandTarget';
import { ConnectionWizard } from './connectionWizard';

const t = vscode.l10n.t;

export interface ConnectionCommandDeps {
  manager: ConnectionManager;
  prompter: Prompter;
  log: vscode.LogOutputChannel;
}

/** Add Connection…: the wizard, then save. Resolves to the new profile. */
export async function addConnection({ manager, prompter }: ConnectionCommandDeps): Promise<ConnectionProfile | undefined> {
  const result = await new ConnectionWizard(manager, prompter).run();
  if (!result) return undefined;
  const profile = await manager.addProfile(result.draft, result.password, result.sshSecret);
  void vscode.window.showInformationMessage(t('Connection "{0}" saved.', profile.name));
  return profile;
}

/** Edit Connection…: the same wizard, prefilled. */
export async function editConnection({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<ConnectionProfile | undefined> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection to edit'));
  if (!profile) return undefined;
  const result = await new ConnectionWizard(manager, prompter, profile).run();
  if (!result) return undefined;
  return manager.updateProfile({ ...result.draft, id: profile.id }, result.password, result.sshSecret);
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
