import * as vscode from 'vscode';
import { checkAccess, type AccessReport } from '../../storage/accessCheck';
import type { AccessPurpose } from '../../storage/iamPolicy';
import { policyJson } from '../../storage/iamPolicy';
import { accessReportMarkdown } from '../../storage/report/accessReport';
import {
  checkMachineIdentity,
  machineIdentityMarkdown,
  type ClusterCredentialMethod,
  type MachineIdentityReport,
} from '../../storage/identityCheck';
import { connectionName } from '../workflows/common/choices';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import type { WorkflowTarget } from '../workflows/common/target';
import { resolveRepository } from '../workflows/repository/resolveRepository';
import type { StorageDeps } from './deps';
import { openReport } from './documents';
import { withCancellableProgress } from './progress';
import { requireClient, storageTargetOf } from './storageTarget';

const t = vscode.l10n.t;

export type AccessOutcome = WorkflowOutcome & { status: 'done'; text: string; report: AccessReport; identity?: MachineIdentityReport };

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
  const checked = await whatWasChecked(deps, storage.profileId, storage.repository, region);
  const text = withSection(
    accessReportMarkdown(report, `${storage.repository} (${connectionName(deps, storage.profileId)})`),
    checked.text,
  );
  await openReport(text);
  const copy = t('Copy Policy JSON');
  const message = report.ok
    ? t('S3 access for {0}: everything the extension needs is allowed.', storage.repository)
    : t('S3 access for {0}: some actions are denied or failed; see the report.', storage.repository);
  const show = report.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, copy).then((action) => {
    if (action === copy) void vscode.env.clipboard.writeText(policyJson(report.policy));
  });
  return { status: 'done', text, report, identity: checked.identity };
}

/**
 * What the check could test, by the repository's credential method: its own keys, or — for an
 * instance profile or assumed role, which live on the cluster's hosts — only this machine's
 * credentials, with the identity they are and, for a role, whether this machine may assume it.
 */
async function whatWasChecked(
  deps: StorageDeps,
  profileId: string,
  repository: string,
  region: string | undefined,
): Promise<{ text: string; identity?: MachineIdentityReport }> {
  const auth = deps.connections.getS3Endpoint(profileId, repository)?.repositoryAuth;
  if (auth?.method === 'instanceProfile' || auth?.method === 'assumeRole') {
    const identity = await withCancellableProgress(t('Checking which identity this machine uses'), (signal) =>
      checkMachineIdentity({
        method: auth.method as ClusterCredentialMethod,
        roleArn: auth.method === 'assumeRole' ? auth.roleArn : undefined,
        externalId: auth.method === 'assumeRole' ? auth.externalId : undefined,
        region: auth.region ?? region,
        signal,
      }),
    );
    return { text: machineIdentityMarkdown(identity), identity };
  }
  const credentials = await deps.connections.getS3Credentials(profileId, repository);
  if (credentials?.kind === 'keys') {
    return {
      text: `## What was checked\n\nThe access keys stored for this repository (${credentials.accessKeyId}), the ones the cluster was given.\n`,
    };
  }
  return { text: "## What was checked\n\nThis machine's credentials (the AWS SDK's default chain).\n" };
}

/** The section after the report's heading. */
function withSection(report: string, section: string): string {
  const at = report.indexOf('\n\n');
  return at < 0 ? `${report}\n\n${section}` : `${report.slice(0, at)}\n\n${section}${report.slice(at)}`;
}
