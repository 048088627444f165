import * as vscode from 'vscode';
import {
  parsePlanFile,
  planFileText,
  withPlan,
  type BackupPlan,
  type ParsedPlanFile,
  type PlanFile,
  type PlanIssue,
} from '../../starrocks/plans/backupPlan';
import { emptyPlanState, type PlanState } from '../../starrocks/plans/planHistory';
import { WorkflowRefusal } from '../workflows/common/guard';

/** Where plans live, relative to the first workspace folder (contributes.jsonValidation matches it). */
export const PLAN_FILE_PATH = '.vscode/starrocks-backup-plans.json';

const STATE_KEY = 'starrocksBackup.planState.v1';

export interface PlanEntry {
  plan: BackupPlan;
  state: PlanState;
}

/**
 * The plans of the workspace and what happened to them.
 *
 * The plans themselves are in the workspace file (reviewed in version control, no secrets). Their
 * run and drill history is in workspaceState, keyed by plan name: it is not secret, but it changes
 * on every run, so keeping it in the reviewed file would turn every backup into a diff; and it
 * belongs to this workspace, so not globalState. The cost: another machine starts without history
 * (its first run of a plan is full), which is the safe direction.
 */
export class PlanStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private cache: Promise<ParsedPlanFile | undefined> | undefined;

  constructor(private readonly workspaceState: vscode.Memento) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PLAN_FILE_PATH}`);
    const reload = (): void => this.reload();
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((doc) => doc.uri.path.endsWith(PLAN_FILE_PATH) && reload()));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  /** The plan file of the first workspace folder; undefined without a folder. */
  fileUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, PLAN_FILE_PATH) : undefined;
  }

  reload(): void {
    this.cache = undefined;
    this.changed.fire();
  }

  /** The parsed file (valid plans plus the issues of the others); undefined when there is none. Throws when it is not JSON. */
  read(): Promise<ParsedPlanFile | undefined> {
    this.cache ??= this.readFresh();
    const result = this.cache;
    // A failed read is not kept: the next call reads again.
    result.catch(() => (this.cache = undefined));
    return result;
  }

  private async readFresh(): Promise<ParsedPlanFile | undefined> {
    const uri = this.fileUri();
    if (!uri) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
    return parsePlanFile(Buffer.from(bytes).toString('utf8'));
  }

  /** Valid plans whose connection is `connectionName` (every valid plan when undefined), with their history. */
  async entries(connectionName?: string): Promise<PlanEntry[]> {
    const file = await this.read().catch(() => undefined);
    return (file?.plans ?? [])
      .filter((plan) => connectionName === undefined || plan.connection === connectionName)
      .map((plan) => ({ plan, state: this.state(plan.name) }));
  }

  /**
   * The plan named `name`, ready to run: refuses, saying what to fix, when the file holds a secret
   * anywhere or the plan is invalid.
   */
  async runnable(name: string): Promise<BackupPlan> {
    const file = await this.read();
    if (!file)
      throw new WorkflowRefusal(vscode.l10n.t('There is no plan file ({0}). Save a plan from the Back Up wizard first.', PLAN_FILE_PATH));
    const secrets = file.issues.filter((issue) => issue.secret);
    if (secrets.length > 0) {
      throw new WorkflowRefusal(
        vscode.l10n.t(
          'The plan file holds what looks like a secret ({0}), so no plan in it is run. Remove it: passwords and S3 keys belong in the connection, which keeps them in the OS keychain.',
          secrets.map((s) => s.path).join(', '),
        ),
      );
    }
    const plan = file.plans.find((p) => p.name === name);
    if (!plan) {
      const issues = file.issues.filter((issue) => issue.plan === name);
      throw new WorkflowRefusal(
        issues.length > 0
          ? vscode.l10n.t('Plan {0} is not valid: {1}. Fix it in {2}.', name, describeIssues(issues), PLAN_FILE_PATH)
          : vscode.l10n.t('There is no plan named {0} in {1}.', name, PLAN_FILE_PATH),
      );
    }
    return plan;
  }

  /** Adds or replaces a plan in the file, keeping the other plans as they are. */
  async save(plan: BackupPlan): Promise<vscode.Uri> {
    const uri = this.fileUri();
    if (!uri)
      throw new WorkflowRefusal(vscode.l10n.t('Open a folder first: plans are kept in a file of the workspace ({0}).', PLAN_FILE_PATH));
    let existing: PlanFile | undefined;
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const parsed = JSON.parse(text) as PlanFile;
      existing = { version: parsed.version, plans: Array.isArray(parsed.plans) ? parsed.plans : [] };
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError)) {
        throw new WorkflowRefusal(vscode.l10n.t('{0} is not valid JSON, so the plan was not saved. Fix the file first.', PLAN_FILE_PATH));
      }
    }
    await vscode.workspace.fs.writeFile(uri, Buffer.from(planFileText(withPlan(existing, plan)), 'utf8'));
    this.reload();
    return uri;
  }

  state(name: string): PlanState {
    return this.allStates()[name] ?? emptyPlanState();
  }

  async updateState(name: string, change: (state: PlanState) => PlanState): Promise<PlanState> {
    const all = this.allStates();
    const next = change(all[name] ?? emptyPlanState());
    await this.workspaceState.update(STATE_KEY, { ...all, [name]: next });
    this.changed.fire();
    return next;
  }

  private allStates(): Record<string, PlanState> {
    return this.workspaceState.get<Record<string, PlanState>>(STATE_KEY) ?? {};
  }
}

export function describeIssues(issues: readonly PlanIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
