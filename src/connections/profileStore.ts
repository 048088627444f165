import type * as vscode from 'vscode';
import { STATE_KEYS } from './stateKeys';
import type { ConnectionProfile, S3EndpointSettings } from './types';

/**
 * Non-secret connection data in `globalState`: the profiles, S3 endpoint settings per repository,
 * and which repositories have S3 credentials in SecretStorage (SecretStorage cannot list its keys,
 * and Remove Connection must delete them all).
 */
export { STATE_KEYS };

type PerProfile<T> = Record<string, T>;

export class ProfileStore {
  constructor(private readonly state: vscode.Memento) {}

  list(): ConnectionProfile[] {
    return [...this.state.get<ConnectionProfile[]>(STATE_KEYS.profiles, [])];
  }

  get(id: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  /** Adds or replaces (by id), keeping the order of the list. */
  async put(profile: ConnectionProfile): Promise<void> {
    const list = this.list();
    const index = list.findIndex((p) => p.id === profile.id);
    if (index >= 0) list[index] = profile;
    else list.push(profile);
    await this.state.update(STATE_KEYS.profiles, list);
  }

  /** Removes the profile and everything stored for it here. */
  async remove(id: string): Promise<void> {
    await this.state.update(
      STATE_KEYS.profiles,
      this.list().filter((p) => p.id !== id),
    );
    await this.updateMap<Record<string, S3EndpointSettings>>(STATE_KEYS.s3Endpoints, (map) => delete map[id]);
    await this.updateMap<string[]>(STATE_KEYS.s3CredentialRepos, (map) => delete map[id]);
  }

  endpoints(profileId: string): Record<string, S3EndpointSettings> {
    return { ...(this.state.get<PerProfile<Record<string, S3EndpointSettings>>>(STATE_KEYS.s3Endpoints, {})[profileId] ?? {}) };
  }

  async setEndpoint(profileId: string, repository: string, settings: S3EndpointSettings | undefined): Promise<void> {
    await this.updateMap<Record<string, S3EndpointSettings>>(STATE_KEYS.s3Endpoints, (map) => {
      const repos = { ...(map[profileId] ?? {}) };
      if (settings && (settings.endpoint || settings.region || settings.forcePathStyle || settings.repositoryAuth))
        repos[repository] = settings;
      else delete repos[repository];
      map[profileId] = repos;
    });
  }

  credentialRepositories(profileId: string): string[] {
    return [...(this.state.get<PerProfile<string[]>>(STATE_KEYS.s3CredentialRepos, {})[profileId] ?? [])];
  }

  async setHasCredentials(profileId: string, repository: string, has: boolean): Promise<void> {
    await this.updateMap<string[]>(STATE_KEYS.s3CredentialRepos, (map) => {
      const repos = new Set(map[profileId] ?? []);
      if (has) repos.add(repository);
      else repos.delete(repository);
      map[profileId] = [...repos];
    });
  }

  private async updateMap<T>(key: string, change: (map: PerProfile<T>) => void): Promise<void> {
    const map = { ...this.state.get<PerProfile<T>>(key, {}) };
    change(map);
    await this.state.update(key, map);
  }
}
