import * as assert from 'assert';
import * as fc from 'fast-check';
import { isWord, significantTokens, splitStatements, tokenize, unescapeStringBody } from '../../../src/starrocks/sqlLexer';

const kinds = (sql: string): string[] => significantTokens(sql).map((t) => `${t.kind}:${t.value}`);

describe('starrocks/sqlLexer', () => {
  it('reads backtick identifiers with doubled backticks', () => {
    assert.deepStrictEqual(kinds('SELECT `a``b`.`c d`'), ['word:SELECT', 'quotedIdentifier:a`b', 'punctuation:.', 'quotedIdentifier:c d']);
  });

  it('reads single- and double-quoted strings with backslash escapes and doubled quotes', () => {
    assert.deepStrictEqual(kinds(String.raw`'it\'s' "say ""hi""" 'a''b' 'back\\slash'`), [
      "string:it's",
      'string:say "hi"',
      "string:a'b",
      'string:back\\slash',
    ]);
  });

  it('applies the MySQL escape table: control escapes, \\% and \\_ keep their backslash, others drop it', () => {
    assert.strictEqual(unescapeStringBody(String.raw`\n\t\r\b\0\Z\%\_\q\"`, "'"), '\n\t\r\b\0\x1a\\%\\_q"');
  });

  it('treats --, # and /* */ as comments and keeps quotes inside them inert', () => {
    const tokens = tokenize("SHOW -- it's\nBACKUP # don't\n/* 'x' */ FROM db");
    assert.deepStrictEqual(
      tokens.filter((t) => t.kind === 'comment').map((t) => t.text),
      ["-- it's", "# don't", "/* 'x' */"],
    );
    assert.deepStrictEqual(
      significantTokens("SHOW -- it's\nBACKUP").map((t) => t.text),
      ['SHOW', 'BACKUP'],
    );
  });

  it('marks unterminated strings, identifiers and comments', () => {
    for (const sql of ["SELECT 'abc", 'SELECT `abc', 'SELECT /* abc', "SELECT 'ends with backslash\\'"]) {
      const last = tokenize(sql).pop();
      assert.strictEqual(last?.terminated, false, sql);
    }
  });

  it('distinguishes numbers from words that start with digits', () => {
    assert.deepStrictEqual(kinds('1 1.5 .5 1e3 1abc 2_x'), ['number:1', 'number:1.5', 'number:.5', 'number:1e3', 'word:1abc', 'word:2_x']);
  });

  it('reads operators, variables and punctuation', () => {
    assert.deepStrictEqual(kinds("a<=>b @@x @'y' ; ( ) , ."), [
      'word:a',
      'operator:<=>',
      'word:b',
      'variable:@@x',
      "variable:@'y'",
      'punctuation:;',
      'punctuation:(',
      'punctuation:)',
      'punctuation:,',
      'punctuation:.',
    ]);
  });

  it('covers every character exactly once, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (sql) => {
        const tokens = tokenize(sql);
        assert.strictEqual(tokens.map((t) => t.text).join(''), sql);
        tokens.forEach((t, i) => {
          assert.strictEqual(sql.slice(t.start, t.end), t.text);
          assert.ok(t.end > t.start);
          if (i > 0) assert.strictEqual(tokens[i - 1].end, t.start);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('splits statements at top-level semicolons only', () => {
    const sql = 'SHOW REPOSITORIES;\n BACKUP SNAPSHOT `a;b` TO r PROPERTIES (\'k;\' = "v;") ; -- x;\n;/* ; */ SHOW BACKUP';
    const statements = splitStatements(sql);
    assert.deepStrictEqual(
      statements.map((s) => s.text),
      ['SHOW REPOSITORIES', 'BACKUP SNAPSHOT `a;b` TO r PROPERTIES (\'k;\' = "v;")', '/* ; */ SHOW BACKUP'],
    );
    for (const s of statements) assert.strictEqual(sql.slice(s.start, s.end), s.text);
  });

  it('drops statements that are only comments and whitespace', () => {
    assert.deepStrictEqual(splitStatements(' ; -- nothing\n ; /* */ ;'), []);
  });

  it('matches words case-insensitively and only words', () => {
    const [word, str] = significantTokens("backup 'BACKUP'");
    assert.ok(isWord(word, 'BACKUP'));
    assert.ok(!isWord(str, 'BACKUP'));
    assert.ok(!isWord(undefined, 'BACKUP'));
  });
});
