/**
 * Placeholders for property values the extension does not know (Copy SQL of a repository whose
 * region or role it never saw): `<region>`, `<iam_role_arn>`. A placeholder is never a valid value,
 * so the `.sql` diagnostics flag it until the user writes the real one, rather than the extension
 * guessing a value that would create a different repository. Pure.
 */

export const PLACEHOLDER = {
  region: '<region>',
  iamRoleArn: '<iam_role_arn>',
  endpoint: '<endpoint>',
  accessKey: '<access_key>',
  secretKey: '<secret_key>',
} as const;

/** True for a value that is a placeholder (`<name>`), not a value. */
export function isPlaceholder(value: string | undefined): boolean {
  return value !== undefined && /^<[a-z0-9_]+>$/.test(value.trim());
}

/** What to write instead of the placeholder of `key` (English; the caller localizes). */
export function placeholderFix(key: string): string {
  switch (key) {
    case 'aws.s3.region':
      return "Write the bucket's region, e.g. us-west-2 (the bucket's Properties in the S3 console show it).";
    case 'aws.s3.iam_role_arn':
      return 'Write the ARN of the IAM role the cluster assumes for this repository, or remove this property if the cluster uses its instance profile directly.';
    default:
      return 'Write the real value.';
  }
}
