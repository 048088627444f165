import * as vscode from 'vscode';

/**
 * The few window interactions workflows need, behind one interface. The extension uses
 * `WindowPrompter` (the real VS Code UI); integration tests that cannot click replace it with a
 * scripted one through the extension's API, while the browser UI test drives the real dialogs.
 */
export interface Prompter {
  pickOne<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal warning; resolves to the chosen action's title, or undefined for Cancel. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  /** A non-modal error notification with action buttons; resolves to the clicked action, or undefined when dismissed. */
  notifyError(message: string, ...actions: string[]): Promise<string | undefined>;
  /** One input step of a multi-step flow (see `multiStepInput.ts`): title, step count, back button, validation. */
  inputStep(options: InputStepOptions): Promise<StepAnswer<string>>;
  /** One pick step of a multi-step flow. While `items` is pending the step shows as busy. */
  pickStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T>>;
  /** A multi-select step; items with `picked: true` start selected. The answer may be empty. */
  pickManyStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T[]>>;
}

/** A quick-pick item that carries the value it stands for. */
export type ValuedPick<V> = vscode.QuickPickItem & { value: V };

/** Where a prompt sits in a multi-step flow; shown as `Title (step/totalSteps)`. */
export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
  /** Shows the back button. */
  canGoBack: boolean;
}

export interface InputStepOptions extends StepPosition {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Returns the message to show under the box, or undefined when the value is acceptable. */
  validate?: (value: string) => string | undefined | Promise<string | undefined>;
}

export interface PickStepOptions<T extends vscode.QuickPickItem> extends StepPosition {
  /** A function is read once the items have loaded, so it can describe work the items waited for. */
  placeholder?: string | (() => string | undefined);
  /** Shown while `items` is still pending (e.g. "Connecting to …"). */
  busyPlaceholder?: string;
  activeItem?: T;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

/** What the user did with a step: answered it, pressed the back button, or dismissed it. */
export type StepAnswer<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export class WindowPrompter implements Prompter {
  async pickOne<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined> {
    const list: Promise<T[]> = Promise.resolve(items).then((i) => [...i]);
    return vscode.window.showQuickPick<T>(list, { ...options, canPickMany: false });
  }

  async pickMany<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T[] | undefined> {
    const list: Promise<T[]> = Promise.resolve(items).then((i) => [...i]);
    return vscode.window.showQuickPick<T>(list, { ...options, canPickMany: true });
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox(options);
  }

  async confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    // VS Code focuses a modal's first button, so Enter would take the first action (Delete, Run,
    // Cancel Job…). A button that does nothing goes first, so only a deliberate choice acts; VS Code
    // still adds its own Cancel (and Escape) after the actions.
    const keep = vscode.l10n.t('Not Now');
    const picked = await vscode.window.showWarningMessage(message, { modal: true, detail }, keep, ...actions);
    return picked === keep ? undefined : picked;
  }

  async notifyError(message: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
  }

  inputStep(options: InputStepOptions): Promise<StepAnswer<string>> {
    return showInputStep(options);
  }

  pickStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T>> {
    return showPickStep(items, options, false).then((answer) =>
      answer.kind === 'value' ? { kind: 'value', value: answer.value[0] } : answer,
    );
  }

  pickManyStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T[]>> {
    return showPickStep(items, options, true);
  }
}

/**
 * Forwards to whichever prompter is current. Services keep this one object for their lifetime,
 * while integration tests swap the target through `ExtensionApi.prompter`.
 */
export class SwitchablePrompter implements Prompter {
  constructor(public target: Prompter) {}

  pickOne<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined> {
    return this.target.pickOne(items, options);
  }

  pickMany<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: vscode.QuickPickOptions,
  ): Promise<T[] | undefined> {
    return this.target.pickMany(items, options);
  }

  input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.target.input(options);
  }

  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    return this.target.confirm(message, detail, ...actions);
  }

  notifyError(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.target.notifyError(message, ...actions);
  }

  inputStep(options: InputStepOptions): Promise<StepAnswer<string>> {
    return this.target.inputStep(options);
  }

  pickStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T>> {
    return this.target.pickStep(items, options);
  }

  pickManyStep<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickStepOptions<T>,
  ): Promise<StepAnswer<T[]>> {
    return this.target.pickManyStep(items, options);
  }
}

function positionInput(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, options: StepPosition): void {
  input.title = options.title;
  input.step = options.step;
  input.totalSteps = options.totalSteps;
  input.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  // Multi-step flows lose everything typed so far when focus moves away; keep them open.
  input.ignoreFocusOut = true;
}

function showInputStep(options: InputStepOptions): Promise<StepAnswer<string>> {
  const box = vscode.window.createInputBox();
  positionInput(box, options);
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  // Validation can be asynchronous: only the answer for the latest value may set the message.
  let generation = 0;
  const validate = async (value: string): Promise<string | undefined> => {
    const mine = ++generation;
    const message = options.validate ? await options.validate(value) : undefined;
    if (mine === generation) box.validationMessage = message;
    return message;
  };
  return new Promise<StepAnswer<string>>((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (answer: StepAnswer<string>): void => {
      disposables.forEach((d) => d.dispose());
      box.dispose();
      resolve(answer);
    };
    disposables.push(
      box.onDidChangeValue((value) => void validate(value)),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      box.onDidAccept(async () => {
        const value = box.value;
        box.enabled = false;
        box.busy = true;
        const message = await validate(value);
        box.enabled = true;
        box.busy = false;
        if (message === undefined) finish({ kind: 'value', value });
      }),
      box.onDidHide(() => finish({ kind: 'cancel' })),
    );
    box.show();
    if (box.value) void validate(box.value);
  });
}

function placeholderOf<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): string | undefined {
  return typeof options.placeholder === 'function' ? options.placeholder() : options.placeholder;
}

function showPickStep<T extends vscode.QuickPickItem>(
  items: readonly T[] | Promise<readonly T[]>,
  options: PickStepOptions<T>,
  many: boolean,
): Promise<StepAnswer<T[]>> {
  const pick = vscode.window.createQuickPick<T>();
  positionInput(pick, options);
  pick.canSelectMany = many;
  pick.placeholder = options.busyPlaceholder ?? placeholderOf(options);
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.busy = true;
  pick.enabled = false;
  return new Promise<StepAnswer<T[]>>((resolve, reject) => {
    const disposables: vscode.Disposable[] = [];
    let settled = false;
    const finish = (answer: StepAnswer<T[]> | Error): void => {
      if (settled) return;
      settled = true;
      disposables.forEach((d) => d.dispose());
      pick.dispose();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    disposables.push(
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      pick.onDidAccept(() => {
        if (many) {
          finish({ kind: 'value', value: [...pick.selectedItems] });
          return;
        }
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen) finish({ kind: 'value', value: [chosen] });
      }),
      pick.onDidHide(() => finish({ kind: 'cancel' })),
    );
    pick.show();
    Promise.resolve(items).then(
      (loaded) => {
        pick.items = [...loaded];
        if (many) pick.selectedItems = loaded.filter((item) => item.picked);
        else if (options.activeItem && loaded.includes(options.activeItem)) pick.activeItems = [options.activeItem];
        pick.placeholder = placeholderOf(options);
        pick.busy = false;
        pick.enabled = true;
      },
      (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
    );
  });
}
