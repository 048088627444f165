/**
 * What the access check can say about a repository that the cluster reaches through an instance
 * profile or an assumed role: the extension does not run on the cluster's hosts, so it can only use
 * this machine's credentials (the AWS SDK's default provider chain). It says so, names the identity
 * those credentials are (`sts:GetCallerIdentity`) and, for an assumed role, tries `sts:AssumeRole`
 * from them: that shows whether the role's trust policy admits this identity, not the cluster's.
 */
import { code } from '../text/markdown';
import { loadSts } from './s3Sdk';

export type ClusterCredentialMethod = 'instanceProfile' | 'assumeRole';

export interface MachineIdentityReport {
  method: ClusterCredentialMethod;
  /** The identity of this machine's credentials, when STS answered. */
  identity?: { arn: string; account?: string };
  /** Why it did not (no credentials, STS unreachable, …). */
  identityError?: string;
  roleArn?: string;
  /** Assumed roles only: the result of sts:AssumeRole from this machine's credentials. */
  assumed?: { ok: true; arn: string } | { ok: false; error: string };
}

export interface MachineIdentityOptions {
  method: ClusterCredentialMethod;
  roleArn?: string;
  externalId?: string;
  region?: string;
  signal?: AbortSignal;
}

function reason(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return [e.name, e.message].filter(Boolean).join(': ') || String(error);
}

export async function checkMachineIdentity(options: MachineIdentityOptions): Promise<MachineIdentityReport> {
  const { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } = await loadSts();
  // No credentials given: the SDK's own default provider chain (environment, profile, SSO, instance metadata …).
  const sts = new STSClient({ region: options.region ?? 'us-east-1' });
  const report: MachineIdentityReport = { method: options.method, roleArn: options.roleArn };
  try {
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: options.signal });
      report.identity = { arn: who.Arn ?? '?', account: who.Account };
    } catch (error) {
      report.identityError = reason(error);
    }
    if (options.method === 'assumeRole' && options.roleArn) {
      try {
        const assumed = await sts.send(
          new AssumeRoleCommand({
            RoleArn: options.roleArn,
            RoleSessionName: 'starrocks-backup-access-check',
            ExternalId: options.externalId,
            DurationSeconds: 900,
          }),
          { abortSignal: options.signal },
        );
        report.assumed = { ok: true, arn: assumed.AssumedRoleUser?.Arn ?? options.roleArn };
      } catch (error) {
        report.assumed = { ok: false, error: reason(error) };
      }
    }
  } finally {
    sts.destroy();
  }
  return report;
}

/** The report's section, placed before the S3 action results. */
export function machineIdentityMarkdown(report: MachineIdentityReport): string {
  const method = report.method === 'assumeRole' ? 'an assumed role' : 'an instance profile';
  const lines = [
    '## What was checked',
    '',
    `The cluster reaches this repository through ${method}: the credentials of its FE and BE hosts, which this machine does not have. ` +
      "The checks below ran with **this machine's** credentials (the AWS SDK's default chain), so they show what this machine may do, not what the cluster may do.",
    '',
    report.identity
      ? `This machine's identity (sts:GetCallerIdentity): ${code(report.identity.arn)}${report.identity.account ? ` in account ${code(report.identity.account)}` : ''}.`
      : `This machine's identity could not be read (sts:GetCallerIdentity): ${report.identityError ?? 'no answer'}.`,
    '',
  ];
  if (report.method === 'assumeRole') {
    if (!report.roleArn) lines.push('The role the cluster assumes is not known to the extension, so assuming it was not tried.', '');
    else if (report.assumed?.ok)
      lines.push(`sts:AssumeRole of ${code(report.roleArn)} from this identity succeeded: ${code(report.assumed.arn)}.`, '');
    else
      lines.push(
        `sts:AssumeRole of ${code(report.roleArn)} from this identity failed: ${report.assumed?.error ?? 'not tried'}. ` +
          "The role's trust policy decides who may assume it; the cluster's instance profile may be admitted where this machine is not.",
        '',
      );
  }
  return lines.join('\n');
}
