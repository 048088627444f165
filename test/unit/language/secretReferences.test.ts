import * as assert from 'assert';
import {
  bindingMismatch,
  decodeStoredSecret,
  encodeStoredSecret,
  findSecretReferences,
  legacySecretStorageKey,
  referencedName,
  resolveSecretReferences,
  secretName,
  secretReference,
  secretStorageKey,
  statementBinding,
  type SecretBinding,
  type StoredSecret,
} from '../../../src/language/secretReferences';
import { parseStatement } from '../../../src/language/parser';
import { documentStatements } from '../../../src/language/documentStatements';
import { redactSql } from '../../../src/starrocks/redact';

const PROFILE = 'profile-a';
const LOCATION = 's3a://bucket/backups';
const ENDPOINT = 'http://127.0.0.1:9000';

/** A CREATE REPOSITORY with the given location, endpoint and secret value (a literal's contents). */
function create(options: { repo?: string; location?: string; endpoint?: string; secret?: string; more?: string } = {}): string {
  const endpoint = options.endpoint === undefined ? '' : `, "aws.s3.endpoint" = "${options.endpoint}"`;
  return `CREATE REPOSITORY ${options.repo ?? 'r'} WITH BROKER ON LOCATION "${options.location ?? LOCATION}" PROPERTIES ("aws.s3.access_key" = "AK", "aws.s3.secret_key" = "${options.secret ?? '${secret:r/aws.s3.secret_key}'}"${endpoint}${options.more ?? ''})`;
}

function bindingOf(sql: string, profileId = PROFILE): SecretBinding {
  const [statement] = documentStatements(sql);
  const binding = statementBinding(parseStatement(statement), profileId);
  assert.ok(binding, `a binding for ${sql}`);
  return binding;
}

/** A lookup over secrets stored for the statements they came from. */
function storedFor(
  entries: Record<string, { secret: string; sql: string; profileId?: string }>,
): (name: string) => Promise<StoredSecret | undefined> {
  return async (name) => {
    const entry = entries[name];
    return entry ? { secret: entry.secret, binding: bindingOf(entry.sql, entry.profileId) } : undefined;
  };
}

describe('language/secretReferences', () => {
  it('names a secret by repository and key, with a SecretStorage slot per connection', () => {
    const name = secretName('my_repo', 'aws.s3.secret_key');
    assert.strictEqual(secretReference(name), '${secret:my_repo/aws.s3.secret_key}');
    assert.strictEqual(secretStorageKey('p1', name), 'starrocksBackup.sqlSecret.v2/p1/my_repo/aws.s3.secret_key');
    assert.notStrictEqual(secretStorageKey('p1', name), secretStorageKey('p2', name), 'two connections never share a slot');
    assert.notStrictEqual(
      secretStorageKey('p1', name),
      legacySecretStorageKey(name),
      'an unbound value of an earlier version is not read as a bound one',
    );
    assert.strictEqual(referencedName(secretReference(name)), name);
    assert.strictEqual(referencedName('${secret:../password}'), undefined, 'no path tricks');
    assert.strictEqual(referencedName('prefix ${secret:a/b}'), undefined, 'only a whole value is a reference');
  });

  it('stores the secret with its binding, and reads anything else (an unbound value of an earlier version) as nothing', () => {
    const stored: StoredSecret = { secret: 'se"cret', binding: bindingOf(create({ endpoint: ENDPOINT })) };
    assert.deepStrictEqual(decodeStoredSecret(encodeStoredSecret(stored)), stored);
    assert.strictEqual(decodeStoredSecret('the-bare-secret'), undefined, 'an old-format value is bound to nothing');
    assert.strictEqual(decodeStoredSecret('{"secret":"x"}'), undefined);
    assert.strictEqual(decodeStoredSecret(undefined), undefined);
  });

  it('binds to the connection, the repository, the location as the FE reads it, and every endpoint', () => {
    const binding = bindingOf(create({ endpoint: `${ENDPOINT}/` }));
    assert.deepStrictEqual(binding, {
      profileId: PROFILE,
      repository: 'r',
      location: LOCATION,
      endpoints: { 'aws.s3.endpoint': ENDPOINT },
    });
    assert.strictEqual(
      bindingMismatch(binding, bindingOf(create({ location: 's3://bucket/backups/', endpoint: ENDPOINT }))),
      undefined,
      's3:// and a trailing / are the same place',
    );
    assert.strictEqual(bindingMismatch(binding, bindingOf(create({ endpoint: ENDPOINT }), 'profile-b')), 'connection');
    assert.strictEqual(bindingMismatch(binding, bindingOf(create({ repo: 'other', endpoint: ENDPOINT }))), 'repository');
    assert.strictEqual(bindingMismatch(binding, bindingOf(create({ location: 's3a://bucket/elsewhere', endpoint: ENDPOINT }))), 'location');
    assert.strictEqual(bindingMismatch(binding, bindingOf(create({ endpoint: 'http://attacker.example:9000' }))), 'endpoint');
    assert.strictEqual(bindingMismatch(binding, bindingOf(create())), 'endpoint', 'dropping the endpoint sends the key to AWS itself');
    assert.strictEqual(bindingMismatch(bindingOf(create()), bindingOf(create({ endpoint: ENDPOINT }))), 'endpoint', 'adding one too');
  });

  it('resolves references into string literals for the statement they were stored for, and reports the missing ones', async () => {
    const sql = create({ more: `, 'aws.s3.session_token' = '\${secret:r/other}'` });
    assert.deepStrictEqual(
      findSecretReferences(sql).map((u) => u.name),
      ['r/aws.s3.secret_key', 'r/other'],
    );
    const resolved = await resolveSecretReferences(
      sql,
      PROFILE,
      storedFor({ 'r/aws.s3.secret_key': { secret: "it's/se\\cret", sql: create() } }),
    );
    assert.deepStrictEqual(resolved.missing, ['r/other']);
    assert.deepStrictEqual(resolved.misplaced, []);
    assert.deepStrictEqual(resolved.refused, []);
    assert.deepStrictEqual(resolved.binding, bindingOf(sql));
    assert.ok(resolved.sql.includes(`"aws.s3.secret_key" = 'it\\'s/se\\\\cret'`), resolved.sql);
    assert.ok(resolved.sql.includes("'aws.s3.session_token' = '${secret:r/other}'"));
    assert.ok(!redactSql(resolved.sql).includes('se\\\\cret'), 'the resolved text is still masked by redactSql');
  });

  it('refuses a stored secret under another LOCATION, endpoint or repository name: the text keeps the reference', async () => {
    const lookup = storedFor({ 'r/aws.s3.secret_key': { secret: 'the-secret', sql: create({ endpoint: ENDPOINT }) } });
    const cases: [string, string][] = [
      [create({ location: 's3a://attacker-bucket/loot', endpoint: ENDPOINT }), 'location'],
      [create({ endpoint: 'http://attacker.example' }), 'endpoint'],
      [create(), 'endpoint'],
      [create({ repo: 'other', endpoint: ENDPOINT }), 'repository'],
    ];
    for (const [sql, mismatch] of cases) {
      const resolved = await resolveSecretReferences(sql, PROFILE, lookup);
      assert.deepStrictEqual(
        resolved.refused.map((r) => [r.name, r.mismatch]),
        [['r/aws.s3.secret_key', mismatch]],
        sql,
      );
      assert.ok(!resolved.sql.includes('the-secret'), `the secret is not put into ${sql}`);
    }
    assert.ok(
      (await resolveSecretReferences(create({ endpoint: ENDPOINT }), PROFILE, lookup)).sql.includes("'the-secret'"),
      'and the statement it was stored for gets it',
    );
  });

  it('never resolves a reference outside a secret property of one CREATE REPOSITORY', async () => {
    const lookup = storedFor({
      'r/aws.s3.secret_key': { secret: 'the-secret', sql: create() },
      'r/k': { secret: 'the-secret', sql: create() },
    });
    const misplaced = [
      `CREATE REPOSITORY r WITH BROKER ON LOCATION "${LOCATION}" PROPERTIES ('aws.s3.region' = '\${secret:r/aws.s3.secret_key}')`,
      `CREATE REPOSITORY r WITH BROKER ON LOCATION '\${secret:r/k}'`,
      `SELECT 'aws.s3.secret_key' = '\${secret:r/aws.s3.secret_key}'`,
      `BACKUP SNAPSHOT d.l TO r PROPERTIES ("aws.s3.secret_key" = "\${secret:r/aws.s3.secret_key}")`,
      `${create()}; ${create()}`,
    ];
    for (const sql of misplaced) {
      const resolved = await resolveSecretReferences(sql, PROFILE, lookup);
      assert.ok(resolved.misplaced.length > 0, sql);
      assert.ok(!resolved.sql.includes('the-secret'), sql);
    }
  });

  it('leaves the text alone when there is no reference', async () => {
    const sql = "SHOW SNAPSHOT ON r WHERE SNAPSHOT = '${secret'";
    assert.deepStrictEqual(await resolveSecretReferences(sql, PROFILE, async () => undefined), {
      sql,
      missing: [],
      misplaced: [],
      refused: [],
    });
  });
});
