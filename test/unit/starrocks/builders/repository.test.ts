import * as assert from 'assert';
import {
  buildCreateRepository,
  buildDropRepository,
  CreateRepositorySpec,
  validateCreateRepository,
} from '../../../../src/starrocks/builders/repository';
import { issueMessages, V25, V34 } from '../helpers/servers';
import { literalValues, skeleton, structuralProblems } from '../helpers/sqlShape';

const base = { name: 'repo1', location: 's3a://my-bucket/backups' };

describe('starrocks/builders/repository', () => {
  it('instance profile: use_instance_profile and region', () => {
    const built = buildCreateRepository({ ...base, credentials: { method: 'instanceProfile', region: 'us-west-2' } }, V34);
    assert.strictEqual(
      built.sql,
      "CREATE REPOSITORY `repo1` WITH BROKER ON LOCATION 's3a://my-bucket/backups' PROPERTIES ('aws.s3.use_instance_profile' = 'true', 'aws.s3.region' = 'us-west-2')",
    );
    assert.strictEqual(built.display, built.sql);
    assert.deepStrictEqual(built.notes, []);
    assert.strictEqual(built.destructive, false);
  });

  it('assumed role: instance profile, role ARN, external id and region', () => {
    const built = buildCreateRepository(
      {
        ...base,
        readOnly: true,
        credentials: {
          method: 'assumeRole',
          roleArn: 'arn:aws:iam::123456789012:role/sr-backup',
          externalId: 'ext-1',
          region: 'eu-central-1',
        },
      },
      V34,
    );
    assert.strictEqual(
      built.sql,
      "CREATE READ ONLY REPOSITORY `repo1` WITH BROKER ON LOCATION 's3a://my-bucket/backups' PROPERTIES ('aws.s3.use_instance_profile' = 'true', 'aws.s3.iam_role_arn' = 'arn:aws:iam::123456789012:role/sr-backup', 'aws.s3.external_id' = 'ext-1', 'aws.s3.region' = 'eu-central-1')",
    );
  });

  it('access keys: secret and session token masked in display only', () => {
    const built = buildCreateRepository(
      {
        ...base,
        credentials: { method: 'accessKeys', accessKey: 'AKIAX', secretKey: 's3cr3t/+', sessionToken: 'tok', region: 'us-east-1' },
      },
      V25,
    );
    assert.deepStrictEqual(literalValues(built.sql).slice(-8), [
      'aws.s3.access_key',
      'AKIAX',
      'aws.s3.secret_key',
      's3cr3t/+',
      'aws.s3.session_token',
      'tok',
      'aws.s3.region',
      'us-east-1',
    ]);
    assert.ok(!built.display.includes('s3cr3t') && !built.display.includes("'tok'"));
    assert.ok(built.display.includes("'aws.s3.secret_key' = '***'") && built.display.includes("'aws.s3.session_token' = '***'"));
    assert.ok(built.display.includes('AKIAX'));
  });

  it('S3-compatible stores: endpoint, path style and ssl', () => {
    const built = buildCreateRepository(
      {
        ...base,
        credentials: {
          method: 's3Compatible',
          endpoint: 'http://minio:9000',
          accessKey: 'minio',
          secretKey: 'minio123',
          pathStyle: true,
          ssl: false,
        },
      },
      V34,
    );
    assert.ok(
      built.sql.endsWith(
        "'aws.s3.endpoint' = 'http://minio:9000', 'aws.s3.enable_path_style_access' = 'true', 'aws.s3.enable_ssl' = 'false')",
      ),
    );
    assert.ok(!built.display.includes('minio123'));
  });

  it('default chain and extra properties', () => {
    const built = buildCreateRepository(
      {
        ...base,
        credentials: { method: 'defaultChain', region: 'us-east-1' },
        extraProperties: { 'aws.s3.endpoint': 's3.us-east-1.amazonaws.com' },
      },
      V34,
    );
    assert.ok(
      built.sql.includes(
        "'aws.s3.use_aws_sdk_default_behavior' = 'true', 'aws.s3.region' = 'us-east-1', 'aws.s3.endpoint' = 's3.us-east-1.amazonaws.com'",
      ),
    );
  });

  it('changes s3:// into s3a:// with a note', () => {
    const built = buildCreateRepository(
      { ...base, location: 's3://my-bucket/backups/', credentials: { method: 'instanceProfile', region: 'us-east-1' } },
      V34,
    );
    assert.ok(built.sql.includes("ON LOCATION 's3a://my-bucket/backups'"));
    assert.strictEqual(built.notes.length, 1);
    assert.match(built.notes[0], /s3:\/\/ was changed to s3a:\/\//);
  });

  it('omits PROPERTIES when there are none on 3.4+, and refuses that before 3.4', () => {
    const spec: CreateRepositorySpec = { name: 'hdfs_repo', location: 'hdfs://nn:8020/backup', credentials: { method: 'none' } };
    assert.strictEqual(
      buildCreateRepository(spec, V34).sql,
      "CREATE REPOSITORY `hdfs_repo` WITH BROKER ON LOCATION 'hdfs://nn:8020/backup'",
    );
    assert.deepStrictEqual(
      issueMessages(() => buildCreateRepository(spec, V25)),
      ['Before StarRocks 3.4, CREATE REPOSITORY needs a PROPERTIES clause'],
    );
    assert.ok(
      buildCreateRepository({ ...spec, extraProperties: { username: 'hdfs' } }, V25).sql.endsWith("PROPERTIES ('username' = 'hdfs')"),
    );
  });

  it('names a broker when given one', () => {
    const built = buildCreateRepository({ ...base, location: 'hdfs://nn/x', broker: 'hdfs_broker', credentials: { method: 'none' } }, V34);
    assert.strictEqual(skeleton(built.sql), 'CREATE REPOSITORY <ID> WITH BROKER <ID> ON LOCATION <STR>');
  });

  it('reports every problem before building', () => {
    const messages = issueMessages(() =>
      buildCreateRepository(
        { name: '1repo', location: 's3a://Bad_Bucket/p', credentials: { method: 'accessKeys', accessKey: '', secretKey: 'x' } },
        V34,
      ),
    );
    assert.deepStrictEqual(messages, [
      "Incorrect repository name '1repo'",
      "Invalid S3 bucket name 'Bad_Bucket'",
      'The access key is required',
      'Access keys need a region or an endpoint',
      'The property aws.s3.access_key is empty',
    ]);
  });

  it('checks credential fields and their combination', () => {
    const check = (spec: Partial<CreateRepositorySpec>) =>
      validateCreateRepository({ ...base, credentials: { method: 'none' }, ...spec }, V34).map((i) => i.message);
    assert.deepStrictEqual(check({ credentials: { method: 'assumeRole', roleArn: 'role/x', region: 'us-east-1' } }), [
      "Invalid aws.s3.iam_role_arn: 'role/x'",
    ]);
    assert.deepStrictEqual(check({ credentials: { method: 'instanceProfile', region: 'US East' } }), ["Invalid aws.s3.region: 'US East'"]);
    assert.deepStrictEqual(
      check({ credentials: { method: 's3Compatible', endpoint: 'http://minio:9000', accessKey: 'a', secretKey: 'b', ssl: true } }),
      ['aws.s3.enable_ssl = true contradicts the http:// endpoint'],
    );
    assert.deepStrictEqual(check({ credentials: { method: 'instanceProfile', region: 'us-east-1' }, location: 'oss://b/p' }), [
      'S3 credentials need an s3a:// location, not oss://',
    ]);
    assert.deepStrictEqual(
      check({ credentials: { method: 'instanceProfile', region: 'us-east-1' }, extraProperties: { 'aws.s3.region': 'x' } }),
      ['The property aws.s3.region is already set by the chosen credentials'],
    );
    assert.deepStrictEqual(check({ broker: ' ' }), ['You must specify the broker of the repository', 'The S3 location has no credentials']);
    assert.deepStrictEqual(check({ location: 's3a://my-bucket/p', credentials: { method: 'none' } }), [
      'The S3 location has no credentials',
    ]);
  });

  it('DROP REPOSITORY is destructive and validated', () => {
    const built = buildDropRepository('repo1');
    assert.strictEqual(built.sql, 'DROP REPOSITORY `repo1`');
    assert.strictEqual(built.destructive, true);
    assert.match(built.notes[0], /stay on storage/);
    assert.deepStrictEqual(
      issueMessages(() => buildDropRepository('a; DROP DATABASE x')),
      ["Incorrect repository name 'a; DROP DATABASE x'"],
    );
  });

  it('builds single, well-formed statements', () => {
    const built = buildCreateRepository(
      { ...base, credentials: { method: 'accessKeys', accessKey: 'k', secretKey: "'; DROP DATABASE x; --\n\\", region: 'us-east-1' } },
      V34,
    );
    assert.deepStrictEqual(structuralProblems(built.sql), []);
    assert.strictEqual(literalValues(built.sql)[7], "'; DROP DATABASE x; --\n\\");
  });
});
