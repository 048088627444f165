import * as assert from 'assert';
import { countRows, rowChecksumExpression, showColumns } from '../../../../src/starrocks/builders/verification';
import { parseColumns, parseRowCount } from '../../../../src/starrocks/parsers/verification';
import { DialectError } from '../../../../src/starrocks/dialectError';
import { literalValues, structuralProblems } from '../helpers/sqlShape';

describe('starrocks/builders/verification', () => {
  it('counts a table, or one partition, with backtick-quoted names', () => {
    assert.strictEqual(countRows({ database: 'db', table: 't' }).sql, 'SELECT COUNT(*) AS `row_count` FROM `db`.`t`');
    assert.strictEqual(
      countRows({ database: 'my-db', table: 'a`b', partition: 'p1' }).sql,
      'SELECT COUNT(*) AS `row_count` FROM `my-db`.`a``b` PARTITION (`p1`)',
    );
    assert.strictEqual(countRows({ database: 'db', table: 't' }).destructive, false);
  });

  it('adds the NULL-safe row checksum over the given columns, in their order', () => {
    assert.strictEqual(
      countRows({ database: 'db', table: 't', partition: 'p', checksumColumns: ['id', 'we`ird'] }).sql,
      "SELECT COUNT(*) AS `row_count`, SUM(murmur_hash3_32(IFNULL(CONCAT('v', CAST(`id` AS VARCHAR)), 'n'), " +
        "IFNULL(CONCAT('v', CAST(`we``ird` AS VARCHAR)), 'n'))) AS `row_checksum` FROM `db`.`t` PARTITION (`p`)",
    );
    assert.strictEqual(countRows({ database: 'db', table: 't', checksumColumns: [] }).sql, 'SELECT COUNT(*) AS `row_count` FROM `db`.`t`');
    const sql = countRows({ database: 'db', table: 't', checksumColumns: ["x'); DROP DATABASE db; --"] }).sql;
    assert.deepStrictEqual(structuralProblems(sql), []);
    // The column name reads back as exactly itself, between the checksum's own literals.
    assert.deepStrictEqual(literalValues(sql), ['row_count', 'v', "x'); DROP DATABASE db; --", 'n', 'row_checksum', 'db', 't']);
    assert.match(rowChecksumExpression(['a']), /^SUM\(murmur_hash3_32\(/);
  });

  it('refuses names the server would refuse, before building', () => {
    assert.throws(() => countRows({ database: '', table: 't' }), DialectError);
    assert.throws(() => countRows({ database: 'db', table: 't', partition: 'bad name' }), DialectError);
    assert.throws(() => countRows({ database: 'db', table: 't', checksumColumns: ['a\0b'] }), DialectError);
    assert.strictEqual(showColumns('db', 't').sql, 'SHOW COLUMNS FROM `db`.`t`');
    assert.throws(() => showColumns('db', ''), DialectError);
  });

  it('reads the count and the checksum (NULL sum of no rows is 0), and refuses other answers', () => {
    assert.deepStrictEqual(parseRowCount([{ row_count: '12' }], false), { rows: 12 });
    assert.deepStrictEqual(parseRowCount([{ row_count: 3, row_checksum: '-2643486450' }], true), { rows: 3, checksum: '-2643486450' });
    assert.deepStrictEqual(parseRowCount([{ row_count: '0', row_checksum: null }], true), { rows: 0, checksum: '0' });
    assert.throws(() => parseRowCount([], false), /0 row\(s\)/);
    assert.throws(() => parseRowCount([{ n: '1' }], false), /row_count/);
    assert.throws(() => parseRowCount([{ row_count: '1', row_checksum: '1.5' }], true), /not an integer/);
    assert.deepStrictEqual(
      parseColumns([
        { Field: 'id', Type: 'int(11)', Null: 'NO' },
        { Field: 'uv', Type: 'bitmap', Null: 'NO' },
      ]),
      [
        { name: 'id', type: 'int(11)' },
        { name: 'uv', type: 'bitmap' },
      ],
    );
  });
});
