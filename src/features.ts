import * as vscode from 'vscode';
import { ServerCatalog } from './catalog/serverCatalog';
import { ConnectionForms } from './commands/connections/connectionFormPanel';
import { GuideProgress, registerWalkthroughCommand } from './commands/guide/walkthrough';
import { registerConnectionCommands } from './commands/connections/register';
import { registerJobCommands } from './commands/jobs/registerJobCommands';
import { ConnectionManager } from './connections/connectionManager';
import { seedFromEnvironment } from './connections/seedConnections';
import { ConnectionStatusBar } from './connections/statusBar';
import { JobTracker } from './jobs/jobTracker';
import { LanguageFeatures } from './language/languageFeatures';
import { registerWorkflowCommands } from './commands/workflows/register';
import { registerStorageCommands, type StorageFeatures } from './commands/storage/register';
import { SwitchablePrompter, WindowPrompter, type Prompter } from './ui/prompter';
import type { ExplorerTreeProvider } from './views/explorerTreeProvider';
import type { ExplorerNode } from './views/nodes/explorerNode';
import { registerExplorer } from './views/registerExplorer';
import { PlanStore } from './commands/plans/planStore';
import { registerPlanCommands } from './commands/plans/register';
import { saveBackupAsPlan } from './commands/plans/savePlan';
import type { WorkflowDeps } from './commands/workflows/common/deps';
import { JOB_DETAILS_SCHEME } from './jobs/detailsDocument';
import { RESULT_SCHEME } from './language/run/resultDocuments';
import { errorText } from './ui/errorText';

/**
 * What activate() returns in development and test mode (see `exportedApi.ts`; an installed
 * extension returns nothing). Integration tests reach the services through it; nothing else in the
 * extension holds them globally.
 */
export interface ExtensionApi {
  readonly log: vscode.LogOutputChannel;
  /** Replaceable so that integration tests can answer dialogs they cannot click. */
  prompter: Prompter;
  /** Profiles, secrets and sessions (`ConnectionService` plus what the connection commands use). */
  readonly connections: ConnectionManager;
  /** BACKUP/RESTORE jobs: `JobTrackerService` plus the status bar model, notifications and `restart()` for tests. */
  readonly jobs: JobTracker;
  /** The server-data layer: fresh reads, and the cached names completion uses. */
  readonly catalog: ServerCatalog;
  /** The explorer's data provider: `getChildren()` / `getTreeItem()` for tests, `registerSnapshotDecorations()` for storage. */
  readonly tree: ExplorerTreeProvider;
  /** The explorer view itself (visibility, selection). */
  readonly explorerView: vscode.TreeView<ExplorerNode>;
  /** Where the extension keeps things, so tests can check that no secret leaks there. Read-only. */
  readonly diagnostics: ExtensionDiagnostics;
  /** SQL authoring in `.sql` files: editor connections, live names, runner, results, SQL secrets. */
  readonly language: LanguageFeatures;
  /** Snapshot files on S3: the size service (cache, sizing) and the S3 clients of repositories. */
  readonly storage: StorageFeatures;
  /** The open Add/Edit Connection forms, so tests can post what the webview would. */
  readonly connectionForms: ConnectionForms;
  /** The walkthrough's progress: which of its context keys the catalog's reads have set. */
  readonly guide: GuideProgress;
  /** Backup plans: the plan file and each plan's run and drill history. */
  readonly plans: PlanStore;
}

export interface ExtensionDiagnostics {
  /** Every key of the extension's globalState with its value (non-secret by design). */
  globalState(): Record<string, unknown>;
  /** `context.logUri`: the folder of the extension's logs. */
  readonly logUri: vscode.Uri;
  readonly globalStorageUri: vscode.Uri;
}

/** What activation's proxies and view forward to once the features are loaded. */
export interface Features {
  /** Built in every mode; `activate()` exports it only in development and test mode (`exportedApi.ts`). */
  readonly api: ExtensionApi;
  readonly tree: ExplorerTreeProvider;
  readonly completion: vscode.CompletionItemProvider;
  readonly codeLens: vscode.CodeLensProvider;
  readonly codeActions: vscode.CodeActionProvider;
  /** The content providers of the extension's virtual documents, by URI scheme. */
  readonly documents: ReadonlyMap<string, vscode.TextDocumentContentProvider>;
}

/** What activation made before the features were loaded, handed to them. */
export interface ActivationShell {
  readonly log: vscode.LogOutputChannel;
  /** The explorer view, created at activation with a provider that forwards to `Features.tree`. */
  readonly explorerView: vscode.TreeView<unknown>;
}

/**
 * The composition root of the features, loaded on first use (`src/activation/featureLoader.ts`):
 * builds every service once and hands each its dependencies. Its commands and providers replace
 * the proxies activation registered.
 */
export function startFeatures(context: vscode.ExtensionContext, shell: ActivationShell): Features {
  const { log } = shell;
  // Services get this one prompter; `api.prompter` swaps what it forwards to (tests script it).
  const prompter = new SwitchablePrompter(new WindowPrompter());
  const connections = new ConnectionManager({ state: context.globalState, secrets: context.secrets, log, prompter });
  const forms = new ConnectionForms();
  context.subscriptions.push(
    connections,
    new ConnectionStatusBar(connections),
    ...registerConnectionCommands({ manager: connections, prompter, log, forms, extensionUri: context.extensionUri }),
  );
  // `npm run demo` and the test harness hand over ready-made connections (development/test mode only).
  const seeding = context.extensionMode !== vscode.ExtensionMode.Production;
  void seedFromEnvironment(connections, process.env, seeding, log).catch((error) =>
    log.error(`Seeding connections failed: ${String(error)}`),
  );
  // The one server-data layer under the tree, the workflows, the storage commands and the SQL features.
  const guide = new GuideProgress();
  const catalog = new ServerCatalog(connections, {
    onLookupError: (what, error) => log.debug(`Could not list ${what}: ${errorText(error)}`),
    onRead: guide.onRead,
  });
  context.subscriptions.push(catalog, registerWalkthroughCommand({ log, prompter }));
  const jobs = new JobTracker({ connections, globalState: context.globalState, log });
  context.subscriptions.push(jobs, ...registerJobCommands(jobs, prompter, log));
  // The view was made at activation; only the explorer knows its nodes, hence the element type here.
  const explorerView = shell.explorerView as vscode.TreeView<ExplorerNode>;
  // Backup plans: the workspace's plan file, their history in workspaceState (see PlanStore).
  const plans = new PlanStore(context.workspaceState);
  context.subscriptions.push(plans);
  const explorer = registerExplorer({ connections, jobs, catalog, prompter, log, plans }, explorerView);
  context.subscriptions.push(explorer);
  const workflowDeps: WorkflowDeps = {
    connections,
    jobs,
    prompter,
    catalog,
    explorer: explorer.provider,
    log,
    planSaver: { saveFromBackup: (choices) => saveBackupAsPlan({ ...workflowDeps, plans }, choices) },
  };
  context.subscriptions.push(...registerWorkflowCommands(workflowDeps));
  const storage = registerStorageCommands(workflowDeps, explorer.provider);
  context.subscriptions.push(storage);
  context.subscriptions.push(...registerPlanCommands({ ...workflowDeps, sizes: storage.sizes, clients: storage.clients, plans }));
  const language = new LanguageFeatures({
    connections,
    jobs,
    catalog,
    prompter,
    log,
    workspaceState: context.workspaceState,
    secrets: context.secrets,
  });
  context.subscriptions.push(language);
  const api: ExtensionApi = {
    log,
    connections,
    jobs,
    catalog,
    tree: explorer.provider,
    explorerView,
    language,
    storage,
    connectionForms: forms,
    guide,
    plans,
    diagnostics: {
      globalState: () => Object.fromEntries(context.globalState.keys().map((key) => [key, context.globalState.get(key)])),
      logUri: context.logUri,
      globalStorageUri: context.globalStorageUri,
    },
    get prompter(): Prompter {
      return prompter.target;
    },
    set prompter(value: Prompter) {
      prompter.target = value;
    },
  };
  log.info('StarRocks Backup features loaded');
  return {
    api,
    tree: explorer.provider,
    completion: language.completion,
    codeLens: language.codeLenses,
    codeActions: language.quickFixes,
    documents: new Map<string, vscode.TextDocumentContentProvider>([
      [JOB_DETAILS_SCHEME, jobs.details],
      [RESULT_SCHEME, language.results],
    ]),
  };
}
