import type * as vscode from 'vscode';
import type { S3CredentialSource } from './types';

/**
 * Passwords and S3 credentials, only ever in `context.secrets` (the OS keychain in desktop VS Code).
 * Keys: `starrocksBackup.password.<profileId>` and `starrocksBackup.s3.<profileId>.<repository>`.
 */
export const secretKeys = {
  password: (profileId: string): string => `starrocksBackup.password.${profileId}`,
  s3: (profileId: string, repository: string): string => `starrocksBackup.s3.${profileId}.${repository}`,
  /** The SSH key passphrase or SSH password of a connection's tunnel (whichever its auth method uses). */
  sshSecret: (profileId: string): string => `starrocksBackup.ssh.${profileId}`,
};

export class SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async password(profileId: string): Promise<string | undefined> {
    return this.secrets.get(secretKeys.password(profileId));
  }

  async setPassword(profileId: string, password: string): Promise<void> {
    await this.secrets.store(secretKeys.password(profileId), password);
  }

  async deletePassword(profileId: string): Promise<void> {
    await this.secrets.delete(secretKeys.password(profileId));
  }

  async sshSecret(profileId: string): Promise<string | undefined> {
    return this.secrets.get(secretKeys.sshSecret(profileId));
  }

  async setSshSecret(profileId: string, secret: string): Promise<void> {
    await this.secrets.store(secretKeys.sshSecret(profileId), secret);
  }

  async deleteSshSecret(profileId: string): Promise<void> {
    await this.secrets.delete(secretKeys.sshSecret(profileId));
  }

  async s3(profileId: string, repository: string): Promise<S3CredentialSource | undefined> {
    const text = await this.secrets.get(secretKeys.s3(profileId, repository));
    if (!text) return undefined;
    try {
      const parsed = JSON.parse(text) as S3CredentialSource;
      return parsed.kind === 'keys' || parsed.kind === 'defaultChain' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async setS3(profileId: string, repository: string, credentials: S3CredentialSource): Promise<void> {
    await this.secrets.store(secretKeys.s3(profileId, repository), JSON.stringify(credentials));
  }

  async deleteS3(profileId: string, repository: string): Promise<void> {
    await this.secrets.delete(secretKeys.s3(profileId, repository));
  }
}
