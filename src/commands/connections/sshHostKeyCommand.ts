import * as vscode from 'vscode';
import { formatHostPort } from '../../connections/profileValidation';
import { formatFingerprint } from '../../connections/ssh/fingerprint';
import type { ConnectionProfile } from '../../connections/types';
import { targetProfile } from './commandTarget';
import type { ConnectionCommandDeps } from './profileCommands';

const t = vscode.l10n.t;

/**
 * Forget SSH Host Key: the deliberate way to accept a bastion's new key after "host key changed".
 * The next connection shows the key the bastion presents and asks to accept it.
 */
export async function forgetSshHostKey({ manager, prompter }: ConnectionCommandDeps, arg: unknown): Promise<ConnectionProfile | undefined> {
  const profile = await targetProfile(manager, prompter, arg, t('Connection whose SSH host key to forget'));
  if (!profile) return undefined;
  if (!profile.ssh) {
    void vscode.window.showInformationMessage(t('"{0}" connects directly, without an SSH tunnel.', profile.name));
    return undefined;
  }
  const key = profile.ssh.hostKey;
  const updated = await manager.forgetSshHostKey(profile.id);
  void vscode.window.showInformationMessage(
    key
      ? t(
          'The host key {0} {1} of the SSH bastion {2} is forgotten for "{3}". The next connection shows the key the bastion presents and asks you to accept it.',
          key.algorithm,
          formatFingerprint(key.sha256),
          formatHostPort(profile.ssh.host, profile.ssh.port),
          profile.name,
        )
      : t('No SSH host key was stored for "{0}". The next connection asks you to accept the key the bastion presents.', profile.name),
  );
  return updated;
}
