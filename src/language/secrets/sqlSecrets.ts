import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionService } from '../../connections/types';
import { tokenize } from '../../starrocks/sqlLexer';
import type { Prompter } from '../../ui/prompter';
import { analyzeDocument } from '../diagnostics/analyze';
import type { AnalysisEnv } from '../diagnostics/types';
import type { EditorConnections } from '../editor/editorConnections';
import { parseStatement } from '../parser';
import {
  decodeStoredSecret,
  encodeStoredSecret,
  legacySecretStorageKey,
  resolveSecretReferences,
  secretName,
  secretReference,
  secretStorageKey,
  statementBinding,
  type RefusedReference,
  type SecretBinding,
  type StoredSecret,
} from '../secretReferences';
import { documentStatements, statementAt } from '../documentStatements';

/** A statement whose secret references may not be resolved; the message says why and what to do. */
export class SecretReferenceError extends Error {}

export interface SqlSecretsDeps {
  secrets: vscode.SecretStorage;
  prompter: Prompter;
  log: vscode.LogOutputChannel;
  connections: Pick<ConnectionService, 'getProfile'>;
  editorConnections: Pick<EditorConnections, 'profileFor' | 'select'>;
  /** Whether the workspace is trusted; `vscode.workspace.isTrusted` unless a test says otherwise. */
  isTrusted?: () => boolean;
}

/**
 * The secrets SQL files refer to (`${secret:<repository>/<key>}`), kept in VS Code's SecretStorage
 * bound to the connection, repository, location and endpoint they were stored for (see
 * `secretReferences.ts`). Moves a clear-text secret out of a file (the quick fix) and resolves
 * references just before a statement is sent, asking once for a secret this connection does not have.
 */
export class SqlSecrets {
  constructor(private readonly deps: SqlSecretsDeps) {}

  /** What is stored under `name` for connection `profileId` (undefined when nothing bound is). */
  async get(profileId: string, name: string): Promise<StoredSecret | undefined> {
    return decodeStoredSecret(await this.deps.secrets.get(secretStorageKey(profileId, name)));
  }

  private async store(name: string, secret: string, binding: SecretBinding): Promise<void> {
    await this.deps.secrets.store(secretStorageKey(binding.profileId, name), encodeStoredSecret({ secret, binding }));
    // The unbound value of an earlier version is never used again; do not leave it lying around.
    await this.deps.secrets.delete(legacySecretStorageKey(name));
  }

  private isTrusted(): boolean {
    return (this.deps.isTrusted ?? (() => vscode.workspace.isTrusted))();
  }

  /**
   * The quick fix: finds the clear-text secret of `key` in the CREATE REPOSITORY at `offset`, stores
   * it bound to the editor's connection and that statement's repository, location and endpoint,
   * and replaces it in the document by a reference. The value is read from the document, never
   * passed around in command arguments. Nothing is stored from an untrusted workspace, and an
   * existing stored value is replaced only after a modal confirmation.
   */
  async moveToStorage(uri: vscode.Uri, offset: number, repository: string, key: string, env: AnalysisEnv): Promise<boolean> {
    if (!this.isTrusted()) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Moving a secret to VS Code's secret storage needs a trusted workspace: a file from a folder you have not trusted could otherwise replace a stored secret. Trust this workspace, then use the quick fix again. Nothing was stored.",
        ),
      );
      return false;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const candidates = analyzeDocument(text, env).filter(
      (i) => i.fix?.kind === 'moveSecret' && i.fix.repository === repository && i.fix.key === key,
    );
    // The document may have changed since the fix was offered: prefer the one at the offset.
    const issue = candidates.find((i) => i.start <= offset && offset <= i.end) ?? candidates[0];
    if (!issue || issue.fix?.kind !== 'moveSecret') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The secret of {0} is no longer written in clear text here.', key));
      return false;
    }
    const profile = this.deps.editorConnections.profileFor(uri) ?? (await this.deps.editorConnections.select(uri));
    if (!profile) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Choose the connection this file runs on first: a stored secret belongs to one connection. Nothing was stored.'),
      );
      return false;
    }
    const statement = statementAt(documentStatements(text), issue.start);
    const binding = statement ? statementBinding(parseStatement(statement), profile.id) : undefined;
    if (!binding) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Write the LOCATION of repository {0} first: a stored secret is only ever sent to the location it was stored for. Nothing was stored.',
          repository,
        ),
      );
      return false;
    }
    const name = secretName(repository, key);
    const existing = await this.get(profile.id, name);
    if (existing && !(await this.confirmReplace(name, existing.binding, binding, profile))) return false;
    const literal = tokenize(text.slice(issue.fix.value.start, issue.fix.value.end))[0];
    await this.store(name, literal.value, binding);
    const quote = literal.text[0];
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(document.positionAt(issue.fix.value.start), document.positionAt(issue.fix.value.end)),
      `${quote}${secretReference(name)}${quote}`,
    );
    const applied = await vscode.workspace.applyEdit(edit);
    this.deps.log.info(
      `Moved the value of ${key} of repository ${repository} to secret storage for ${profile.name}, location ${binding.location}.`,
    );
    if (applied)
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          "The secret is now in VS Code's secret storage for repository {0} on {1}; the file refers to it as {2}. Save the file to keep the change.",
          repository,
          profile.name,
          secretReference(name),
        ),
      );
    return applied;
  }

  private async confirmReplace(name: string, stored: SecretBinding, next: SecretBinding, profile: ConnectionProfile): Promise<boolean> {
    const action = vscode.l10n.t('Replace Stored Secret');
    const answer = await this.deps.prompter.confirm(
      vscode.l10n.t(
        'A secret is already stored as {0} on {1}. Replace it with the value written in this file?',
        secretReference(name),
        profile.name,
      ),
      vscode.l10n.t(
        'Stored for repository {0} at {1}{2}. After replacing, it is sent only to repository {3} at {4}{5}. The old value cannot be recovered.',
        stored.repository,
        stored.location,
        describeEndpoints(stored),
        next.repository,
        next.location,
        describeEndpoints(next),
      ),
      action,
    );
    return answer === action;
  }

  /**
   * `sql` (one statement, run on `profile`) with its secret references replaced by the secrets. A
   * secret this connection does not have is asked for (password input) and stored, bound to this
   * statement; undefined when the user dismissed the prompt. Throws `SecretReferenceError` when a
   * reference stands anywhere but a secret property of a CREATE REPOSITORY, or its secret was stored
   * for another repository, location or endpoint: then nothing may be sent.
   */
  async resolve(sql: string, profile: ConnectionProfile): Promise<string | undefined> {
    const lookup = (name: string) => this.get(profile.id, name);
    let result = await resolveSecretReferences(sql, profile.id, lookup);
    if (result.misplaced.length > 0) {
      throw new SecretReferenceError(
        vscode.l10n.t(
          '{0} can only stand as the value of a secret property such as "aws.s3.secret_key" in the CREATE REPOSITORY it was stored for: anywhere else it would show in clear text in logs and previews, or reach a place it was not stored for. Move it, or write the value itself.',
          secretReference(result.misplaced[0]),
        ),
      );
    }
    if (result.refused.length > 0) throw new SecretReferenceError(this.refusal(result.refused[0], result.binding!, profile));
    const binding = result.binding;
    if (!binding) return result.sql; // no reference at all
    for (const name of result.missing) {
      const legacy = await this.deps.secrets.get(legacySecretStorageKey(name));
      const value = await this.deps.prompter.input({
        title: vscode.l10n.t('Secret {0}', name),
        prompt:
          legacy !== undefined
            ? vscode.l10n.t(
                '{0} was stored by an earlier version without the connection and location it belongs to, so it is not used. Enter it again to store it for repository {1} at {2} on {3}.',
                secretReference(name),
                binding.repository,
                binding.location,
                profile.name,
              )
            : vscode.l10n.t(
                'The statement refers to the secret {0}, which is not stored for repository {1} at {2} on {3} yet. Enter it to store it and run the statement.',
                secretReference(name),
                binding.repository,
                binding.location,
                profile.name,
              ),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length === 0 ? vscode.l10n.t('Enter the secret.') : undefined),
      });
      if (value === undefined) return undefined;
      await this.store(name, value, binding);
    }
    if (result.missing.length > 0) result = await resolveSecretReferences(sql, profile.id, lookup);
    return result.missing.length === 0 && result.refused.length === 0 && result.misplaced.length === 0 ? result.sql : undefined;
  }

  private refusal(refused: RefusedReference, actual: SecretBinding, profile: ConnectionProfile): string {
    const reference = secretReference(refused.name);
    const fix = vscode.l10n.t(
      'A stored secret is only sent to the repository, location and endpoint it was stored for. If this statement is right, write the secret in the file and move it to storage again with the quick fix.',
    );
    switch (refused.mismatch) {
      case 'repository':
        return `${vscode.l10n.t('{0} was stored for repository {1} on {2}, not for repository {3}.', reference, refused.stored.repository, profile.name, actual.repository)} ${fix}`;
      case 'location':
        return `${vscode.l10n.t('{0} was stored for repository {1} at {2} on {3}; this statement would send it to {4}.', reference, refused.stored.repository, refused.stored.location, profile.name, actual.location)} ${fix}`;
      case 'endpoint':
        return `${vscode.l10n.t('{0} was stored for repository {1} with endpoint {2} on {3}; this statement would send it to endpoint {4}.', reference, refused.stored.repository, describeEndpoints(refused.stored).trim() || vscode.l10n.t('(none)'), profile.name, describeEndpoints(actual).trim() || vscode.l10n.t('(none)'))} ${fix}`;
      case 'connection':
        return `${vscode.l10n.t('{0} was stored for another connection than {1}.', reference, profile.name)} ${fix}`;
    }
  }
}

function describeEndpoints(binding: SecretBinding): string {
  const values = Object.values(binding.endpoints);
  return values.length > 0 ? ` (${values.join(', ')})` : '';
}
