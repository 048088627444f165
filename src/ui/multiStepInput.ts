import type * as vscode from 'vscode';
import type { InputStepOptions, PickStepOptions, Prompter, StepAnswer } from './prompter';

/**
 * A wizard: a title and a LIST of steps, in the order they are asked. Each step has a `when` guard
 * on the answers so far and an `ask` body that asks one question through the `MultiStepInput` it is
 * given and stores the answer in the shared `state`.
 *
 * The flow and the "step n of m" come from the same list: after a step, the next one is the first
 * later step whose guard holds; the total is the steps taken so far plus the later steps whose guard
 * holds for the answers given. A guard reads only what earlier steps answered and what the wizard
 * was started with (never its own step's answer), so a step stays counted once it is taken.
 *
 * The runner keeps the steps taken on a stack: the back button re-runs the previous taken step with
 * the state it left behind (its earlier answer becomes the prefilled value), and a step can jump
 * back to any step taken earlier with `backTo` (e.g. "the test failed: fix the host"), itself
 * included ("test again").
 *
 * The engine needs nothing but the `Prompter` (no `vscode` value import), so its logic is
 * unit-tested in plain Node; integration tests drive whole wizards with a scripted prompter that
 * answers by title/placeholder, including "back".
 */
export interface WizardStep<S> {
  /** Names the step in the errors that point at a wizard's own mistakes. */
  readonly name: string;
  /** Whether the flow takes this step, given the answers so far. */
  readonly when: (state: S) => boolean;
  /** Asks the step's question (exactly one prompt, or a refusal) and stores the answer in `state`. */
  readonly ask: (input: MultiStepInput<S>, state: S) => Promise<void>;
}

export interface Wizard<S> {
  title: string;
  steps: readonly WizardStep<S>[];
}

/** `S` with the fields `K` answered: present, not undefined. */
export type Answered<S, K extends keyof S> = S & { [P in K]-?: Exclude<S[P], undefined> };

/** Narrows `state` to `Answered<S, K>` when every field of `keys` holds a value. */
export function isAnswered<S, K extends keyof S>(state: S, keys: readonly K[]): state is Answered<S, K> {
  return keys.every((key) => state[key] !== undefined);
}

export interface StepOptions<S, K extends keyof S> {
  name: string;
  /** The fields earlier steps (or the wizard's start) have answered; the body sees them narrowed. */
  needs?: readonly K[];
  /** Omitted: the step is always taken. */
  when?: (state: S) => boolean;
}

/**
 * The step builder of wizards over `S`: `const step = stepsFor<RestoreState>()`, then
 * `step({ name, needs: ['profileId'], when }, async (input, state) => …)` where `state.profileId`
 * is a string in the body. A step run while a field it needs is missing is a mistake in the
 * wizard's list (a guard or an order that is wrong): it fails loudly instead of asking with holes.
 */
export function stepsFor<S>(): <K extends keyof S = never>(
  options: StepOptions<S, K>,
  ask: (input: MultiStepInput<S>, state: Answered<S, K>) => Promise<void>,
) => WizardStep<S> {
  return (options, ask) => {
    const needs = options.needs ?? [];
    return {
      name: options.name,
      when: options.when ?? (() => true),
      ask: async (input, state) => {
        if (!isAnswered(state, needs)) {
          const missing = needs.filter((key) => state[key] === undefined).map(String);
          throw new Error(`Wizard step "${options.name}" needs ${missing.join(', ')}, which no earlier step answered.`);
        }
        await ask(input, state);
      },
    };
  };
}

/** The outcome of a flow: every step answered, or the user dismissed it. */
export type FlowResult = 'done' | 'cancelled';

/** Thrown inside a step to leave it; caught by the runner. Not an error the user sees. */
class FlowSignal {
  constructor(
    readonly kind: 'back' | 'cancel' | 'backTo',
    readonly target?: number,
  ) {}
}

/** The options of a prompt without the parts the flow supplies itself. */
export type FlowInputOptions = Omit<InputStepOptions, 'title' | 'step' | 'totalSteps' | 'canGoBack'>;
export type FlowPickOptions<T extends vscode.QuickPickItem> = Omit<PickStepOptions<T>, 'title' | 'step' | 'totalSteps' | 'canGoBack'>;

export class MultiStepInput<S> {
  /** Indices into the wizard's steps of the steps taken; the last one is the current step. */
  private readonly taken: number[] = [];
  /** Prompts the current step has shown. */
  private prompts = 0;

  private constructor(
    private readonly prompter: Prompter,
    private readonly wizard: Wizard<S>,
    private readonly state: S,
  ) {}

  /** Runs `wizard` from its first step whose guard holds, until no step is left (done) or the user dismisses it. */
  static async run<S>(prompter: Prompter, wizard: Wizard<S>, state: S): Promise<FlowResult> {
    return new MultiStepInput(prompter, wizard, state).runSteps();
  }

  /** Asks for text. Resolves only with a value that passed `validate`. */
  async input(options: FlowInputOptions): Promise<string> {
    return this.unwrap(await this.prompter.inputStep({ ...options, ...this.nextPrompt() }));
  }

  /** Asks to choose one item. */
  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: FlowPickOptions<T>): Promise<T> {
    return this.unwrap(await this.prompter.pickStep(items, { ...options, ...this.nextPrompt() }));
  }

  /** Asks to choose any number of items (those with `picked: true` start selected); may resolve to none. */
  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: FlowPickOptions<T>): Promise<T[]> {
    return this.unwrap(await this.prompter.pickManyStep(items, { ...options, ...this.nextPrompt() }));
  }

  /** Leaves the current step and re-runs `step`, a step taken earlier in this flow or the current one. */
  backTo(step: WizardStep<S>): never {
    const index = this.taken.map((taken) => this.wizard.steps[taken]).lastIndexOf(step);
    if (index < 0) throw new Error(`backTo: the step "${step.name}" was not taken in this flow`);
    throw new FlowSignal('backTo', index);
  }

  /** True when `step` has been taken in this flow (so `backTo(step)` is possible). */
  hasTaken(step: WizardStep<S>): boolean {
    return this.taken.some((taken) => this.wizard.steps[taken] === step);
  }

  private async runSteps(): Promise<FlowResult> {
    const first = this.nextAfter(-1);
    if (first < 0) return 'done';
    this.taken.push(first);
    while (this.taken.length > 0) {
      const current = this.taken[this.taken.length - 1];
      const step = this.wizard.steps[current];
      try {
        this.prompts = 0;
        await step.ask(this, this.state);
        if (this.prompts === 0) throw new Error(`Wizard step "${step.name}" asked nothing: its guard should have left it out.`);
        const next = this.nextAfter(current);
        if (next < 0) return 'done';
        this.taken.push(next);
      } catch (signal) {
        if (!(signal instanceof FlowSignal)) throw signal;
        if (signal.kind === 'cancel') return 'cancelled';
        if (signal.kind === 'back') this.taken.pop();
        else this.taken.length = (signal.target ?? 0) + 1;
      }
    }
    // Back from the first step: there is nowhere to go, which is the same as dismissing.
    return 'cancelled';
  }

  /** The first step after `index` whose guard holds for the answers so far, or -1. */
  private nextAfter(index: number): number {
    return this.wizard.steps.findIndex((step, i) => i > index && step.when(this.state));
  }

  /** Where the current step's prompt sits in the flow; counts the prompt. */
  private nextPrompt(): { title: string; step: number; totalSteps: number; canGoBack: boolean } {
    this.prompts++;
    const step = this.taken.length;
    const current = this.taken[step - 1];
    const ahead = this.wizard.steps.filter((candidate, i) => i > current && candidate.when(this.state)).length;
    return { title: this.wizard.title, step, totalSteps: step + ahead, canGoBack: step > 1 };
  }

  private unwrap<T>(answer: StepAnswer<T>): T {
    if (answer.kind === 'value') return answer.value;
    throw new FlowSignal(answer.kind === 'back' ? 'back' : 'cancel');
  }
}
