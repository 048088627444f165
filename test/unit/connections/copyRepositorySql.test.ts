/**
 * Copy SQL of a repository: the CREATE REPOSITORY carries what the extension knows about the
 * repository and placeholders for what it does not, never a guessed region or a different
 * credential method; and the `.sql` diagnostics flag every placeholder.
 */
import * as assert from 'node:assert/strict';
import { recalledCredentials, rememberStorageAccess } from '../../../src/connections/repositoryStorageAccess';
import type { S3CredentialSource, S3EndpointSettings } from '../../../src/connections/types';
import { analyzeDocument } from '../../../src/language/diagnostics/analyze';
import { plainL10n } from '../../../src/language/l10n';
import { buildCreateRepository, type RepositoryCredentials } from '../../../src/starrocks/builders/repository';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';

const caps = capabilitiesOf(parseServerVersion('3.4.1'));
const LOCATION = 's3a://bucket/backups';

function copied(stored: S3CredentialSource | undefined, endpoint: S3EndpointSettings | undefined): string {
  return buildCreateRepository(
    { name: 'repo', location: LOCATION, credentials: recalledCredentials(stored, endpoint), placeholders: true },
    caps,
  ).sql;
}

/** What the wizard or a `.sql` run leaves behind after CREATE REPOSITORY succeeded. */
async function remembered(credentials: RepositoryCredentials): Promise<{ stored?: S3CredentialSource; endpoint?: S3EndpointSettings }> {
  const kept: { stored?: S3CredentialSource; endpoint?: S3EndpointSettings } = {};
  await rememberStorageAccess(
    {
      setS3Credentials: async (_p, _r, c) => void (kept.stored = c),
      setS3Endpoint: async (_p, _r, e) => void (kept.endpoint = e),
    },
    'p1',
    'repo',
    credentials,
  );
  return kept;
}

function placeholderIssues(sql: string): string[] {
  return analyzeDocument(`${sql};\n`, { l10n: plainL10n, caps }).map((i) => `${i.severity}: ${i.message} — ${i.hint ?? ''}`);
}

describe('Copy SQL of a repository: known facts and placeholders', () => {
  it('keys without a known region: a <region> placeholder, not us-east-1', () => {
    const sql = copied({ kind: 'keys', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'sk' }, undefined);
    assert.doesNotMatch(sql, /us-east-1/);
    assert.match(sql, /'aws\.s3\.region' = '<region>'/);
    assert.match(sql, /'aws\.s3\.access_key' = 'AKIAEXAMPLE'/);
  });

  it('an assumed-role repository stays an assumed-role one, with its role, external id and region', async () => {
    const kept = await remembered({
      method: 'assumeRole',
      roleArn: 'arn:aws:iam::123456789012:role/sr-backup',
      externalId: 'ext-1',
      region: 'eu-west-1',
    });
    const sql = copied(kept.stored, kept.endpoint);
    assert.match(sql, /'aws\.s3\.use_instance_profile' = 'true'/);
    assert.match(sql, /'aws\.s3\.iam_role_arn' = 'arn:aws:iam::123456789012:role\/sr-backup'/);
    assert.match(sql, /'aws\.s3\.external_id' = 'ext-1'/);
    assert.match(sql, /'aws\.s3\.region' = 'eu-west-1'/);
    assert.deepEqual(placeholderIssues(sql), [], 'nothing is unknown');
  });

  it('an instance-profile repository gets no role, and the default chain no invented region', async () => {
    const profile = await remembered({ method: 'instanceProfile', region: 'ap-south-1' });
    const sql = copied(profile.stored, profile.endpoint);
    assert.doesNotMatch(sql, /iam_role_arn/);
    assert.match(sql, /'aws\.s3\.region' = 'ap-south-1'/);
    const chain = await remembered({ method: 'defaultChain' });
    const chainSql = copied(chain.stored, chain.endpoint);
    assert.match(chainSql, /'aws\.s3\.use_aws_sdk_default_behavior' = 'true'/);
    assert.doesNotMatch(chainSql, /region|iam_role_arn|use_instance_profile/);
  });

  it("when only the extension's own default-chain access is known, the role and the region are placeholders", () => {
    const sql = copied({ kind: 'defaultChain' }, undefined);
    assert.match(sql, /'aws\.s3\.iam_role_arn' = '<iam_role_arn>'/);
    assert.match(sql, /'aws\.s3\.region' = '<region>'/);
  });

  it("keys set later for the extension are not taken for the repository's own", async () => {
    const kept = await remembered({
      method: 's3Compatible',
      endpoint: 'http://minio:9000',
      accessKey: 'repo-key',
      secretKey: 'repo-secret',
      pathStyle: true,
    });
    const sql = copied({ kind: 'keys', accessKeyId: 'my-own-key', secretAccessKey: 'my-own-secret' }, kept.endpoint);
    assert.match(sql, /'aws\.s3\.access_key' = 'repo-key'/);
    assert.match(sql, /'aws\.s3\.secret_key' = '<secret_key>'/);
    assert.doesNotMatch(sql, /my-own/);
    assert.match(sql, /'aws\.s3\.endpoint' = 'http:\/\/minio:9000'/);
    assert.match(sql, /'aws\.s3\.enable_path_style_access' = 'true'/);
  });

  it('the .sql diagnostics flag each placeholder with what to write instead', () => {
    const issues = placeholderIssues(copied({ kind: 'defaultChain' }, undefined));
    assert.equal(issues.length, 2, issues.join('\n'));
    assert.ok(
      issues.some((i) =>
        /^error: aws\.s3\.region is still the placeholder <region>: the extension does not know its value — Write the bucket's region/.test(
          i,
        ),
      ),
      issues.join('\n'),
    );
    assert.ok(
      issues.some((i) =>
        /^error: aws\.s3\.iam_role_arn is still the placeholder <iam_role_arn>.* — Write the ARN of the IAM role .*or remove this property/.test(
          i,
        ),
      ),
      issues.join('\n'),
    );
  });

  it('a placeholder is refused when the statement is built to run', () => {
    assert.throws(
      () =>
        buildCreateRepository({ name: 'repo', location: LOCATION, credentials: { method: 'instanceProfile', region: '<region>' } }, caps),
      /placeholder <region>/,
    );
  });
});
