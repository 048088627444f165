import * as vscode from 'vscode';
import { JOB_DETAILS_SCHEME, RESULT_SCHEME } from '../documentSchemes';
import { COMPLETION_TRIGGER_CHARACTERS, quickFixMetadata, SQL_SELECTOR } from '../language/providers/registration';
import type { FeatureLoader } from './featureLoader';

/**
 * Proxies of the providers, registered at activation: the first call loads the features (which
 * dispose these and register the real providers) and is answered by the real provider. A `.sql`
 * document also loads them shortly after it opens, for its diagnostics and the editor's connection.
 */
export function registerLazyProviders(loader: FeatureLoader): vscode.Disposable[] {
  const features = () => loader.load();
  const documents = [JOB_DETAILS_SCHEME, RESULT_SCHEME].map((scheme) =>
    vscode.workspace.registerTextDocumentContentProvider(scheme, {
      provideTextDocumentContent: async (uri, token) => {
        const provider = (await features()).documents.get(scheme);
        return provider?.provideTextDocumentContent(uri, token);
      },
    }),
  );
  return [
    ...documents,
    vscode.languages.registerCompletionItemProvider(
      SQL_SELECTOR,
      {
        provideCompletionItems: async (document, position, token, context) =>
          (await features()).completion.provideCompletionItems(document, position, token, context),
      },
      ...COMPLETION_TRIGGER_CHARACTERS,
    ),
    vscode.languages.registerCodeLensProvider(SQL_SELECTOR, {
      provideCodeLenses: async (document, token) => (await features()).codeLens.provideCodeLenses(document, token),
    }),
    vscode.languages.registerCodeActionsProvider(
      SQL_SELECTOR,
      {
        provideCodeActions: async (document, range, context, token) =>
          (await features()).codeActions.provideCodeActions(document, range, context, token),
      },
      quickFixMetadata(),
    ),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.languageId === 'sql') loadSoon(loader);
    }),
  ];
}

/** Loads the features after the current turn, off the path of whatever asked (activation, an event). */
export function loadSoon(loader: FeatureLoader): void {
  if (loader.loaded) return;
  setTimeout(() => void loader.load(), 0);
}
