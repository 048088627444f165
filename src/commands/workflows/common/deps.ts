import type * as vscode from 'vscode';
import type { ConnectionService } from '../../../connections/types';
import type { JobTrackerService } from '../../../jobs/types';
import type { Prompter } from '../../../ui/prompter';
import type { ServerCatalog } from '../../../catalog/serverCatalog';
import type { BackupProperties } from '../../../starrocks/builders/backup';
import type { TableSelection } from '../../../starrocks/validation/tableSelection';
import type { WorkflowOutcome } from './outcome';
import type { TreeRefresher } from '../../../views/explorerTreeProvider';

/** What every workflow needs, passed in by the composition root (no module-level singletons). */
export interface WorkflowDeps {
  readonly connections: ConnectionService;
  readonly jobs: JobTrackerService;
  /** The switchable prompter: tests replace what it forwards to, so keep this object, not its target. */
  readonly prompter: Prompter;
  /** Reads the servers: fresh for every decision, cached only for lookups that must not wait. */
  readonly catalog: ServerCatalog;
  /** Told after a workflow changed something on a server. */
  readonly explorer: TreeRefresher;
  readonly log: vscode.LogOutputChannel;
  /** "Save as Plan…" at the end of Back Up; absent, the wizard does not offer it. */
  readonly planSaver?: PlanSaver;
}

/** What the Back Up wizard had answered, for "Save as Plan…" (the plans part saves it). */
export interface PlanSaver {
  saveFromBackup(choices: {
    profileId: string;
    database: string;
    tables?: TableSelection[];
    repository: string;
    properties?: BackupProperties;
  }): Promise<WorkflowOutcome>;
}
