import * as vscode from 'vscode';
import { iamPolicyForLocation, policyJson, type AccessPurpose } from '../../../storage/iamPolicy';
import type { WorkflowDeps } from '../common/deps';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import type { WorkflowTarget } from '../common/target';
import { resolveRepository } from './resolveRepository';

/**
 * Show IAM Policy: the policy the repository's bucket needs (List on the bucket, Get on its objects,
 * Put/Delete for backups and snapshot deletion) as an untitled JSON document for the user to copy
 * into AWS. A read-only repository only needs to be read.
 */
export async function showIamPolicyWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  const resolved = await resolveRepository(deps, target, vscode.l10n.t('Show IAM Policy'));
  if (!resolved) return CANCELLED;
  const { profileId, repository } = resolved;
  const purposes: AccessPurpose[] = repository.readOnly ? ['browse'] : ['browse', 'backup', 'delete'];
  const region = deps.connections.getS3Endpoint(profileId, repository.name)?.region;
  const json = policyJson(iamPolicyForLocation(repository.location, purposes, { region }));
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: json + '\n' });
  await vscode.window.showTextDocument(document, { preview: false });
  return { status: 'done', text: json };
}
