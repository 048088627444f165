import * as assert from 'assert';
import * as fc from 'fast-check';
import { isReadOnlyStatement, leadingKeywords } from '../../../src/starrocks/statementClass';
import { significantTokens } from '../../../src/starrocks/sqlLexer';

/** Statements that can write, start a job, act on the server or hold more than one statement. */
const WRITES = [
  'BACKUP SNAPSHOT db.l TO repo',
  'BACKUP DATABASE d SNAPSHOT s TO r ON (TABLE t)',
  "RESTORE SNAPSHOT db.l FROM repo PROPERTIES ('backup_timestamp' = '2024-05-01-10-20-30-123')",
  "CREATE REPOSITORY r WITH BROKER ON LOCATION 's3a://b/p' PROPERTIES ('aws.s3.region' = 'us-east-1')",
  "CREATE READ ONLY REPOSITORY r WITH BROKER ON LOCATION 's3a://b/p' PROPERTIES ('aws.s3.use_instance_profile' = 'true')",
  'DROP REPOSITORY r',
  'CANCEL BACKUP FROM db',
  'CANCEL RESTORE FROM db',
  "DROP SNAPSHOT ON r WHERE SNAPSHOT = 's1'",
  'INSERT INTO t VALUES (1, 2)',
  'INSERT OVERWRITE t SELECT * FROM s',
  "INSERT INTO FILES ('path' = 's3://b/x', 'format' = 'parquet') SELECT * FROM t",
  "SELECT * FROM t INTO OUTFILE 's3://b/x' FORMAT AS CSV PROPERTIES ('aws.s3.region' = 'r')",
  "SELECT 1 INTO DUMPFILE '/tmp/x'",
  'SELECT a INTO @v FROM t',
  'SELECT @v := 1',
  'WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c',
  "WITH c AS (SELECT 1) SELECT * FROM c INTO OUTFILE 's3://b/y'",
  'DELETE FROM t WHERE a = 1',
  'UPDATE t SET a = 1 WHERE b = 2',
  'TRUNCATE TABLE t',
  'ALTER TABLE t ADD COLUMN c INT',
  'CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a)',
  'DROP TABLE t',
  'DROP DATABASE d FORCE',
  'SET GLOBAL query_timeout = 1',
  "SET PASSWORD = PASSWORD('x')",
  'GRANT SELECT ON *.* TO u',
  'REVOKE SELECT ON *.* FROM u',
  "ADMIN SET FRONTEND CONFIG ('a' = 'b')",
  'EXPLAIN ANALYZE INSERT INTO t SELECT 1',
  'EXPLAIN ANALYZE DELETE FROM t WHERE a = 1',
  'KILL 12',
  'ANALYZE TABLE t',
  'REFRESH MATERIALIZED VIEW mv',
  'SUBMIT TASK AS INSERT INTO t SELECT 1',
  "LOAD LABEL db.l (DATA INFILE ('s3://b/f') INTO TABLE t) WITH BROKER",
  'FROBNICATE EVERYTHING',
  'SHOW DATABASES; DROP DATABASE d',
  'SELECT 1; SELECT 2',
  'DROP DATABASE d; SHOW DATABASES',
];

/** Statements that cannot write, some mentioning writes inside strings. */
const READS = [
  'SHOW BACKUP FROM db',
  "SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'a;b'",
  'SHOW REPOSITORIES',
  "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'",
  'DESC t',
  'DESCRIBE db.t',
  'EXPLAIN SELECT * FROM t',
  'EXPLAIN INSERT INTO t SELECT 1',
  'EXPLAIN ANALYZE SELECT * FROM t',
  'SELECT current_version()',
  "SELECT 'INTO OUTFILE s3://x' AS note FROM t WHERE a = 'into dumpfile'",
  'SELECT `into`, "; DROP DATABASE d" FROM t',
  'WITH c AS (SELECT 1 AS a), d (x) AS (SELECT 2) SELECT * FROM c, d',
];

/** What may stand between two tokens: whitespace, line breaks and every comment style. */
const SEPARATORS = [
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '/**/',
  ' /* c */ ',
  "/* INTO OUTFILE 's3://x' ; */",
  '-- c\n',
  '-- ; DROP DATABASE d\n',
  '#c\n',
  '# INTO OUTFILE\n',
  '/*\n*/',
  '\n/* a */\n',
  '/*+ SET_VAR(query_timeout=1) */',
];

const separator = fc.constantFrom(...SEPARATORS);

/** `sql`'s tokens joined by random separators, keywords in random case, maybe with a final `;`. */
function reshaped(sql: string): fc.Arbitrary<string> {
  const tokens = significantTokens(sql).map((t) => t.text);
  return fc
    .tuple(
      fc.array(separator, { minLength: tokens.length + 1, maxLength: tokens.length + 1 }),
      fc.array(fc.boolean(), { minLength: tokens.length, maxLength: tokens.length }),
      fc.boolean(),
    )
    .map(([seps, upper, semicolon]) => {
      const words = tokens.map((t, i) => (/^[A-Za-z]/.test(t) ? (upper[i] ? t.toUpperCase() : t.toLowerCase()) : t));
      return seps[0] + words.map((w, i) => w + seps[i + 1]).join('') + (semicolon ? ';\n' : '\n');
    });
}

describe('starrocks/statementClass', () => {
  it('counts reads as read-only', () => {
    for (const sql of [...READS, '  show snapshot on repo', '/* hint */ -- note\nSHOW REPOSITORIES;', 'explain select 1']) {
      assert.strictEqual(isReadOnlyStatement(sql), true, sql);
    }
  });

  it('counts writes, jobs, cancellations, unknown statements and scripts as writes', () => {
    for (const sql of [...WRITES, '', '-- only a comment', ';']) {
      assert.strictEqual(isReadOnlyStatement(sql), false, sql);
    }
  });

  it('is not fooled by comments or line breaks between INTO and OUTFILE', () => {
    for (const sql of [
      "SELECT * FROM t INTO/**/OUTFILE 's3://b/x'",
      "SELECT * FROM t INTO\nOUTFILE 's3://b/x'",
      "SELECT * FROM t INTO -- c\n OUTFILE 's3://b/x'",
      "SELECT * FROM t INTO # c\n OUTFILE 's3://b/x'",
      "SELECT * FROM t INTO\tDUMPFILE '/tmp/x'",
    ]) {
      assert.strictEqual(isReadOnlyStatement(sql), false, JSON.stringify(sql));
    }
  });

  it('does not count a mention of INTO OUTFILE in a string or comment as a write', () => {
    assert.strictEqual(isReadOnlyStatement("SELECT 'x INTO OUTFILE y' FROM t"), true);
    assert.strictEqual(isReadOnlyStatement("SELECT a /* INTO OUTFILE 's3://b' */ FROM t"), true);
    assert.strictEqual(isReadOnlyStatement('SELECT a -- INTO OUTFILE\nFROM t'), true);
    assert.strictEqual(isReadOnlyStatement('SELECT a # into dumpfile\nFROM t'), true);
  });

  it('sees a second statement after a comment holding a quote', () => {
    for (const sql of [
      "SHOW TABLES /* don't */; DROP DATABASE d -- '",
      "SHOW TABLES -- it's\n; DROP DATABASE d; SELECT 'x'",
      "SELECT 1 # what's this\n; DELETE FROM t WHERE a = '1'",
    ]) {
      assert.strictEqual(isReadOnlyStatement(sql), false, JSON.stringify(sql));
    }
  });

  // Already writes on main; pinned so that the allow-list stays closed.
  it('counts INSERT INTO FILES, two statements, unknown keywords and empty text as writes', () => {
    for (const sql of [
      "INSERT INTO FILES ('path' = 's3://b/x') SELECT 1",
      'SHOW DATABASES;SHOW TABLES',
      'SHOW TABLES;;',
      'XYZZY',
      '',
      '   ',
      '/* */',
    ]) {
      assert.strictEqual(isReadOnlyStatement(sql), false, JSON.stringify(sql));
    }
  });

  it('counts EXPLAIN ANALYZE as a write unless what it runs is read-only', () => {
    assert.strictEqual(isReadOnlyStatement('EXPLAIN ANALYZE INSERT INTO t SELECT 1'), false);
    assert.strictEqual(isReadOnlyStatement('explain /* c */ analyze\ninsert into t select 1'), false);
    assert.strictEqual(isReadOnlyStatement('EXPLAIN ANALYZE'), false);
    assert.strictEqual(isReadOnlyStatement('EXPLAIN ANALYZE SELECT 1'), true);
    assert.strictEqual(isReadOnlyStatement('EXPLAIN INSERT INTO t SELECT 1'), true);
  });

  it('counts unclosed text, executable comments and unknown characters as writes', () => {
    for (const sql of ["SELECT 'abc", 'SELECT 1 /* INTO', "SELECT 1 /*! INTO OUTFILE '/tmp/x' */", 'SELECT `a', 'SELECT \\ 1']) {
      assert.strictEqual(isReadOnlyStatement(sql), false, sql);
    }
  });

  it('names the leading keywords', () => {
    assert.deepStrictEqual(leadingKeywords('/* x */ backup database d snapshot s'), ['BACKUP', 'DATABASE']);
    assert.deepStrictEqual(leadingKeywords('cancel\n-- c\nbackup from d', 3), ['CANCEL', 'BACKUP', 'FROM']);
  });

  // 10,000 generated cases.
  it('never counts a write as read-only, whatever comments and spacing stand between its tokens', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WRITES).chain(reshaped), (sql) => {
        assert.strictEqual(isReadOnlyStatement(sql), false, JSON.stringify(sql));
      }),
      { numRuns: 10_000 },
    );
  });

  // 10,000 generated cases.
  it('keeps reads read-only, whatever comments and spacing stand between their tokens', () => {
    fc.assert(
      fc.property(fc.constantFrom(...READS).chain(reshaped), (sql) => {
        assert.strictEqual(isReadOnlyStatement(sql), true, JSON.stringify(sql));
      }),
      { numRuns: 10_000 },
    );
  });
});
