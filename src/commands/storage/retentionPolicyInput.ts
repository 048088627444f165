import * as vscode from 'vscode';
import type { RetentionPolicy } from '../../storage/retention';
import { MultiStepInput, stepsFor } from '../../ui/multiStepInput';
import type { Prompter, ValuedPick } from '../../ui/prompter';

const t = vscode.l10n.t;

type Rule = 'last' | 'days' | 'both';
type Scope = 'all' | 'derived' | 'prefixes';

interface State {
  rule?: Rule;
  keepLast?: number;
  keepWithinDays?: number;
  scope?: Scope;
  prefixes?: string[];
  includeIncomplete?: boolean;
  /** The caller fixes which labels the policy applies to (a backup plan: its own); the scope is not asked. */
  scopeFixed?: boolean;
}

/** Asks for a retention policy step by step (with Back); undefined when dismissed. `scopeFixed`: the caller decides which labels it applies to. */
export async function askRetentionPolicy(
  prompter: Prompter,
  repository: string,
  options: { scopeFixed?: boolean } = {},
): Promise<Omit<RetentionPolicy, 'now'> | undefined> {
  const state: State = { scopeFixed: options.scopeFixed };
  const steps = [askRule, askLast, askDays, askScope, askPrefixes, askIncomplete];
  const result = await MultiStepInput.run(prompter, { title: t('Apply Retention to {0}', repository), steps }, state);
  if (result !== 'done') return undefined;
  return {
    keepLast: state.rule === 'days' ? undefined : state.keepLast,
    keepWithinDays: state.rule === 'last' ? undefined : state.keepWithinDays,
    groupByPrefix: state.scope === 'derived',
    prefixes: state.scope === 'prefixes' ? state.prefixes : undefined,
    includeIncomplete: state.includeIncomplete,
  };
}

const step = stepsFor<State>();

const askRule = step({ name: 'rule' }, async (input, s) => {
  const items: ValuedPick<Rule>[] = [
    { value: 'last', label: t('Keep the newest N snapshots') },
    { value: 'days', label: t('Keep the snapshots newer than D days') },
    { value: 'both', label: t('Keep the newest N, and any newer than D days') },
  ];
  s.rule = (
    await input.pick(items, { placeholder: t('Which snapshots to keep'), activeItem: items.find((i) => i.value === s.rule) })
  ).value;
});

const askLast = step({ name: 'keep last', when: (s) => s.rule !== 'days' }, async (input, s) => {
  const value = await input.input({
    prompt: t('How many of the newest snapshots to keep'),
    value: s.keepLast?.toString() ?? '7',
    validate: (v) => (/^\d+$/.test(v.trim()) ? undefined : t('Enter a whole number (0 or more).')),
  });
  s.keepLast = Number(value.trim());
});

const askDays = step({ name: 'keep within days', when: (s) => s.rule === 'days' || s.rule === 'both' }, async (input, s) => {
  const value = await input.input({
    prompt: t('Keep snapshots taken less than this many days ago'),
    value: s.keepWithinDays?.toString() ?? '30',
    validate: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) ? undefined : t('Enter a number of days.')),
  });
  s.keepWithinDays = Number(value.trim());
});

const askScope = step({ name: 'scope', when: (s) => !s.scopeFixed }, async (input, s) => {
  const items: ValuedPick<Scope>[] = [
    { value: 'all', label: t('Across the whole repository') },
    {
      value: 'derived',
      label: t('Per label prefix'),
      detail: t('Labels grouped without their date suffix: sales_20240101_120000 belongs to "sales".'),
    },
    { value: 'prefixes', label: t('Only labels starting with…'), detail: t('Each prefix is its own group; other labels are left alone.') },
  ];
  s.scope = (await input.pick(items, { placeholder: t('Apply the rule to'), activeItem: items.find((i) => i.value === s.scope) })).value;
});

const askPrefixes = step({ name: 'prefixes', when: (s) => !s.scopeFixed && s.scope === 'prefixes' }, async (input, s) => {
  const value = await input.input({
    prompt: t('Label prefixes, separated by commas'),
    value: s.prefixes?.join(', '),
    validate: (v) => (v.split(',').some((p) => p.trim()) ? undefined : t('Enter at least one prefix.')),
  });
  s.prefixes = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
});

const askIncomplete = step({ name: 'incomplete' }, async (input, s) => {
  const items: ValuedPick<boolean>[] = [
    { value: false, label: t('Keep incomplete snapshots'), detail: t('A snapshot without an info file may be a backup still running.') },
    {
      value: true,
      label: t('Also delete incomplete snapshots untouched for 24 hours'),
      detail: t('Failed or cancelled backups; running jobs are still checked before anything is deleted.'),
    },
  ];
  s.includeIncomplete = (
    await input.pick(items, { placeholder: t('Incomplete snapshots'), activeItem: items.find((i) => i.value === !!s.includeIncomplete) })
  ).value;
});
