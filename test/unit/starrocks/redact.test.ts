import * as assert from 'assert';
import * as fc from 'fast-check';
import { quoteString } from '../../../src/starrocks/identifiers';
import { isSecretPropertyKey, redactSql } from '../../../src/starrocks/redact';
import { significantTokens } from '../../../src/starrocks/sqlLexer';

/** Every credential property StarRocks knows (CloudConfigurationConstants, HdfsFsManager, loads, JDBC). */
const SECRET_KEYS = [
  'aws.s3.secret_key',
  'aws.s3.session_token',
  'aws.glue.secret_key',
  'aws.glue.session_token',
  'fs.s3a.secret.key',
  'fs.s3a.session.token',
  'fs.oss.accessKeySecret',
  'aliyun.oss.secret_key',
  'fs.cosn.userinfo.secretKey',
  'tencent.cos.secret_key',
  'fs.ks3.AccessSecret',
  'fs.obs.secret.key',
  'fs.tos.secret_key',
  'azure.blob.shared_key',
  'azure.blob.sas_token',
  'azure.blob.oauth2_client_secret',
  'azure.adls1.oauth2_credential',
  'azure.adls2.shared_key',
  'azure.adls2.sas_token',
  'azure.adls2.oauth2_client_secret',
  'fs.azure.account.key.acc.dfs.core.windows.net',
  'fs.azure.sas.token',
  'gcp.gcs.service_account_private_key',
  'gcp.gcs.service_account_private_key_id',
  'hadoop.kerberos.keytab',
  'hadoop.kerberos.keytab_content',
  'kerberos_keytab_content',
  'password',
  'passwd',
  'pwd',
  'broker.password',
  'property.sasl.password',
  'bos_secret_accesskey',
];

describe('starrocks/redact', () => {
  it('recognises secret property keys of every supported store', () => {
    for (const key of [
      'aws.s3.secret_key',
      'AWS.S3.SECRET_KEY',
      'aws.s3.session_token',
      'fs.s3a.secret.key',
      'fs.oss.accessKeySecret',
      'fs.cosn.userinfo.secretKey',
      'fs.ks3.AccessSecret',
      'fs.obs.secret.key',
      'password',
      'azure.blob.shared_key',
      'azure.blob.sas_token',
      'fs.azure.account.key.acc',
      'gcp.gcs.service_account_private_key',
      'aliyun.oss.access_key_secret',
    ]) {
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
    assert.strictEqual(
      redactSql("ALTER USER u IDENTIFIED WITH mysql_native_password BY 'pw2'"),
      "ALTER USER u IDENTIFIED WITH mysql_native_password BY '***'",
    );
    assert.strictEqual(redactSql("SET PASSWORD FOR 'u' = PASSWORD('pw3')"), "SET PASSWORD FOR 'u' = '***'");
    assert.strictEqual(redactSql("SET PASSWORD = 'pw4'"), "SET PASSWORD = '***'");
  });

  it('leaves secret-looking text inside other literals and comments alone', () => {
    const sql = "SELECT 'aws.s3.secret_key = x' -- 'password' = 'y'\nFROM t";
    assert.strictEqual(redactSql(sql), sql);
  });

  it('masks an unterminated secret value to the end', () => {
    assert.strictEqual(redactSql("PROPERTIES ('aws.s3.secret_key' = 'abc"), "PROPERTIES ('aws.s3.secret_key' = '***'");
  });

  it('knows the Azure OAuth2, ADLS Gen1 and other credential keys, and keys whose names say secret', () => {
    for (const key of SECRET_KEYS) assert.ok(isSecretPropertyKey(key), key);
    for (const key of ['my_api_key', 'client.credentials', 'x.sas', 'ldap.pwd', 'vault.passphrase'])
      assert.ok(isSecretPropertyKey(key), key);
    for (const key of [
      'azure.adls2.oauth2_client_id',
      'azure.adls2.oauth2_tenant_id',
      'azure.adls2.oauth2_client_endpoint',
      'azure.blob.storage_account',
      'property.sasl.mechanism',
    ]) {
      assert.ok(!isSecretPropertyKey(key), key);
    }
    assert.strictEqual(
      redactSql("PROPERTIES ('azure.adls1.oauth2_credential' = 'cred')"),
      "PROPERTIES ('azure.adls1.oauth2_credential' = '***')",
    );
  });

  it('masks the whole value when it is not one plain string literal', () => {
    const cases: [string, string][] = [
      ["'aws.s3.secret_key' = 'SeC' 'rEt'", "'aws.s3.secret_key' = '***'"],
      ["'aws.s3.secret_key' = 'SeC' /* c */ 'rEt' -- c\n, 'a' = 'b'", "'aws.s3.secret_key' = '***' -- c\n, 'a' = 'b'"],
      ["'aws.s3.secret_key' = _utf8'SeCrEt'", "'aws.s3.secret_key' = '***'"],
      ['\'aws.s3.secret_key\' = _utf8mb4 "SeCrEt"', "'aws.s3.secret_key' = '***'"],
      ["'aws.s3.secret_key' = N'SeCrEt'", "'aws.s3.secret_key' = '***'"],
      ["'aws.s3.secret_key' = X'536543724574'", "'aws.s3.secret_key' = '***'"],
      ["'aws.s3.secret_key' = 0x536543724574", "'aws.s3.secret_key' = '***'"],
      ["'aws.s3.secret_key' = CONCAT('SeC', 'rEt'), 'aws.s3.region' = 'r'", "'aws.s3.secret_key' = '***', 'aws.s3.region' = 'r'"],
    ];
    for (const [value, expected] of cases) {
      assert.strictEqual(redactSql(`PROPERTIES (${value})`), `PROPERTIES (${expected})`, value);
    }
  });

  it('masks secrets under keys in backticks, double quotes or bare dotted words, with comments around =', () => {
    assert.strictEqual(redactSql("PROPERTIES (`aws.s3.secret_key` = 'SeCrEt')"), "PROPERTIES (`aws.s3.secret_key` = '***')");
    assert.strictEqual(
      redactSql('PROPERTIES ("AWS.S3.Secret_Key"/* c */=-- c\n"SeCrEt")'),
      'PROPERTIES ("AWS.S3.Secret_Key"/* c */=-- c\n"***")',
    );
    assert.strictEqual(redactSql("PROPERTIES (aws.s3.secret_key = 'SeCrEt')"), "PROPERTIES (aws.s3.secret_key = '***')");
  });

  it('masks user-info in locations, keeping Azure container names', () => {
    assert.strictEqual(
      redactSql("CREATE REPOSITORY r WITH BROKER ON LOCATION 's3a://AKIA:SeC/rEt@bucket/p'"),
      "CREATE REPOSITORY r WITH BROKER ON LOCATION 's3a://***@bucket/p'",
    );
    assert.strictEqual(redactSql('ON LOCATION "s3a://AKIA:" \'SeCrEt@bucket/p\''), "ON LOCATION 's3a://***@bucket/p'");
    assert.strictEqual(
      redactSql("SELECT * FROM FILES ('path' = 'hdfs://user:SeCrEt@nn:8020/x')"),
      "SELECT * FROM FILES ('path' = 'hdfs://***@nn:8020/x')",
    );
    for (const sql of [
      "ON LOCATION 'wasbs://container@account.blob.core.windows.net/p'",
      "ON LOCATION 's3://bucket/a@b'",
      "ON LOCATION 's3a://bucket/p'",
    ]) {
      assert.strictEqual(redactSql(sql), sql);
    }
  });

  it('masks passwords however they are written', () => {
    assert.strictEqual(redactSql("CREATE USER u IDENTIFIED BY 'Se' 'CrEt'"), "CREATE USER u IDENTIFIED BY '***'");
    assert.strictEqual(
      redactSql("CREATE USER u IDENTIFIED BY _utf8'SeCrEt' DEFAULT ROLE r"),
      "CREATE USER u IDENTIFIED BY '***' DEFAULT ROLE r",
    );
    assert.strictEqual(redactSql("ALTER USER u IDENTIFIED BY N'SeCrEt'"), "ALTER USER u IDENTIFIED BY '***'");
    assert.strictEqual(
      redactSql("CREATE USER u IDENTIFIED WITH authentication_ldap_simple AS 'uid=SeCrEt'"),
      "CREATE USER u IDENTIFIED WITH authentication_ldap_simple AS '***'",
    );
    assert.strictEqual(redactSql("SET PASSWORD FOR u = PASSWORD(X'536543724574')"), "SET PASSWORD FOR u = '***'");
    assert.strictEqual(redactSql("SELECT PASSWORD('Se' 'CrEt')"), "SELECT PASSWORD('***')");
  });

  it('never lets a secret value through, whatever it contains', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }),
        fc.constantFrom('aws.s3.secret_key', 'fs.s3a.secret.key', 'password'),
        (secret, key) => {
          const sql = `CREATE REPOSITORY r WITH BROKER ON LOCATION 's3a://b/p' PROPERTIES (${quoteString(key)} = ${quoteString(secret)}, 'aws.s3.region' = 'us-east-1')`;
          const out = redactSql(sql);
          const strings = significantTokens(out)
            .filter((t) => t.kind === 'string')
            .map((t) => t.value);
          assert.deepStrictEqual(strings, ['s3a://b/p', key, '***', 'aws.s3.region', 'us-east-1']);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Separators that may stand between tokens: whitespace, line breaks, comments of every style. */
const SEPARATORS = ['', ' ', '\n', '\t ', '/* c */', ' -- c\n', '#c\n', '/*\n*/ '];
const separator = fc.constantFrom(...SEPARATORS);
const spaced = fc.constantFrom(...SEPARATORS.filter((s) => s !== ''));

/** Printable text with the characters that need escaping, line breaks and non-ASCII. */
const secretText = fc
  .string({
    unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), "'", '"', '\\', '\n', '\t', 'é', '表'),
    maxLength: 24,
  })
  // The marker makes an accidental match with the statement's own text impossible.
  .map((s) => `Q7SeCrEt${s}`);

/** One string literal of `text`, in a random quoting style (escapes as the server reads them). */
function stringLiteral(text: string): fc.Arbitrary<string> {
  const escape = (quote: string, doubled: boolean): string =>
    quote +
    text
      .replace(/\\/g, '\\\\')
      .split(quote)
      .join(doubled ? quote + quote : `\\${quote}`) +
    quote;
  return fc.constantFrom(quoteString(text), escape("'", true), escape('"', false), escape('"', true));
}

/** Splits `text` into 1–3 non-empty parts. */
function parts(text: string): fc.Arbitrary<string[]> {
  return fc.tuple(fc.nat(text.length - 1), fc.nat(text.length - 1)).map(([a, b]) => {
    const cuts = [...new Set([a, b].filter((c) => c > 0))].sort((x, y) => x - y);
    return [0, ...cuts].map((c, i) => text.slice(c, cuts[i] ?? text.length));
  });
}

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

/** Every way to write `text` as one literal value: concatenation, introducers, N'', hex. */
function literal(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    stringLiteral(text),
    parts(text).chain((ps) =>
      fc.tuple(...ps.map(stringLiteral), fc.array(separator, { minLength: ps.length, maxLength: ps.length })).map((all) => {
        const literals = all.slice(0, ps.length) as string[];
        const seps = all[ps.length] as string[];
        return literals.map((l, i) => (i === 0 ? l : `${seps[i] || ' '}${l}`)).join('');
      }),
    ),
    fc
      .tuple(fc.constantFrom('_utf8', '_UTF8MB4', '_binary', '_latin1'), fc.constantFrom('', ' ', '/* c */'), stringLiteral(text))
      .map(([i, s, l]) => i + s + l),
    fc.constantFrom('N', 'n').map((n) => n + quoteString(text)),
    fc.constantFrom(`X'${hex(text)}'`, `x'${hex(text).toUpperCase()}'`, `0x${hex(text)}`),
  );
}

/** A value expression: a literal, or a function of literals. */
function valueExpression(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: literal(text), weight: 4 },
    {
      arbitrary: parts(text)
        .chain((ps) => fc.tuple(...ps.map(literal)))
        .map((ls) => `CONCAT(${ls.join(', ')})`),
      weight: 1,
    },
  );
}

/** A key in random case and quoting: '…', "…", `…` or bare dotted words. */
const keySpelling = fc
  .tuple(fc.constantFrom(...SECRET_KEYS), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.constantFrom("'", '"', '`', ''))
  .map(([key, upper, quote]) => {
    const cased = Array.from(key, (ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('');
    return `${quote}${cased}${quote}`;
  });

const masked = (value: string): string => (value.startsWith('"') ? '"***"' : "'***'");

/** A statement holding the secret, and what it must look like once redacted. */
const secretStatement = secretText.chain((secret) =>
  fc.oneof(
    fc
      .tuple(keySpelling, separator, separator, valueExpression(secret), separator, fc.boolean())
      .map(([key, before, after, value, trailing, last]) => {
        const head = "CREATE REPOSITORY r WITH BROKER ON LOCATION 's3a://b/p' PROPERTIES ('aws.s3.region' = 'us-east-1', ";
        const tail = last ? ')' : ", 'aws.s3.endpoint' = 'http://s3:9000')";
        return {
          secret,
          sql: `${head}${key}${before}=${after}${value}${trailing}${tail}`,
          expected: `${head}${key}${before}=${after}${masked(value)}${trailing}${tail}`,
        };
      }),
    fc
      .tuple(
        fc.constantFrom(
          'CREATE USER u IDENTIFIED BY',
          'ALTER USER u IDENTIFIED WITH mysql_native_password BY',
          "CREATE USER 'u'@'%' IDENTIFIED WITH authentication_ldap_simple AS",
        ),
        spaced,
        literal(secret),
        fc.constantFrom('', ';', ' DEFAULT ROLE r'),
      )
      .map(([head, sep, value, tail]) => ({
        secret,
        sql: `${head}${sep}${value}${tail}`,
        expected: `${head}${sep}${masked(value)}${tail}`,
      })),
    fc
      .tuple(fc.constantFrom('SET PASSWORD =', "SET PASSWORD FOR 'u'@'%' ="), separator, valueExpression(secret), fc.boolean())
      .map(([head, sep, value, fn]) => ({
        secret,
        sql: `${head}${sep}${fn ? `PASSWORD(${value})` : value}`,
        expected: `${head}${sep}${fn ? "'***'" : masked(value)}`,
      })),
    fc.tuple(spaced, literal(`s3a://AKIA:${secret}@bucket/p`)).map(([sep, location]) => ({
      secret,
      sql: `CREATE REPOSITORY r WITH BROKER ON LOCATION${sep}${location}`,
      expected: `CREATE REPOSITORY r WITH BROKER ON LOCATION${sep}'s3a://***@bucket/p'`,
    })),
  ),
);

describe('starrocks/redact property', () => {
  // 10,000 generated cases.
  it('never shows a secret, however its key and value are written', () => {
    fc.assert(
      fc.property(secretStatement, ({ secret, sql, expected }) => {
        const out = redactSql(sql);
        assert.strictEqual(out, expected, sql);
        assert.ok(!out.includes(secret) && !out.includes('Q7SeCrEt') && !out.toLowerCase().includes(hex(secret)), sql);
      }),
      { numRuns: 10_000 },
    );
  });
});
