/**
 * CREATE / DROP / SHOW REPOSITORIES: credential recipes, endpoint resolution to the sandbox's S3
 * server, re-attaching to an existing location, and the FE's storage error texts.
 */
import * as assert from 'node:assert/strict';
import { columns, expectError, rows } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

describe('sandbox: repositories', function () {
  this.timeout(30_000);
  const suite = useSandbox({ version: '3.4' });

  const props = (overrides: Record<string, string | undefined> = {}) => {
    const { info } = suite.sandbox;
    const all: Record<string, string | undefined> = {
      'aws.s3.access_key': info.accessKey,
      'aws.s3.secret_key': info.secretKey,
      'aws.s3.endpoint': info.s3Endpoint,
      'aws.s3.region': info.region,
      'aws.s3.enable_path_style_access': 'true',
      ...overrides,
    };
    return `PROPERTIES (${Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `"${k}" = "${v}"`)
      .join(', ')})`;
  };
  const failedCreate = (name: string, location: string) =>
    new RegExp(
      `^Failed to create repository: failed to list remote path: ${location.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/__starrocks_repository_${name}/__repo_info\\. msg: `,
    );

  it('shows the seven columns of SHOW REPOSITORIES', async () => {
    assert.deepEqual(await columns(suite.conn, 'SHOW REPOSITORIES'), [
      'RepoId',
      'RepoName',
      'CreateTime',
      'IsReadOnly',
      'Location',
      'Broker',
      'ErrMsg',
    ]);
    const [row] = await rows(suite.conn, 'SHOW REPOSITORIES');
    assert.match(String(row.RepoId), /^\d+$/);
    assert.equal(row.RepoName, 'demo_repo');
    assert.equal(row.IsReadOnly, 'false');
    assert.equal(row.Location, 's3a://starrocks-backups/demo');
    assert.equal(row.Broker, null);
    assert.equal(row.ErrMsg, null);
  });

  it('creates repositories with each credential recipe, stripping a trailing slash', async () => {
    const loc = `s3a://${suite.sandbox.info.bucket}/keys`;
    await suite.conn.query(`CREATE REPOSITORY with_keys WITH BROKER ON LOCATION "${loc}/" ${props()}`);
    await suite.conn.query(
      `CREATE REPOSITORY by_profile WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/profile" ${props({ 'aws.s3.access_key': undefined, 'aws.s3.secret_key': undefined, 'aws.s3.endpoint': undefined, 'aws.s3.use_instance_profile': 'true' })}`,
    );
    await suite.conn.query(
      `CREATE READ ONLY REPOSITORY by_role WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/role" ${props({ 'aws.s3.access_key': undefined, 'aws.s3.secret_key': undefined, 'aws.s3.use_instance_profile': 'true', 'aws.s3.iam_role_arn': 'arn:aws:iam::123456789012:role/sr' })}`,
    );
    const repos = await rows(suite.conn, 'SHOW REPOSITORIES');
    assert.deepEqual(
      repos.map((r) => [r.RepoName, r.Location, r.IsReadOnly]),
      [
        ['demo_repo', 's3a://starrocks-backups/demo', 'false'],
        ['with_keys', loc, 'false'],
        ['by_profile', 's3a://starrocks-backups/profile', 'false'],
        ['by_role', 's3a://starrocks-backups/role', 'true'],
      ],
    );
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT via_profile TO by_profile');
    await suite.conn.query('DROP REPOSITORY with_keys');
    await suite.conn.query('DROP REPOSITORY by_role');
  });

  it('re-attaches to an existing location, keeping its create time and snapshots', async () => {
    const [before] = await rows(suite.conn, 'SHOW REPOSITORIES');
    await suite.conn.query('DROP REPOSITORY demo_repo');
    assert.equal((await rows(suite.conn, 'SHOW REPOSITORIES')).filter((r) => r.RepoName === 'demo_repo').length, 0);
    await suite.conn.query(
      `CREATE READ ONLY REPOSITORY demo_repo WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/demo" ${props()}`,
    );
    const [after] = (await rows(suite.conn, 'SHOW REPOSITORIES')).filter((r) => r.RepoName === 'demo_repo');
    assert.equal(after.CreateTime, before.CreateTime);
    assert.notEqual(after.RepoId, before.RepoId);
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).map((r) => r.Snapshot),
      ['demo_sales_base', 'demo_sales_orders'],
    );
  });

  it('fails like the FE when the storage cannot be reached or refuses', async () => {
    const { bucket } = suite.sandbox.info;
    await expectError(
      suite.conn,
      `CREATE REPOSITORY bad_keys WITH BROKER ON LOCATION "s3a://${bucket}/x" ${props({ 'aws.s3.secret_key': 'wrong' })}`,
      failedCreate('bad_keys', `s3a://${bucket}/x`),
      5064,
      '42000',
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY bad_id WITH BROKER ON LOCATION "s3a://${bucket}/x" ${props({ 'aws.s3.access_key': 'AKIAUNKNOWN' })}`,
      /The AWS Access Key Id you provided does not exist in our records\. \(Service: S3, Status Code: 403/,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY elsewhere WITH BROKER ON LOCATION "s3a://${bucket}/x" ${props({ 'aws.s3.endpoint': 'https://s3.eu-west-1.amazonaws.com' })}`,
      /msg: software\.amazon\.awssdk\.core\.exception\.SdkClientException: Unable to execute HTTP request: s3\.eu-west-1\.amazonaws\.com: Name or service not known$/,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY wrong_port WITH BROKER ON LOCATION "s3a://${bucket}/x" ${props({ 'aws.s3.endpoint': 'http://127.0.0.1:1' })}`,
      /Connect to 127\.0\.0\.1:1 failed: Connection refused$/,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY no_bucket WITH BROKER ON LOCATION "s3a://no-such-bucket/x" ${props()}`,
      /NoSuchBucketException: The specified bucket does not exist \(Service: S3, Status Code: 404/,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY no_creds WITH BROKER ON LOCATION "s3a://${bucket}/x" ${props({ 'aws.s3.access_key': undefined, 'aws.s3.secret_key': undefined })}`,
      /Unable to load credentials from any of the providers in the chain/,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY s3_scheme WITH BROKER ON LOCATION "s3://${bucket}/x" ${props()}`,
      /msg: No FileSystem for scheme "s3"$/,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY demo_repo WITH BROKER ON LOCATION "s3a://${bucket}/y" ${props()}`,
      'Failed to create repository: repository with same name already exist: demo_repo',
      5064,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY brokered WITH BROKER hdfs_broker ON LOCATION "s3a://${bucket}/y" ${props()}`,
      'broker does not exist: hdfs_broker',
      5064,
    );
    await expectError(
      suite.conn,
      `CREATE REPOSITORY \`1bad\` WITH BROKER ON LOCATION "s3a://${bucket}/y" ${props()}`,
      "Getting analyzing error. Detail message: Incorrect repository name '1bad'.",
      1064,
    );
    await suite.sandbox.control.setS3Unreachable(true);
    try {
      await expectError(
        suite.conn,
        `CREATE REPOSITORY offline WITH BROKER ON LOCATION "s3a://${bucket}/x" ${props()}`,
        /msg: software\.amazon\.awssdk\.core\.exception\.SdkClientException: Unable to execute HTTP request: /,
      );
    } finally {
      await suite.sandbox.control.setS3Unreachable(false);
    }
    assert.deepEqual((await rows(suite.conn, 'SHOW REPOSITORIES')).map((r) => r.RepoName).sort(), ['by_profile', 'demo_repo']);
  });

  it('accepts CREATE REPOSITORY without PROPERTIES in 3.4 (and fails on storage without credentials)', async () => {
    await expectError(
      suite.conn,
      `CREATE REPOSITORY bare WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/bare"`,
      /Unable to load credentials/,
    );
  });

  it('drops only the metadata: the files stay on storage', async () => {
    await expectError(suite.conn, 'DROP REPOSITORY nope', 'Getting analyzing error. Detail message: Repository does not exist.', 1064);
    await suite.conn.query('DROP REPOSITORY demo_repo');
    await suite.conn.query(`CREATE REPOSITORY demo_repo WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/demo" ${props()}`);
    assert.equal((await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).length, 2);
  });
});
