import * as vscode from 'vscode';
import { escapeMarkdown } from '../text/markdown';

/**
 * A tooltip: a bold heading, then `name: value` lines for the values that are known. Values are
 * escaped as data, not markup (with the jobs' `escapeMarkdown`, which keeps spaces so long server
 * messages wrap in the hover, unlike `appendText`); pass `code: true` for ones that read better monospaced (locations, SQL).
 */
export function detailsTooltip(
  heading: string,
  rows: [string, string | undefined, { code?: boolean }?][],
  footer?: string,
): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(heading)}**\n\n`);
  for (const [name, value, options] of rows) {
    if (value === undefined || value === '') {
      continue;
    }
    const shown = options?.code ? '`' + value.replace(/`/g, "'") + '`' : escapeMarkdown(value);
    md.appendMarkdown(`${escapeMarkdown(name)}: ${shown}  \n`);
  }
  if (footer) {
    md.appendMarkdown(`\n${escapeMarkdown(footer)}`);
  }
  return md;
}
