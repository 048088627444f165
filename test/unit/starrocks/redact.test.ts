import * as assert from 'assert';
import * as fc from 'fast-check';
import { quoteString } from '../../../src/starrocks/identifiers';
import { isSecretPropertyKey, redactSql } from '../../../src/starrocks/redact';
import { significantTokens } from '../../../src/starrocks/sqlLexer';

describe('starrocks/redact', () => {
  it('recognises secret property keys of every supported store', () => {
    for (const key of ['aws.s3.secret_key', 'AWS.S3.SECRET_KEY', 'aws.s3.session_token', 'fs.s3a.secret.key', 'fs.oss.accessKeySecret', 'fs.cosn.userinfo.secretKey', 'fs.ks3.AccessSecret', 'fs.obs.secret.key', 'password', 'azure.blob.shared_key', 'azure.blob.sas_token', 'fs.azure.account.key.acc', 'gcp.gcs.service_account_private_key', 'aliyun.oss.access_key_secret']) {
      assert.ok(isSecretPropertyKey(key), key);
    }
    for (const key of ['aws.s3.access_key', 'aws.s3.region', 'aws.s3.endpoint', 'fs.s3a.access.key', 'timeout', 'aws.s3.iam_role_arn']) {
      assert.ok(!isSecretPropertyKey(key), key);
    }
  });

  it('masks secret values whatever the quoting, spacing and case', () => {
    const sql = [
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p" PROPERTIES(',
      '"aws.s3.access_key"="AKIA1",',
      "'AWS.S3.SECRET_KEY'  =  'abc\\'def',",
      '"aws.s3.session_token"=\n"tok""en",',
      "'fs.s3a.secret.key' = /* c */ 'hadoop'",
      ')',
    ].join('\n');
    const out = redactSql(sql);
    for (const secret of ["abc\\'def", 'tok""en', 'hadoop']) assert.ok(!out.includes(secret), secret);
    assert.ok(out.includes('"AKIA1"'));
    assert.ok(out.includes("'AWS.S3.SECRET_KEY'  =  '***'"));
    assert.ok(out.includes('"aws.s3.session_token"=\n"***"'));
  });

  it('masks passwords of user statements', () => {
    assert.strictEqual(redactSql("CREATE USER 'u' IDENTIFIED BY 'pw1'"), "CREATE USER 'u' IDENTIFIED BY '***'");
    assert.strictEqual(redactSql("ALTER USER u IDENTIFIED WITH mysql_native_password BY 'pw2'"), "ALTER USER u IDENTIFIED WITH mysql_native_password BY '***'");
    assert.strictEqual(redactSql("SET PASSWORD FOR 'u' = PASSWORD('pw3')"), "SET PASSWORD FOR 'u' = PASSWORD('***')");
    assert.strictEqual(redactSql("SET PASSWORD = 'pw4'"), "SET PASSWORD = '***'");
  });

  it('leaves secret-looking text inside other literals and comments alone', () => {
    const sql = "SELECT 'aws.s3.secret_key = x' -- 'password' = 'y'\nFROM t";
    assert.strictEqual(redactSql(sql), sql);
  });

  it('masks an unterminated secret value to the end', () => {
    assert.strictEqual(redactSql("PROPERTIES ('aws.s3.secret_key' = 'abc"), "PROPERTIES ('aws.s3.secret_key' = '***'");
  });

  it('never lets a secret value through, whatever it contains', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.constantFrom('aws.s3.secret_key', 'fs.s3a.secret.key', 'password'), (secret, key) => {
      const sql = `CREATE REPOSITORY r WITH BROKER ON LOCATION 's3a://b/p' PROPERTIES (${quoteString(key)} = ${quoteString(secret)}, 'aws.s3.region' = 'us-east-1')`;
      const out = redactSql(sql);
      const strings = significantTokens(out).filter((t) => t.kind === 'string').map((t) => t.value);
      assert.deepStrictEqual(strings, ['s3a://b/p', key, '***', 'aws.s3.region', 'us-east-1']);
    }), { numRuns: 300 });
  });
});
