import * as vscode from 'vscode';
import { checkAccess, type AccessReport } from '../../storage/accessCheck';
import type { AccessPurpose } from '../../storage/iamPolicy';
import { policyJson } from '../../storage/iamPolicy';
import { accessReportMarkdown } from '../../storage/report/accessReport';
import { connectionName } from '../workflows/common/choices';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import type { WorkflowTarget } from '../workflows/common/target';
import { resolveRepository } from '../workflows/repository/resolveRepository';
import type { StorageDeps } from './deps';
import { openReport } from './documents';
import { withCancellableProgress } from './progress';
import { requireClient, storageTargetOf } from './storageTarget';

const t = vscode.l10n.t;

export type AccessOutcome = WorkflowOutcome & { status: 'done'; text: string; report: AccessReport };

/**
 * Check S3 Access…: tests List, Get and — for a writable repository — Put and Delete with the
 * credentials the extension holds for the repository, opens the report with the statements that
 * fix denials, and offers the whole policy JSON for the clipboard.
 */
export async function checkAccessCommand(deps: StorageDeps, target: WorkflowTarget): Promise<WorkflowOutcome | AccessOutcome> {
  const resolved = await resolveRepository(deps, target, t('Check S3 Access'));
  if (!resolved) return CANCELLED;
  const storage = storageTargetOf(resolved.profileId, resolved.repository);
  const client = await requireClient(deps, storage);
  if (!client) return CANCELLED;
  const purposes: AccessPurpose[] = resolved.repository.readOnly ? ['browse'] : ['browse', 'backup', 'delete'];
  const region = deps.connections.getS3Endpoint(storage.profileId, storage.repository)?.region;
  const report = await withCancellableProgress(t('Checking S3 access for {0}', storage.repository), (signal) =>
    checkAccess(client, { name: storage.repository, location: storage.location }, { purposes, region, signal }),
  );
  const text = accessReportMarkdown(report, `${storage.repository} (${connectionName(deps, storage.profileId)})`);
  await openReport(text);
  const copy = t('Copy Policy JSON');
  const message = report.ok
    ? t('S3 access for {0}: everything the extension needs is allowed.', storage.repository)
    : t('S3 access for {0}: some actions are denied or failed; see the report.', storage.repository);
  const show = report.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, copy).then((action) => {
    if (action === copy) void vscode.env.clipboard.writeText(policyJson(report.policy));
  });
  return { status: 'done', text, report };
}
