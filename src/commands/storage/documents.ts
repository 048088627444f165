import * as vscode from 'vscode';

/** Opens a report as an untitled Markdown document beside the editors (the user may save it). */
export async function openReport(markdown: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
