import * as vscode from 'vscode';
import { verificationMarkdown, verifyRestore, type TablePair, type VerificationReport } from '../../../starrocks/verification';
import { errorText } from '../../../ui/errorText';
import { openReport } from '../../storage/documents';
import { connectionName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { FlowCancelled } from '../common/guard';

/** What to compare: a database on one connection against a database on the same or another one. */
export interface VerificationTarget {
  sourceProfileId: string;
  sourceDatabase: string;
  targetProfileId: string;
  targetDatabase: string;
  /** Undefined: every base table of the source under the same name. */
  tables?: readonly TablePair[];
  checksum: boolean;
  /** Lines above the results (what was restored, the migration notes). */
  preface?: string[];
}

/**
 * Runs the verification with a cancellable progress notification, opens its report as a Markdown
 * document and says in one line how it ended. The VS Code side of `starrocks/verification`, shared
 * by Migrate to Another Cluster… and Verify Restore… (and anything else that restores).
 */
export async function runVerification(
  deps: WorkflowDeps,
  target: VerificationTarget,
): Promise<{ report: VerificationReport; markdown: string; document: vscode.TextDocument }> {
  const [source, destination] = await Promise.all([
    deps.connections.getSession(target.sourceProfileId),
    deps.connections.getSession(target.targetProfileId),
  ]);
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Verifying {0} against {1}', target.targetDatabase, target.sourceDatabase),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        return await verifyRestore({
          source: { session: source, label: connectionName(deps, target.sourceProfileId), database: target.sourceDatabase },
          target: { session: destination, label: connectionName(deps, target.targetProfileId), database: target.targetDatabase },
          tables: target.tables,
          checksum: target.checksum,
          describeError: errorText,
          signal: controller.signal,
          onProgress: (done, total) => {
            const percent = Math.floor((done / Math.max(total, 1)) * 100);
            progress.report({ message: vscode.l10n.t('{0} of {1} reads', done, total), increment: percent - reported });
            reported = percent;
          },
        });
      } catch (error) {
        if (controller.signal.aborted) throw new FlowCancelled();
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
  const markdown = verificationMarkdown(report, { preface: target.preface });
  const document = await openReport(markdown);
  if (report.verified) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Verified: {0} table(s) of {1} have the same row counts on both sides.', report.tables.length, target.targetDatabase),
    );
  } else {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The verification of {0} found differences or could not read everything: see the report.', target.targetDatabase),
    );
  }
  deps.log.info(
    `Verification of ${target.targetDatabase} against ${target.sourceDatabase}: ${report.verified ? 'verified' : 'differences'}`,
  );
  return { report, markdown, document };
}
