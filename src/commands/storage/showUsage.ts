import * as vscode from 'vscode';
import { compareWithServer, type ServerComparison } from '../../storage/report/serverComparison';
import { formatBytes } from '../../text/format';
import { usageReport } from '../../storage/report/usageReport';
import type { RepositoryUsage } from '../../storage/sizing';
import { errorText } from '../../ui/errorText';
import { connectionName } from '../workflows/common/choices';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import type { WorkflowTarget } from '../workflows/common/target';
import { resolveRepository } from '../workflows/repository/resolveRepository';
import type { StorageDeps } from './deps';
import { openReport } from './documents';
import { withCancellableProgress } from './progress';
import { requireClient, storageTargetOf } from './storageTarget';

const t = vscode.l10n.t;

export type UsageOutcome = WorkflowOutcome & { status: 'done'; text: string; usage: RepositoryUsage; comparison?: ServerComparison };

/**
 * Show Snapshot Sizes / Repository Usage…: measures every snapshot of a repository on S3 (a
 * cancellable progress notification), compares the folders with SHOW SNAPSHOT, and opens the
 * report. The measurement also fills the tree's sizes.
 */
export async function showUsageCommand(deps: StorageDeps, target: WorkflowTarget): Promise<WorkflowOutcome | UsageOutcome> {
  const resolved = await resolveRepository(deps, target, t('Repository Usage'));
  if (!resolved) return CANCELLED;
  const storage = storageTargetOf(resolved.profileId, resolved.repository);
  if (!(await requireClient(deps, storage))) return CANCELLED;
  const usage = await withCancellableProgress(t('Measuring repository {0} on S3', storage.repository), (signal, report) =>
    deps.sizes.sizeRepository(storage, {
      signal,
      force: true,
      // The report shows each snapshot's health, which takes its info file.
      health: true,
      onProgress: (p) => report(t('{0} of {1} snapshots', p.done, p.total), 100 / Math.max(1, p.total)),
    }),
  );
  let comparison: ServerComparison | undefined;
  let comparisonError: string | undefined;
  try {
    const listed = await deps.catalog.snapshots(resolved.profileId, storage.repository);
    comparison = compareWithServer(
      usage.listing.labels,
      listed.map((s) => s.label),
    );
  } catch (error) {
    comparisonError = errorText(error);
  }
  const text = usageReport({
    usage,
    repository: storage.repository,
    location: storage.location,
    connection: connectionName(deps, resolved.profileId),
    comparison,
    comparisonError,
    measuredAt: new Date(),
  });
  await openReport(text);
  deps.log.info(`Repository usage of ${storage.repository}: ${usage.totals.snapshots} snapshot(s), ${formatBytes(usage.totals.bytes)}.`);
  return { status: 'done', text, usage, comparison };
}
