import * as vscode from 'vscode';

/**
 * How the SQL providers are registered: the same selector, trigger characters and code action
 * kinds for activation's proxies (`src/activation/lazyProviders.ts`) and the real providers
 * (`languageFeatures.ts`). Kept apart from the providers so activation does not load them.
 */
export const SQL_SELECTOR: vscode.DocumentSelector = { language: 'sql' };

export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = [' ', '.', '(', ',', '"', "'", '`', '='];

export function quickFixMetadata(): vscode.CodeActionProviderMetadata {
  return { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
}
