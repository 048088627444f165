import * as vscode from 'vscode';

/**
 * The few window interactions workflows need, behind one interface. The extension uses
 * `WindowPrompter` (the real VS Code UI); integration tests that cannot click replace it with a
 * scripted one through the extension's API, while the browser UI test drives the real dialogs.
 */
export interface Prompter {
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal warning; resolves to the chosen action's title, or undefined for Cancel. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
}

export class WindowPrompter implements Prompter {
  async pickOne<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions): Promise<T | undefined> {
    const list: Promise<T[]> = Promise.resolve(items).then((i) => [...i]);
    return vscode.window.showQuickPick<T>(list, { ...options, canPickMany: false });
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions): Promise<T[] | undefined> {
    const list: Promise<T[]> = Promise.resolve(items).then((i) => [...i]);
    return vscode.window.showQuickPick<T>(list, { ...options, canPickMany: true });
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox(options);
  }

  async confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }
}
