import * as assert from 'assert';
import * as fc from 'fast-check';
import { nameIssue, qualifiedName, quoteIdentifier, quoteString, validateName } from '../../../src/starrocks/identifiers';
import { DialectError } from '../../../src/starrocks/dialectError';
import { significantTokens } from '../../../src/starrocks/sqlLexer';

describe('starrocks/identifiers', () => {
  describe('validateName', () => {
    it('applies the common-name rule to repositories and partitions, with the FE messages', () => {
      for (const ok of ['a', 'repo_1', '_a', '_1x', 'A'.repeat(64), '_' + 'b'.repeat(63)]) {
        assert.strictEqual(validateName('repository', ok), undefined, ok);
        assert.strictEqual(validateName('partition', ok), undefined, ok);
      }
      for (const bad of ['', '1a', '__a', 'a-b', 'a b', 'A'.repeat(65), '_' + 'b'.repeat(64), 'é']) {
        assert.strictEqual(validateName('repository', bad), `Incorrect repository name '${bad}'`);
        assert.strictEqual(validateName('partition', bad), `Incorrect partition name '${bad}'`);
      }
    });

    it('refuses partition names starting with placeholder_', () => {
      assert.strictEqual(validateName('partition', 'placeholder_1'), "Incorrect partition name 'placeholder_1'");
      assert.strictEqual(validateName('partition', 'placeholder'), undefined);
    });

    it('applies the 3.x database rule: special characters allowed, 256 characters at most', () => {
      for (const ok of ['db', 'my-db', 'a~!@#$%^&<>=+', 'a'.repeat(256), '_9' + 'x'.repeat(254)]) {
        assert.strictEqual(validateName('database', ok), undefined, ok);
      }
      for (const bad of ['', '-db', '9db', 'a.b', 'a b', 'a`b', 'a'.repeat(257), '__x', "a'b"]) {
        assert.strictEqual(validateName('database', bad), `Incorrect database name '${bad}'`, bad);
      }
    });

    it('accepts any table name of 1 to 1024 characters without NUL', () => {
      for (const ok of ['t', 'a b', 'a`b', "a'b", 'a\nb', '表', 'x'.repeat(1024), '; DROP DATABASE x; --']) {
        assert.strictEqual(validateName('table', ok), undefined);
      }
      for (const bad of ['', 'a\0b', 'x'.repeat(1025)]) {
        assert.strictEqual(validateName('table', bad), `Incorrect table name '${bad}'`);
      }
    });

    it('applies the FE label rule to new labels', () => {
      for (const ok of ['l', 'snap-1_2', '-x', 'a'.repeat(128)]) assert.strictEqual(validateName('label', ok), undefined);
      for (const bad of ['', 'a.b', 'a b', 'a'.repeat(129), 'ü']) {
        assert.strictEqual(validateName('label', bad), `Label format error. regex: ^[-\\w]{1,128}$, label: ${bad}`);
      }
    });

    it('takes existing snapshot labels as reported, refusing only what cannot be a directory', () => {
      for (const ok of ['a.b', 'snapshot with spaces', 'ü']) assert.strictEqual(validateName('snapshot', ok), undefined);
      for (const bad of ['', 'a/b', 'a\\b', 'a\0']) assert.strictEqual(validateName('snapshot', bad), `Incorrect label name '${bad}'`);
    });

    it('nameIssue carries the key and a fix', () => {
      const issue = nameIssue('repository', '1x', 'name');
      assert.strictEqual(issue?.key, 'name');
      assert.match(issue?.fix ?? '', /start with a letter/);
      assert.strictEqual(nameIssue('repository', 'ok', 'name'), undefined);
    });
  });

  describe('quoting', () => {
    it('doubles backticks in identifiers', () => {
      assert.strictEqual(quoteIdentifier('a`b'), '`a``b`');
      assert.strictEqual(qualifiedName('d`b', 't'), '`d``b`.`t`');
    });

    it('refuses NUL in identifiers', () => {
      assert.throws(() => quoteIdentifier('a\0'), DialectError);
    });

    it('escapes backslash, quote and control characters in strings', () => {
      assert.strictEqual(quoteString('it\'s \\ \n \r \0 \x1a "'), String.raw`'it\'s \\ \n \r \0 \Z "'`);
    });

    it('round-trips any string and identifier through the tokenizer', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (value) => {
          const [str] = significantTokens(quoteString(value));
          assert.strictEqual(str.kind, 'string');
          assert.strictEqual(str.value, value);
          const tokens = significantTokens(quoteIdentifier(value.replace(/\0/g, '')));
          assert.strictEqual(tokens.length, 1);
          assert.strictEqual(tokens[0].value, value.replace(/\0/g, ''));
        }),
        { numRuns: 300 },
      );
    });
  });
});
