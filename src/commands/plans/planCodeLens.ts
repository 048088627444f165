import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { planNamePositions } from '../../starrocks/plans/planFilePositions';
import { PLAN_FILE_PATH } from './planStore';

/**
 * "Run Plan" and "Run Restore Drill…" above each plan of the plan file. Found on the text as it is
 * in the editor (unsaved edits included): the line of each `"name"` directly inside `plans[i]`,
 * through the JSON text's own structure rather than a pattern, so a table named like a plan does
 * not get a lens.
 */
export class PlanCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.uri.path.endsWith(PLAN_FILE_PATH)) return [];
    return planNamePositions(document.getText()).flatMap(({ name, offset }) => {
      const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset));
      return [
        new vscode.CodeLens(range, { title: vscode.l10n.t('Run Plan'), command: CommandIds.runPlan, arguments: [{ plan: name }] }),
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Run Restore Drill…'),
          command: CommandIds.restoreDrill,
          arguments: [{ plan: name }],
        }),
      ];
    });
  }
}
