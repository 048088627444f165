import * as vscode from 'vscode';

/**
 * What `activate()` hands to other extensions (`vscode.extensions.getExtension(…).exports`).
 *
 * The full API reaches the connection manager (passwords, S3 keys), the SQL secrets and the
 * prompter that answers every destructive confirmation; any installed extension can read the
 * exports. So only a run under development or test (`--extensionDevelopmentPath`) gets it, for the
 * integration tests. An installed extension (Production) exports nothing at all: no consumer needs
 * an API, and an empty export cannot grow a path to a secret by accident, which a "small read-only
 * API" could with every field added to it. In Production `build` is not even called.
 */
export function exportsFor<T>(mode: vscode.ExtensionMode, build: () => T): T | undefined {
  return mode === vscode.ExtensionMode.Development || mode === vscode.ExtensionMode.Test ? build() : undefined;
}
