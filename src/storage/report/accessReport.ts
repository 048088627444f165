/** The S3 access check as a document: each action's outcome, the statement that fixes a denial, and the whole policy. */
import type { AccessReport } from '../accessCheck';
import { policyJson } from '../iamPolicy';
import { code, table } from '../../text/markdown';

const OUTCOME_TEXT = { allowed: '✅ allowed', denied: '⛔ denied', error: '⚠️ error', skipped: '— not tried' } as const;

export function accessReportMarkdown(report: AccessReport, title: string): string {
  const lines = [
    `# S3 access check: ${title}`,
    '',
    `Location ${code(report.location)} · bucket ${code(report.bucket)} · repository folder ${code(report.root)}`,
    '',
    report.ok ? 'Every action the extension needs is allowed.' : 'Some actions are not allowed; the statements below fix denials.',
    '',
    ...table(
      ['Action', 'Outcome', 'Request', 'Detail'],
      report.checks.map((c) => [c.action, OUTCOME_TEXT[c.outcome], c.request, c.detail]),
    ),
    '',
  ];
  if (report.leftoverProbe) {
    lines.push(
      `The probe object ${code(report.leftoverProbe)} could not be deleted again; remove it once deletion is allowed (StarRocks ignores it).`,
      '',
    );
  }
  for (const check of report.checks.filter((c) => c.fix)) {
    lines.push(`## To allow ${check.action}`, '', '```json', policyJson(check.fix!), '```', '');
  }
  lines.push(
    '## Policy for this repository',
    '',
    'Attach to the IAM user or role whose keys the extension (and StarRocks) use:',
    '',
    '```json',
    policyJson(report.policy),
    '```',
    '',
  );
  return lines.join('\n');
}
