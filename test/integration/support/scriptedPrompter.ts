import type * as vscode from 'vscode';
import type { InputStepOptions, PickStepOptions, Prompter, StepAnswer } from '../../../src/ui/prompter';

/**
 * A `Prompter` for integration tests, which cannot click: it answers prompts from a script.
 *
 * Answers are queued. When a prompt appears, the first queued answer whose matcher fits the
 * prompt is used; an answer without a matcher fits any prompt, so a script of unmatched answers
 * is simply answered in order. A matcher is a substring or RegExp tested against the prompt's
 * title (with and without ` (step/total)`), placeholder (and a pick step's busy placeholder), prompt
 * text, and a confirmation's message and detail.
 *
 * It fails loudly: a prompt with no fitting answer, an answer of the wrong type, a label that is
 * not among the items, or a value the prompt's own validation rejects (unless the answer says it
 * expects that) rejects the prompt with an error AND is recorded in `failures`, so
 * `assertFinished()` reports it even when the command under test swallowed the error.
 *
 * Every prompt is recorded in `transcript` (title, step, items, validation messages, answer) for
 * assertions about what the user would have seen.
 *
 *   const script = new ScriptedPrompter();
 *   script.answer('Host', '127.0.0.1:9030').choose(/TLS/, 'Off').goBack('Database').accept(/Remove/, 'Remove');
 *   api.prompter = script;
 */
export type Matcher = string | RegExp;
type LabelMatcher = string | RegExp | ((item: vscode.QuickPickItem) => boolean);

type Scripted =
  | { type: 'value'; value: string; expectInvalid?: RegExp }
  | { type: 'choose'; label: LabelMatcher }
  | { type: 'chooseMany'; labels: LabelMatcher[] }
  | { type: 'confirm'; action: string | undefined; whileOpen?: () => Promise<void>; after?: () => Promise<unknown> }
  | { type: 'back' }
  | { type: 'cancel' };

interface QueuedAnswer {
  match?: Matcher;
  answer: Scripted;
}

export type PromptKind = 'input' | 'inputStep' | 'pickOne' | 'pickMany' | 'pickStep' | 'pickManyStep' | 'confirm' | 'notifyError';

export interface PromptRecord {
  kind: PromptKind;
  title?: string;
  step?: number;
  totalSteps?: number;
  canGoBack?: boolean;
  placeholder?: string;
  /** A pick step's placeholder while its items were loading. */
  busyPlaceholder?: string;
  prompt?: string;
  message?: string;
  detail?: string;
  password?: boolean;
  /** Prefilled value of an input. */
  value?: string;
  items?: { label: string; description?: string; detail?: string; picked?: boolean }[];
  actions?: string[];
  /** Messages the prompt's validation gave for scripted values. */
  validationMessages: string[];
  /** What the script answered: a value, labels, an action, `<back>`, `<cancel>`. */
  answer?: string;
}

export class ScriptedPrompter implements Prompter {
  readonly transcript: PromptRecord[] = [];
  readonly failures: string[] = [];
  private readonly queue: QueuedAnswer[] = [];

  // ---- the script ----

  /** Types `value` into an input (or an input step). */
  answer(match: Matcher | undefined, value: string): this {
    return this.enqueue(match, { type: 'value', value });
  }

  /** Types `value`, expects the prompt's validation to reject it with a message matching `message`, then carries on with the next answer for that prompt. */
  answerInvalid(match: Matcher | undefined, value: string, message: RegExp): this {
    return this.enqueue(match, { type: 'value', value, expectInvalid: message });
  }

  /** Chooses the item whose label equals (string), matches (RegExp) or satisfies (function) `label`; codicons like `$(check) ` are ignored for strings. */
  choose(match: Matcher | undefined, label: LabelMatcher): this {
    return this.enqueue(match, { type: 'choose', label });
  }

  /** Answers a multi-select (`pickMany` or a flow's `pickMany` step) with exactly these items; `[]` selects none. */
  chooseMany(match: Matcher | undefined, labels: LabelMatcher[]): this {
    return this.enqueue(match, { type: 'chooseMany', labels });
  }

  /**
   * Answers a modal confirmation with `action`, or with Cancel when `action` is undefined.
   * `whileOpen` runs before the answer is given, as things a user cannot see happen while the
   * dialog is open (a job ends, another starts); a failure in it fails the prompt.
   */
  accept(match: Matcher | undefined, action: string | undefined, whileOpen?: () => Promise<void>): this {
    return this.enqueue(match, { type: 'confirm', action, whileOpen });
  }

  /**
   * Clicks `action` on a notification matching `match`, once `after` resolved (a user who reads
   * the message first): e.g. Refresh once the server has the job.
   */
  clickLater(match: Matcher, action: string, after: () => Promise<unknown>): this {
    return this.enqueue(match, { type: 'confirm', action, after });
  }

  /** Presses the back button of a step. */
  goBack(match?: Matcher): this {
    return this.enqueue(match, { type: 'back' });
  }

  /** Dismisses the prompt (Escape). */
  dismiss(match?: Matcher): this {
    return this.enqueue(match, { type: 'cancel' });
  }

  /** Answers still queued. */
  get pending(): number {
    return this.queue.length;
  }

  /** Throws when a prompt failed or an answer was never used. */
  assertFinished(): void {
    const problems = [...this.failures];
    if (this.queue.length > 0) {
      problems.push(
        `unused scripted answers: ${this.queue.map((q) => `${String(q.match ?? '<any>')} → ${JSON.stringify(q.answer)}`).join('; ')}`,
      );
    }
    if (problems.length > 0) {
      throw new Error(`ScriptedPrompter:\n  ${problems.join('\n  ')}\nTranscript:\n${this.describeTranscript()}`);
    }
  }

  /** A readable log of the prompts, for assertion messages. */
  describeTranscript(): string {
    return this.transcript
      .map(
        (r) =>
          `  [${r.kind}] ${r.title ?? r.message ?? ''}${r.step ? ` (${r.step}/${r.totalSteps})` : ''} ${r.placeholder ?? r.prompt ?? ''} → ${r.answer ?? '<none>'}${r.validationMessages.length ? ` (validation: ${r.validationMessages.join(' | ')})` : ''}`,
      )
      .join('\n');
  }

  // ---- Prompter ----

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const record: PromptRecord = {
      kind: 'input',
      title: options.title,
      placeholder: options.placeHolder,
      prompt: options.prompt,
      password: options.password,
      value: options.value,
      validationMessages: [],
    };
    const validate = async (value: string): Promise<string | undefined> => {
      const result = await options.validateInput?.(value);
      if (result === undefined || result === null) return undefined;
      return typeof result === 'string' ? result : result.message;
    };
    const answer = await this.answerText(record, validate);
    return answer.kind === 'value' ? answer.value : undefined;
  }

  async inputStep(options: InputStepOptions): Promise<StepAnswer<string>> {
    const record: PromptRecord = {
      kind: 'inputStep',
      ...position(options),
      placeholder: options.placeholder,
      prompt: options.prompt,
      password: options.password,
      value: options.value,
      validationMessages: [],
    };
    return this.answerText(record, async (value) => options.validate?.(value));
  }

  async pickOne<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined> {
    const record: PromptRecord = { kind: 'pickOne', title: options.title, placeholder: options.placeHolder, validationMessages: [] };
    const answer = await this.answerPick(record, await items);
    return answer.kind === 'value' ? answer.value : undefined;
  }

  async pickMany<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T[] | undefined> {
    const loaded = await items;
    const record: PromptRecord = {
      kind: 'pickMany',
      title: options.title,
      placeholder: options.placeHolder,
      items: describeItems(loaded),
      validationMessages: [],
    };
    this.transcript.push(record);
    const scripted = this.take(record);
    if (scripted.type === 'cancel') return this.answered(record, '<cancel>', undefined);
    if (scripted.type !== 'chooseMany') this.fail(record, `expected a chooseMany answer, got ${scripted.type}`);
    const chosen = scripted.labels.map((label) => this.findItem(record, loaded, label));
    return this.answered(record, chosen.map((i) => i.label).join(', '), chosen);
  }

  async pickStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T>> {
    const loaded = await items;
    // Like the real quick pick: a placeholder function is read once the items are there.
    const placeholder = typeof options.placeholder === 'function' ? options.placeholder() : options.placeholder;
    const record: PromptRecord = {
      kind: 'pickStep',
      ...position(options),
      placeholder,
      busyPlaceholder: options.busyPlaceholder,
      validationMessages: [],
    };
    return this.answerPick(record, loaded);
  }

  async pickManyStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T[]>> {
    const loaded = await items;
    const placeholder = typeof options.placeholder === 'function' ? options.placeholder() : options.placeholder;
    const record: PromptRecord = {
      kind: 'pickManyStep',
      ...position(options),
      placeholder,
      busyPlaceholder: options.busyPlaceholder,
      items: describeItems(loaded),
      validationMessages: [],
    };
    this.transcript.push(record);
    const scripted = this.take(record);
    if (scripted.type === 'back') return this.answered(record, '<back>', { kind: 'back' });
    if (scripted.type === 'cancel') return this.answered(record, '<cancel>', { kind: 'cancel' });
    if (scripted.type !== 'chooseMany') this.fail(record, `expected a chooseMany answer, got ${scripted.type}`);
    const chosen = scripted.labels.map((label) => this.findItem(record, loaded, label));
    return this.answered(record, chosen.map((i) => i.label).join(', ') || '<none>', { kind: 'value', value: chosen });
  }

  async confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    const record: PromptRecord = { kind: 'confirm', message, detail, actions, validationMessages: [] };
    this.transcript.push(record);
    const scripted = this.take(record);
    if (scripted.type === 'cancel') return this.answered(record, '<cancel>', undefined);
    if (scripted.type !== 'confirm') this.fail(record, `expected a confirmation answer, got ${scripted.type}`);
    if (scripted.action !== undefined && !actions.includes(scripted.action)) {
      this.fail(record, `action "${scripted.action}" is not offered (${actions.join(', ')})`);
    }
    if (scripted.whileOpen) {
      try {
        await scripted.whileOpen();
      } catch (error) {
        this.fail(record, `the code run while it was open failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return this.answered(record, scripted.action ?? '<cancel>', scripted.action);
  }

  /**
   * A notification is recorded; it is answered only by a scripted `accept` whose matcher fits it
   * (a user may ignore a notification, so an unscripted one is dismissed, not a failure).
   */
  async notifyError(message: string, ...actions: string[]): Promise<string | undefined> {
    const record: PromptRecord = { kind: 'notifyError', message, actions, validationMessages: [] };
    this.transcript.push(record);
    const index = this.queue.findIndex((q) => q.match !== undefined && q.answer.type === 'confirm' && promptMatches(record, q.match));
    if (index < 0) return this.answered(record, '<dismissed>', undefined);
    const scripted = this.queue.splice(index, 1)[0].answer as {
      type: 'confirm';
      action: string | undefined;
      after?: () => Promise<unknown>;
    };
    if (scripted.action !== undefined && !actions.includes(scripted.action)) {
      this.fail(record, `action "${scripted.action}" is not offered (${actions.join(', ')})`);
    }
    await scripted.after?.();
    return this.answered(record, scripted.action ?? '<dismissed>', scripted.action);
  }

  // ---- internals ----

  private enqueue(match: Matcher | undefined, answer: Scripted): this {
    this.queue.push({ match, answer });
    return this;
  }

  /** Answers a text prompt, re-asking after an expected validation failure like a user retyping. */
  private async answerText(record: PromptRecord, validate: (value: string) => Promise<string | undefined>): Promise<StepAnswer<string>> {
    this.transcript.push(record);
    for (;;) {
      const scripted = this.take(record);
      if (scripted.type === 'back') return this.answered(record, '<back>', { kind: 'back' });
      if (scripted.type === 'cancel') return this.answered(record, '<cancel>', { kind: 'cancel' });
      if (scripted.type !== 'value') this.fail(record, `expected a text answer, got ${scripted.type}`);
      const message = await validate(scripted.value);
      if (message !== undefined) record.validationMessages.push(message);
      if (scripted.expectInvalid) {
        if (message === undefined)
          this.fail(record, `expected "${scripted.value}" to be rejected with ${scripted.expectInvalid}, but it was accepted`);
        if (!scripted.expectInvalid.test(message))
          this.fail(record, `"${scripted.value}" was rejected with "${message}", expected ${scripted.expectInvalid}`);
        continue;
      }
      if (message !== undefined) this.fail(record, `scripted value "${record.password ? '***' : scripted.value}" was rejected: ${message}`);
      return this.answered(record, record.password ? '***' : scripted.value, { kind: 'value', value: scripted.value });
    }
  }

  private async answerPick<T extends vscode.QuickPickItem>(record: PromptRecord, items: readonly T[]): Promise<StepAnswer<T>> {
    record.items = describeItems(items);
    this.transcript.push(record);
    const scripted = this.take(record);
    if (scripted.type === 'back') return this.answered(record, '<back>', { kind: 'back' });
    if (scripted.type === 'cancel') return this.answered(record, '<cancel>', { kind: 'cancel' });
    if (scripted.type !== 'choose') this.fail(record, `expected a choose answer, got ${scripted.type}`);
    const item = this.findItem(record, items, scripted.label);
    return this.answered(record, item.label, { kind: 'value', value: item });
  }

  private findItem<T extends vscode.QuickPickItem>(record: PromptRecord, items: readonly T[], label: LabelMatcher): T {
    const found = items.find((item) => labelMatches(item, label));
    if (!found) this.fail(record, `no item matches ${String(label)}; items: ${items.map((i) => i.label).join(' | ')}`);
    return found;
  }

  private take(record: PromptRecord): Scripted {
    const index = this.queue.findIndex((q) => q.match === undefined || promptMatches(record, q.match));
    if (index < 0) this.fail(record, 'unexpected prompt: no scripted answer fits it');
    return this.queue.splice(index, 1)[0].answer;
  }

  private answered<R>(record: PromptRecord, description: string, result: R): R {
    record.answer = description;
    return result;
  }

  private fail(record: PromptRecord, problem: string): never {
    const where = `${record.kind} "${record.title ?? record.message ?? ''}"${record.step ? ` (${record.step}/${record.totalSteps})` : ''}${record.placeholder ? ` [${record.placeholder}]` : ''}`;
    const text = `${where}: ${problem}`;
    this.failures.push(text);
    throw new Error(`ScriptedPrompter: ${text}`);
  }
}

function position(options: {
  title: string;
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}): Pick<PromptRecord, 'title' | 'step' | 'totalSteps' | 'canGoBack'> {
  return { title: options.title, step: options.step, totalSteps: options.totalSteps, canGoBack: options.canGoBack };
}

function describeItems(items: readonly vscode.QuickPickItem[]): PromptRecord['items'] {
  return items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, ...(i.picked ? { picked: true } : {}) }));
}

function stripIcons(text: string): string {
  return text.replace(/\$\([\w~-]+\)\s*/g, '').trim();
}

function labelMatches(item: vscode.QuickPickItem, label: LabelMatcher): boolean {
  if (typeof label === 'function') return label(item);
  if (typeof label === 'string') return item.label === label || stripIcons(item.label) === label;
  return label.test(item.label);
}

function promptMatches(record: PromptRecord, match: Matcher): boolean {
  const texts = [
    record.title,
    record.title && record.step ? `${record.title} (${record.step}/${record.totalSteps})` : undefined,
    record.placeholder,
    record.busyPlaceholder,
    record.prompt,
    record.message,
    record.detail,
  ].filter((t): t is string => !!t);
  return texts.some((t) => (typeof match === 'string' ? t.includes(match) : match.test(t)));
}
