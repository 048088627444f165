import * as vscode from 'vscode';
import { registerCommandProxies } from './activation/commandProxies';
import { FeatureLoader } from './activation/featureLoader';
import { createExplorerView, LazyExplorerProvider } from './activation/lazyExplorer';
import { loadSoon, registerLazyProviders } from './activation/lazyProviders';
import { CONTEXT_HAS_CONNECTIONS, STATE_KEYS } from './connections/stateKeys';
import { exportsFor } from './exportedApi';
import type { ExtensionApi } from './features';
import { HISTORY_KEY } from './jobs/core/historyKey';

export type { ExtensionApi, ExtensionDiagnostics } from './features';

/**
 * Activation: registers what VS Code needs to know about (every command, the explorer view, the
 * providers) as light proxies and loads the features (`src/features.ts`, `dist/features.js`) on
 * first use. It sends nothing over the network and does nothing per connection or per job: the
 * bundle of this file holds only `src/activation/` and a few plain-data modules, which
 * `test/unit/activationBundle.test.ts` checks. See docs/architecture.md, "Activation".
 */
export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi | undefined> {
  const log = vscode.window.createOutputChannel('StarRocks Backup', { log: true });
  context.subscriptions.push(log);
  const explorerProvider = new LazyExplorerProvider();
  const explorerView = createExplorerView(explorerProvider);
  context.subscriptions.push(explorerProvider, explorerView);
  const loader = new FeatureLoader(context, { log, explorerView }, (features) => explorerProvider.connect(features.tree));
  explorerProvider.loader = loader;
  loader.addProxies(...registerCommandProxies(loader), ...registerLazyProviders(loader));
  // Disposes the proxies with the extension when the features never loaded.
  context.subscriptions.push(loader);
  // The welcome view and the title-bar menus need this before the features load; one read, no walk.
  const profiles = context.globalState.get<unknown[]>(STATE_KEYS.profiles);
  void vscode.commands.executeCommand('setContext', CONTEXT_HAS_CONNECTIONS, Array.isArray(profiles) && profiles.length > 0);
  // Jobs of a past session are followed again, and an open .sql file gets its diagnostics: both
  // after activation returns.
  if (context.globalState.get(HISTORY_KEY) !== undefined || vscode.workspace.textDocuments.some((d) => d.languageId === 'sql')) {
    loadSoon(loader);
  }
  log.info(`StarRocks Backup ${context.extension.packageJSON.version} activated in VS Code ${vscode.version}`);
  // Development and test mode export the services, so the features load now (`exportedApi.ts`).
  const wantsApi = exportsFor(context.extensionMode, () => true) ?? false;
  return wantsApi ? (await loader.load()).api : undefined;
}

export function deactivate(): void {
  // Every service is disposed through context.subscriptions.
}
