import * as assert from 'assert';
import { findSecretReferences, referencedName, resolveSecretReferences, secretName, secretReference, secretStorageKey } from '../../../src/language/secretReferences';
import { redactSql } from '../../../src/starrocks/redact';

describe('language/secretReferences', () => {
  it('names a secret by repository and key, under its own SecretStorage prefix', () => {
    const name = secretName('my_repo', 'aws.s3.secret_key');
    assert.strictEqual(secretReference(name), '${secret:my_repo/aws.s3.secret_key}');
    assert.strictEqual(secretStorageKey(name), 'starrocksBackup.sqlSecret/my_repo/aws.s3.secret_key');
    assert.strictEqual(referencedName(secretReference(name)), name);
    assert.strictEqual(referencedName('${secret:../password}'), undefined, 'no path tricks');
    assert.strictEqual(referencedName('prefix ${secret:a/b}'), undefined, 'only a whole value is a reference');
  });

  it('resolves references into string literals and reports the missing ones', async () => {
    const sql = `CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p" PROPERTIES ("aws.s3.access_key" = "AK", "aws.s3.secret_key" = "\${secret:r/aws.s3.secret_key}", 'aws.s3.session_token' = '\${secret:r/other}')`;
    assert.deepStrictEqual(findSecretReferences(sql).map((u) => u.name), ['r/aws.s3.secret_key', 'r/other']);
    const resolved = await resolveSecretReferences(sql, async (name) => (name === 'r/aws.s3.secret_key' ? "it's/se\\cret" : undefined));
    assert.deepStrictEqual(resolved.missing, ['r/other']);
    assert.deepStrictEqual(resolved.misplaced, []);
    assert.ok(resolved.sql.includes(`"aws.s3.secret_key" = 'it\\'s/se\\\\cret'`), resolved.sql);
    assert.ok(resolved.sql.includes("'aws.s3.session_token' = '${secret:r/other}'"));
    assert.ok(!redactSql(resolved.sql).includes('se\\\\cret'), 'the resolved text is still masked by redactSql');
  });

  it('never resolves a reference outside a secret property, where it would be shown in clear text', async () => {
    const sql = `CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p" PROPERTIES ('aws.s3.region' = '\${secret:r/aws.s3.secret_key}')`;
    const resolved = await resolveSecretReferences(sql, async () => 'the-secret');
    assert.deepStrictEqual(resolved, { sql, missing: [], misplaced: ['r/aws.s3.secret_key'] });
    const inLocation = `CREATE REPOSITORY r WITH BROKER ON LOCATION '\${secret:r/k}'`;
    assert.deepStrictEqual((await resolveSecretReferences(inLocation, async () => 'x')).misplaced, ['r/k']);
  });

  it('leaves the text alone when there is no reference', async () => {
    const sql = "SHOW SNAPSHOT ON r WHERE SNAPSHOT = '${secret'";
    assert.deepStrictEqual(await resolveSecretReferences(sql, async () => 'x'), { sql, missing: [], misplaced: [] });
  });
});
