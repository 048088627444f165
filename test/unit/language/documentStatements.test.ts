import * as assert from 'assert';
import { documentStatements, statementAt, statementsIn } from '../../../src/language/documentStatements';

describe('language/documentStatements', () => {
  const texts = (sql: string): string[] => documentStatements(sql).map((s) => s.text);

  it('splits at top-level semicolons and keeps document offsets', () => {
    const sql = 'SHOW REPOSITORIES;\nSHOW BACKUP FROM db1 ;  SHOW RESTORE';
    const statements = documentStatements(sql);
    assert.deepStrictEqual(
      statements.map((s) => s.text),
      ['SHOW REPOSITORIES', 'SHOW BACKUP FROM db1', 'SHOW RESTORE'],
    );
    for (const s of statements) assert.strictEqual(sql.slice(s.start, s.end), s.text);
    assert.strictEqual(statements[0].semicolon, sql.indexOf(';'));
    assert.strictEqual(statements[2].semicolon, undefined);
  });

  it('does not split inside strings, backtick identifiers or comments', () => {
    const sql = [
      'CREATE REPOSITORY r WITH BROKER ON LOCATION \'s3a://b/x;y\' PROPERTIES ("aws.s3.secret_key" = "a\\";b");',
      'BACKUP SNAPSHOT `we;ird` TO r; -- trailing; comment',
      '/* block; comment */ SHOW SNAPSHOT ON r # hash; comment',
      ';',
    ].join('\n');
    assert.deepStrictEqual(texts(sql), [
      'CREATE REPOSITORY r WITH BROKER ON LOCATION \'s3a://b/x;y\' PROPERTIES ("aws.s3.secret_key" = "a\\";b")',
      'BACKUP SNAPSHOT `we;ird` TO r',
      'SHOW SNAPSHOT ON r',
    ]);
  });

  it('leaves out comment-only stretches and empty statements', () => {
    assert.deepStrictEqual(texts('-- only a comment;\n;;\n/* x */;'), []);
  });

  it('keeps an unterminated string to the end of the text, semicolons included', () => {
    assert.deepStrictEqual(texts("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'a; SHOW BACKUP"), [
      "SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'a; SHOW BACKUP",
    ]);
  });

  it('finds the statement at an offset and the statements of a selection', () => {
    const sql = 'SHOW BACKUP;\n\nSHOW RESTORE;';
    const statements = documentStatements(sql);
    assert.strictEqual(statementAt(statements, 0)?.text, 'SHOW BACKUP');
    assert.strictEqual(statementAt(statements, sql.indexOf(';') + 1)?.text, 'SHOW BACKUP', 'right after the ;');
    assert.strictEqual(statementAt(statements, sql.indexOf('\n\n') + 1), undefined, 'blank line between statements');
    assert.strictEqual(statementAt(statements, sql.length - 2)?.text, 'SHOW RESTORE');
    assert.deepStrictEqual(
      statementsIn(statements, 0, sql.length).map((s) => s.text),
      ['SHOW BACKUP', 'SHOW RESTORE'],
    );
    assert.deepStrictEqual(
      statementsIn(statements, sql.indexOf('RESTORE'), sql.indexOf('RESTORE') + 2).map((s) => s.text),
      ['SHOW RESTORE'],
    );
  });
});
