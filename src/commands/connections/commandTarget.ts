import * as vscode from 'vscode';
import type { ConnectionManager } from '../../connections/connectionManager';
import { formatHostPort } from '../../connections/profileValidation';
import type { ConnectionProfile } from '../../connections/types';
import type { Prompter } from '../../ui/prompter';

/**
 * What a connection command was invoked on. From the tree it is a node with `profileId` (and, for a
 * repository node, its `name`); other code may pass a profile id; from the palette nothing, and the
 * user picks the connection.
 */
export async function targetProfile(
  manager: ConnectionManager,
  prompter: Prompter,
  arg: unknown,
  placeholder: string,
): Promise<ConnectionProfile | undefined> {
  const id = profileIdOf(arg);
  if (id !== undefined) {
    const profile = manager.getProfile(id);
    if (!profile) throw new Error(vscode.l10n.t('That connection no longer exists.'));
    return profile;
  }
  return pickProfile(manager, prompter, placeholder);
}

export function profileIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const node = arg as { profileId?: unknown; profile?: { id?: unknown } };
    if (typeof node.profileId === 'string') return node.profileId;
    if (typeof node.profile?.id === 'string') return node.profile.id;
  }
  return undefined;
}

/** The repository a tree node stands for: `{ name }` of a repository node, or a `repository` field. */
export function repositoryOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { repository?: unknown; name?: unknown; info?: { name?: unknown } };
  if (typeof node.repository === 'string') return node.repository;
  if (typeof node.info?.name === 'string') return node.info.name;
  if (typeof node.name === 'string' && typeof (node as { profileId?: unknown }).profileId === 'string') return node.name;
  return undefined;
}

export async function pickProfile(
  manager: ConnectionManager,
  prompter: Prompter,
  placeHolder: string,
): Promise<ConnectionProfile | undefined> {
  const profiles = manager.listProfiles();
  if (profiles.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no StarRocks connection yet. Use "Add Connection…" first.'));
    return undefined;
  }
  const items = profiles.map((profile) => ({
    label: profile.name,
    description: [`${profile.user}@${formatHostPort(profile.host, profile.port)}`, profile.environment].filter(Boolean).join(' · '),
    profile,
  }));
  const picked = await prompter.pickOne(items, { placeHolder, matchOnDescription: true });
  return picked?.profile;
}
