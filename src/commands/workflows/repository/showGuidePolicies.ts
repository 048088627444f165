import * as vscode from 'vscode';
import { validateLocation } from '../../../starrocks/location';
import { guideReadPolicy, guideWritePolicy, policyJson } from '../../../storage/iamPolicy';
import { s3LocationOf } from '../../../storage/repositoryLocation';
import type { WorkflowDeps } from '../common/deps';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';

/**
 * Show IAM Policies for a Bucket…: both policies of the guide's first step, before any repository
 * exists — the guide's read policy exactly as documented (browse and restore) and the one backing up
 * needs — for a location the user types, with which flow needs which action. Opens as Markdown.
 */
export async function showGuidePoliciesWorkflow(deps: WorkflowDeps, given?: string): Promise<WorkflowOutcome> {
  const location =
    given ??
    (await deps.prompter.input({
      title: vscode.l10n.t('IAM Policies for a Bucket'),
      prompt: vscode.l10n.t('The repository location: s3a://bucket or s3a://bucket/prefix (the prefix limits the write actions)'),
      placeHolder: 's3a://my-bucket/backups',
      ignoreFocusOut: true,
      validateInput: (text) => validateLocation(text.trim())[0]?.message,
    }));
  if (location === undefined) return CANCELLED;
  const { bucket, prefix } = s3LocationOf(location.trim());
  const text = guidePoliciesMarkdown(bucket, prefix);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  return { status: 'done', text };
}

/** The document: both policies, then which flow needs which action. */
export function guidePoliciesMarkdown(bucket: string, prefix: string | undefined): string {
  const t = vscode.l10n.t;
  const fence = (json: string): string => ['```json', json, '```'].join('\n');
  const rows: [string, string][] = [
    ['s3:ListBucket', t('every flow: SHOW SNAPSHOT, restore, backup, sizes, deletion')],
    ['s3:GetObject', t("restore, and the snapshot list (it reads each snapshot's info file)")],
    ['s3:PutObject', t('backup: the FE and BEs write the snapshot files')],
    [
      's3:DeleteObject',
      t('backup (each file is uploaded as a .part object and renamed: copied, then deleted), Delete Snapshot, Apply Retention'),
    ],
    ['s3:AbortMultipartUpload', t('backup: a failed multipart upload of a large file is aborted')],
  ];
  return [
    `# ${t('IAM policies for s3a://{0}', prefix ? `${bucket}/${prefix}` : bucket)}`,
    '',
    t('Attach one of these to the IAM role (instance profile or assumed role) or IAM user the cluster uses to reach the bucket.'),
    '',
    `## ${t("Read: browse and restore (the guide's policy)")}`,
    '',
    t('Enough for a READ ONLY repository: listing snapshots and restoring them, e.g. on the cluster you migrate to.'),
    '',
    fence(policyJson(guideReadPolicy(bucket))),
    '',
    `## ${t('Read and write: back up, and delete snapshots')}`,
    '',
    prefix
      ? t('The write actions are limited to keys under {0}/.', prefix)
      : t('Without a prefix the write actions apply to the whole bucket.'),
    '',
    fence(policyJson(guideWritePolicy(bucket, prefix))),
    '',
    `## ${t('Which flow needs which action')}`,
    '',
    `| ${t('action')} | ${t('needed by')} |`,
    '|---|---|',
    ...rows.map(([action, flows]) => `| \`${action}\` | ${flows} |`),
    '',
  ].join('\n');
}
