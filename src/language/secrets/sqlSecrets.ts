import * as vscode from 'vscode';
import { tokenize } from '../../starrocks/sqlLexer';
import type { Prompter } from '../../ui/prompter';
import { analyzeDocument } from '../diagnostics/analyze';
import type { AnalysisEnv } from '../diagnostics/types';
import { resolveSecretReferences, secretName, secretReference, secretStorageKey } from '../secretReferences';

/**
 * The secrets SQL files refer to (`${secret:<repository>/<key>}`), kept in VS Code's SecretStorage
 * under their own prefix. Moves a clear-text secret out of a file (the quick fix) and resolves
 * references just before a statement is sent, asking once for a secret this machine does not have.
 */
export class SqlSecrets {
  constructor(private readonly deps: { secrets: vscode.SecretStorage; prompter: Prompter; log: vscode.LogOutputChannel }) {}

  get(name: string): Thenable<string | undefined> {
    return this.deps.secrets.get(secretStorageKey(name));
  }

  async store(name: string, value: string): Promise<void> {
    await this.deps.secrets.store(secretStorageKey(name), value);
  }

  /**
   * The quick fix: finds the clear-text secret of `key` in the CREATE REPOSITORY at `offset`, stores
   * it and replaces it in the document by a reference. The value is read from the document, never
   * passed around in command arguments.
   */
  async moveToStorage(uri: vscode.Uri, offset: number, repository: string, key: string, env: AnalysisEnv): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const candidates = analyzeDocument(text, env).filter((i) => i.fix?.kind === 'moveSecret' && i.fix.repository === repository && i.fix.key === key);
    // The document may have changed since the fix was offered: prefer the one at the offset.
    const issue = candidates.find((i) => i.start <= offset && offset <= i.end) ?? candidates[0];
    if (!issue || issue.fix?.kind !== 'moveSecret') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The secret of {0} is no longer written in clear text here.', key));
      return false;
    }
    const literal = tokenize(text.slice(issue.fix.value.start, issue.fix.value.end))[0];
    const name = secretName(repository, key);
    await this.store(name, literal.value);
    const quote = literal.text[0];
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(issue.fix.value.start), document.positionAt(issue.fix.value.end)), `${quote}${secretReference(name)}${quote}`);
    const applied = await vscode.workspace.applyEdit(edit);
    this.deps.log.info(`Moved the value of ${key} of repository ${repository} to secret storage (${secretStorageKey(name)}).`);
    if (applied) void vscode.window.showInformationMessage(vscode.l10n.t('The secret is now in VS Code\'s secret storage; the file refers to it as {0}. Save the file to keep the change.', secretReference(name)));
    return applied;
  }

  /**
   * `sql` with its secret references replaced by the secrets. A secret this machine does not have
   * is asked for (password input) and stored; undefined when the user dismissed the prompt.
   */
  async resolve(sql: string): Promise<string | undefined> {
    let result = await resolveSecretReferences(sql, (name) => Promise.resolve(this.get(name)));
    if (result.misplaced.length > 0) {
      throw new Error(vscode.l10n.t('{0} can only stand as the value of a secret property such as "aws.s3.secret_key": anywhere else it would show in clear text in logs and previews. Move it, or write the value itself.', secretReference(result.misplaced[0])));
    }
    for (const name of result.missing) {
      const value = await this.deps.prompter.input({
        title: vscode.l10n.t('Secret {0}', name),
        prompt: vscode.l10n.t('The statement refers to the secret {0}, which is not stored in VS Code on this machine yet. Enter it to store it and run the statement.', secretReference(name)),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length === 0 ? vscode.l10n.t('Enter the secret.') : undefined),
      });
      if (value === undefined) return undefined;
      await this.store(name, value);
    }
    if (result.missing.length > 0) result = await resolveSecretReferences(sql, (name) => Promise.resolve(this.get(name)));
    return result.missing.length === 0 ? result.sql : undefined;
  }
}
