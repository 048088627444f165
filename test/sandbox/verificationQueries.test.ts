/**
 * The SELECT forms a restore verification sends: COUNT(*) over a table or over partitions
 * (`FROM t PARTITION (p, …)`), and the checksum `SUM(murmur_hash3_32(IFNULL(CONCAT('v', CAST(c AS
 * VARCHAR)), 'n'), …))`. The hash values are the StarRocks docs' own examples.
 */
import * as assert from 'node:assert/strict';
import { expectError, rows } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

describe('sandbox: verification queries (partition scans, CAST, murmur_hash3_32)', function () {
  this.timeout(30_000);
  const suite = useSandbox({ seed: 'demo' });

  it('murmur_hash3_32 answers the documented values, NULL for a NULL argument', async () => {
    assert.deepEqual(
      await rows(suite.conn, "SELECT murmur_hash3_32('hello') AS a, murmur_hash3_32('hello', 'world') AS b, murmur_hash3_32(NULL) AS c"),
      [{ a: 1321743225, b: 984713481, c: null }],
    );
    await expectError(suite.conn, 'SELECT murmur_hash3_32()', /No matching function with signature: murmur_hash3_32\(\)/);
  });

  it('counts one partition or several with PARTITION (…), quoted or not, and refuses unknown ones', async () => {
    const total = Number((await rows(suite.conn, 'SELECT COUNT(*) AS n FROM demo_sales.orders'))[0].n);
    const counts = await Promise.all(
      ['p202401', 'p202402', 'p202403'].map(async (p) =>
        Number((await rows(suite.conn, `SELECT COUNT(*) AS n FROM \`demo_sales\`.\`orders\` PARTITION (\`${p}\`)`))[0].n),
      ),
    );
    assert.ok(counts.every((n) => n > 0));
    assert.equal(
      counts.reduce((a, b) => a + b),
      total,
    );
    const shown = await rows(suite.conn, 'SHOW PARTITIONS FROM demo_sales.orders');
    assert.deepEqual(
      counts.map(String),
      shown.map((p) => p.RowCount),
    );
    assert.deepEqual(await rows(suite.conn, 'SELECT COUNT(*) AS n FROM demo_sales.orders PARTITION (p202401, P202402) o'), [
      { n: counts[0] + counts[1] },
    ]);
    assert.deepEqual(await rows(suite.conn, 'SELECT COUNT(*) AS n FROM demo_sales.orders PARTITIONS (p202403)'), [{ n: counts[2] }]);
    await expectError(
      suite.conn,
      'SELECT COUNT(*) FROM demo_sales.orders PARTITION (p209901)',
      "Getting analyzing error. Detail message: Unknown partition 'p209901' in table 'orders'.",
    );
    await expectError(
      suite.conn,
      'SELECT COUNT(*) FROM demo_sales.orders TEMPORARY PARTITION (p202401)',
      "Getting analyzing error. Detail message: Unknown partition 'p202401' in table 'orders'.",
    );
  });

  it('CAST to VARCHAR and to integers, and SUM of an INT hash as an exact BIGINT', async () => {
    await suite.conn.query('CREATE DATABASE IF NOT EXISTS vq');
    await suite.conn.query(
      'CREATE TABLE vq.t (id INT NOT NULL, name VARCHAR(20), price DECIMAL(10, 2)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2',
    );
    await suite.conn.query("INSERT INTO vq.t VALUES (1, 'hello', 1.50), (2, 'hello', NULL), (3, NULL, 2.00)");
    assert.deepEqual(
      await rows(
        suite.conn,
        "SELECT CAST(price AS VARCHAR) AS p, CAST('42' AS INT) AS i, CAST(name AS STRING) AS s FROM vq.t WHERE id = 1",
      ),
      // (The sandbox types computed columns as VARCHAR; the values are what matters here.)
      [{ p: '1.50', i: '42', s: 'hello' }],
    );
    // Two rows hash 'hello' (1321743225 each): the sum passes 2^31, so it must be a BIGINT; the NULL row adds nothing.
    assert.deepEqual(await rows(suite.conn, 'SELECT SUM(murmur_hash3_32(name)) AS h, COUNT(*) AS n FROM vq.t'), [{ h: 2643486450, n: 3 }]);
    // The verification's NULL-safe form: every row contributes, NULL and '' apart.
    const [checksum] = await rows(
      suite.conn,
      "SELECT COUNT(*) AS `row_count`, SUM(murmur_hash3_32(IFNULL(CONCAT('v', CAST(`id` AS VARCHAR)), 'n'), IFNULL(CONCAT('v', CAST(`name` AS VARCHAR)), 'n'))) AS `row_checksum` FROM `vq`.`t`",
    );
    assert.equal(checksum.row_count, 3);
    assert.equal(typeof checksum.row_checksum, 'number');
    await suite.conn.query("INSERT INTO vq.t VALUES (4, '', NULL)");
    const [after] = await rows(
      suite.conn,
      "SELECT SUM(murmur_hash3_32(IFNULL(CONCAT('v', CAST(`name` AS VARCHAR)), 'n'))) AS h FROM vq.t WHERE id IN (3, 4)",
    );
    const [nullOnly] = await rows(
      suite.conn,
      "SELECT SUM(murmur_hash3_32(IFNULL(CONCAT('v', CAST(`name` AS VARCHAR)), 'n'))) AS h FROM vq.t WHERE id = 3",
    );
    assert.notEqual(after.h, nullOnly.h, "'' and NULL hash apart");
    assert.deepEqual(await rows(suite.conn, "SELECT murmur_hash3_32('n') AS h"), [{ h: nullOnly.h }]);
  });
});
