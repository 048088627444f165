import * as vscode from 'vscode';
import { formatHostPort } from '../../connections/profileValidation';
import type { ConnectionCommandDeps } from './profileCommands';
import { targetProfile } from './commandTarget';

const t = vscode.l10n.t;

/** Forget Password: deletes the stored password; the next connect asks again. */
export async function forgetPassword({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<boolean> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection whose password to forget'));
  if (!profile) return false;
  if (!(await manager.hasStoredPassword(profile.id))) {
    void vscode.window.showInformationMessage(t('No password is stored for "{0}".', profile.name));
    return false;
  }
  await manager.forgetPassword(profile.id);
  void vscode.window.showInformationMessage(
    t('The stored password of "{0}" was deleted. You will be asked for it on the next connect.', profile.name),
  );
  return true;
}

/** Update Password: stores a new password and reconnects with it on the next use. */
export async function updatePassword({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<boolean> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection whose password to update'));
  if (!profile) return false;
  const password = await prompter.input({
    title: t('Update Password'),
    prompt: t(
      'New password of {0} on {1}. It is stored in the secret storage of VS Code.',
      profile.user,
      formatHostPort(profile.host, profile.port),
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) =>
      v === '' ? t('Enter the password. To connect without one, edit the connection and choose "No password".') : undefined,
  });
  if (password === undefined) return false;
  await manager.updatePassword(profile.id, password);
  void vscode.window.showInformationMessage(t('The password of "{0}" was updated.', profile.name));
  return true;
}
