import type * as vscode from 'vscode';
import type { InputStepOptions, PickStepOptions, Prompter, StepAnswer } from './prompter';

/**
 * A multi-step input flow (wizard) on top of `Prompter.inputStep` / `pickStep`.
 *
 * A flow is a chain of steps. Each step asks one question through the `MultiStepInput` it is
 * given, stores the answer in the shared `state`, and returns the next step (or nothing to finish).
 * The runner keeps the steps taken so far on a stack, so the back button re-runs the previous step
 * with the state it left behind (its earlier answer becomes the prefilled value), and a step can
 * jump back to any earlier step with `backTo` (e.g. "the test failed: fix the host").
 *
 * Step numbers are the position on that stack; `totalSteps` is recomputed for every prompt because
 * answers can add or skip steps (a CA file only when TLS verification is on).
 *
 * Because every prompt goes through the `Prompter`, integration tests drive flows with a scripted
 * prompter that answers by title/placeholder, including "back".
 */
export type Step<S> = (input: MultiStepInput<S>, state: S) => Promise<Step<S> | undefined | void>;

export interface MultiStepOptions<S> {
  title: string;
  /** The number of steps for the answers given so far. */
  totalSteps: number | ((state: S) => number);
}

/** The outcome of a flow: every step answered, or the user dismissed it. */
export type FlowResult = 'done' | 'cancelled';

/** Thrown inside a step to leave it; caught by the runner. Not an error the user sees. */
class FlowSignal {
  constructor(
    readonly kind: 'back' | 'cancel' | 'backTo',
    readonly target?: Step<unknown>,
  ) {}
}

/** The options of a prompt without the parts the flow supplies itself. */
export type FlowInputOptions = Omit<InputStepOptions, 'title' | 'step' | 'totalSteps' | 'canGoBack'>;
export type FlowPickOptions<T extends vscode.QuickPickItem> = Omit<PickStepOptions<T>, 'title' | 'step' | 'totalSteps' | 'canGoBack'>;

export class MultiStepInput<S> {
  private readonly stack: Step<S>[] = [];

  private constructor(
    private readonly prompter: Prompter,
    private readonly options: MultiStepOptions<S>,
    private readonly state: S,
  ) {}

  /** Runs a flow from `first` until a step returns nothing (done) or the user dismisses it. */
  static async run<S>(prompter: Prompter, options: MultiStepOptions<S>, state: S, first: Step<S>): Promise<FlowResult> {
    return new MultiStepInput(prompter, options, state).runFrom(first);
  }

  /** Asks for text. Resolves only with a value that passed `validate`. */
  async input(options: FlowInputOptions): Promise<string> {
    return this.unwrap(await this.prompter.inputStep({ ...options, ...this.position() }));
  }

  /** Asks to choose one item. */
  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: FlowPickOptions<T>): Promise<T> {
    return this.unwrap(await this.prompter.pickStep(items, { ...options, ...this.position() }));
  }

  /** Asks to choose any number of items (those with `picked: true` start selected); may resolve to none. */
  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: FlowPickOptions<T>): Promise<T[]> {
    return this.unwrap(await this.prompter.pickManyStep(items, { ...options, ...this.position() }));
  }

  /** Leaves the current step and re-runs `step`, an earlier step of this flow. */
  backTo(step: Step<S>): never {
    throw new FlowSignal('backTo', step as Step<unknown>);
  }

  /** True when `step` has been taken in this flow (so `backTo(step)` is possible). */
  hasTaken(step: Step<S>): boolean {
    return this.stack.includes(step);
  }

  private async runFrom(first: Step<S>): Promise<FlowResult> {
    this.stack.push(first);
    while (this.stack.length > 0) {
      const current = this.stack[this.stack.length - 1];
      try {
        const next = await current(this, this.state);
        if (!next) return 'done';
        this.stack.push(next);
      } catch (signal) {
        if (!(signal instanceof FlowSignal)) throw signal;
        if (signal.kind === 'cancel') return 'cancelled';
        if (signal.kind === 'back') this.stack.pop();
        else this.popUntil(signal.target as Step<S>);
      }
    }
    // Back from the first step: there is nowhere to go, which is the same as dismissing.
    return 'cancelled';
  }

  private popUntil(target: Step<S>): void {
    const index = this.stack.lastIndexOf(target);
    if (index < 0) throw new Error('backTo: the step is not part of this flow');
    this.stack.length = index + 1;
  }

  private position(): { title: string; step: number; totalSteps: number; canGoBack: boolean } {
    const step = this.stack.length;
    const declared = typeof this.options.totalSteps === 'function' ? this.options.totalSteps(this.state) : this.options.totalSteps;
    return { title: this.options.title, step, totalSteps: Math.max(declared, step), canGoBack: step > 1 };
  }

  private unwrap<T>(answer: StepAnswer<T>): T {
    if (answer.kind === 'value') return answer.value;
    throw new FlowSignal(answer.kind === 'back' ? 'back' : 'cancel');
  }
}
