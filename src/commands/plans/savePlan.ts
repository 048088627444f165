import * as vscode from 'vscode';
import type { BackupProperties } from '../../starrocks/builders/backup';
import {
  DEFAULT_LABEL_PATTERN,
  labelPatternIssue,
  planNameIssue,
  validatePlan,
  type BackupPlan,
  type PlanMode,
  type PlanRetention,
} from '../../starrocks/plans/backupPlan';
import type { TableSelection } from '../../starrocks/validation/tableSelection';
import { MultiStepInput, stepsFor } from '../../ui/multiStepInput';
import type { ValuedPick } from '../../ui/prompter';
import { askRetentionPolicy } from '../storage/retentionPolicyInput';
import { connectionName } from '../workflows/common/choices';
import type { WorkflowDeps } from '../workflows/common/deps';
import { WorkflowRefusal } from '../workflows/common/guard';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import { describeIssues, PLAN_FILE_PATH, type PlanStore } from './planStore';

const t = vscode.l10n.t;

/** What the Back Up wizard had answered when the user chose "Save as Plan…". */
export interface BackupChoices {
  profileId: string;
  database: string;
  /** Undefined: the whole database. */
  tables?: TableSelection[];
  repository: string;
  properties?: BackupProperties;
}

interface State {
  name?: string;
  mode?: PlanMode;
  labelPattern?: string;
  keepsRetention?: boolean;
}

const step = stepsFor<State>();

/**
 * "Save as Plan…": the wizard's choices plus a name, what each run backs up (everything, or only
 * partitions changed since the plan's last snapshot), the label pattern and an optional retention
 * policy, written to the workspace's plan file. Nothing runs on the server.
 */
export async function saveBackupAsPlan(deps: WorkflowDeps & { plans: PlanStore }, choices: BackupChoices): Promise<WorkflowOutcome> {
  const existing = new Set((await deps.plans.entries()).map((e) => e.plan.name));
  const state: State = {};
  const steps = [
    step({ name: 'plan name' }, async (input, s) => {
      s.name = await input.input({
        prompt: t('Plan name: letters, digits, _ and -'),
        placeholder: t('Plan name'),
        value: s.name ?? `${choices.database.replace(/[^-\w]/g, '_').slice(0, 55)}_nightly`,
        validate: (text) =>
          planNameIssue(text) ?? (existing.has(text) ? t('A plan named {0} exists; choose another name.', text) : undefined),
      });
    }),
    step({ name: 'plan mode' }, async (input, s) => {
      const items: ValuedPick<PlanMode>[] = [
        {
          value: 'newPartitions',
          label: t('New partitions since the last snapshot of this plan'),
          detail: t(
            'Each run backs up only the partitions whose data changed (by VisibleVersion); the chosen tables with all their partitions.',
          ),
        },
        { value: 'full', label: t('Everything chosen, every run (full)'), detail: t('The same ON list each time.') },
      ];
      s.mode = (
        await input.pick(items, { placeholder: t('What each run backs up'), activeItem: items.find((i) => i.value === s.mode) })
      ).value;
    }),
    step({ name: 'label pattern' }, async (input, s) => {
      s.labelPattern = await input.input({
        prompt: t('Snapshot label pattern: {plan}, {database}, {date}, {time}, {datetime}'),
        value: s.labelPattern ?? DEFAULT_LABEL_PATTERN,
        validate: (text) => labelPatternIssue(text, s.name ?? 'plan', choices.database),
      });
    }),
    step({ name: 'plan retention' }, async (input, s) => {
      const items: ValuedPick<boolean>[] = [
        { value: false, label: t('No retention policy') },
        {
          value: true,
          label: t('Apply a retention policy after each run…'),
          detail: t("Only to this plan's own snapshots, with the dry-run preview of Apply Retention."),
        },
      ];
      s.keepsRetention = (
        await input.pick(items, { placeholder: t('After each run'), activeItem: items.find((i) => i.value === s.keepsRetention) })
      ).value;
    }),
  ];
  const result = await MultiStepInput.run(deps.prompter, { title: t('Save as Plan'), steps }, state);
  if (result !== 'done' || !state.name || !state.mode || !state.labelPattern) return CANCELLED;
  let retention: PlanRetention | undefined;
  if (state.keepsRetention) {
    const policy = await askRetentionPolicy(deps.prompter, choices.repository, { scopeFixed: true });
    if (!policy) return CANCELLED;
    retention = {
      keepLast: policy.keepLast,
      keepWithinDays: policy.keepWithinDays,
      includeIncomplete: policy.includeIncomplete || undefined,
    };
  }
  const plan: BackupPlan = withoutUndefined({
    name: state.name,
    connection: connectionName(deps, choices.profileId),
    database: choices.database,
    // A "new partitions" plan looks at every partition of its tables: fixed partitions would hide new ones.
    tables: choices.tables?.map((table) =>
      withoutUndefined({ name: table.name, partitions: state.mode === 'full' && table.partitions ? [...table.partitions] : undefined }),
    ),
    mode: state.mode,
    repository: choices.repository,
    labelPattern: state.labelPattern,
    properties:
      choices.properties && (choices.properties.timeoutSeconds !== undefined || choices.properties.ttl)
        ? withoutUndefined({ timeout: choices.properties.timeoutSeconds, ttl: choices.properties.ttl })
        : undefined,
    retention: retention && withoutUndefined(retention),
  });
  const issues = validatePlan(plan);
  if (issues.length > 0) throw new WorkflowRefusal(t('The plan was not saved: {0}', describeIssues(issues)));
  const uri = await deps.plans.save(plan);
  const open = t('Open Plan File');
  void vscode.window
    .showInformationMessage(
      t('Plan {0} was saved in {1}. Run it from the Plans section of its connection.', plan.name, PLAN_FILE_PATH),
      open,
    )
    .then(async (choice) => {
      if (choice === open) await vscode.window.showTextDocument(uri);
    });
  return { status: 'done', text: plan.name };
}

/** JSON.stringify drops undefined anyway; this keeps the object equal to what is read back. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
