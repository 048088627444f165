import type * as vscode from 'vscode';
import type { ConnectionService } from '../../../connections/types';
import type { JobTrackerService } from '../../../jobs/types';
import type { Prompter } from '../../../ui/prompter';
import type { ExplorerTreeProvider } from '../../../views/explorerTreeProvider';

/** What every workflow needs, passed in by the composition root (no module-level singletons). */
export interface WorkflowDeps {
  readonly connections: ConnectionService;
  readonly jobs: JobTrackerService;
  /** The switchable prompter: tests replace what it forwards to, so keep this object, not its target. */
  readonly prompter: Prompter;
  /** Reads servers (through the catalog) and is refreshed after a workflow changed something. */
  readonly explorer: ExplorerTreeProvider;
  readonly log: vscode.LogOutputChannel;
}
