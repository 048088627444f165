/**
 * The pure language modules format user-visible text through this interface. The extension passes
 * `vscode.l10n` (so the strings are translated and `l10n.t(…)` calls are found by the bundle
 * exporter); unit tests pass `plainL10n`, which only fills in `{0}`-style placeholders.
 */
export interface L10n {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const plainL10n: L10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    return message.replace(/\{(\d+)\}/g, (whole, index: string) =>
      args[Number(index)] !== undefined ? String(args[Number(index)]) : whole,
    );
  },
};
